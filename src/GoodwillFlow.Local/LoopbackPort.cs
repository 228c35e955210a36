using System.Net;
using System.Net.Sockets;

namespace GoodwillFlow.Local;

/// <summary>Free ports on 127.0.0.1, for the local runtime's services.</summary>
internal static class LoopbackPort
{
    /// <summary>Returns a port that was free a moment ago (the caller binds it, and retries if it lost a race for it).</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
