using System.Net;
using System.Net.Sockets;

namespace GoodwillFlow.Cli.Tests.Run;

/// <summary><c>goodwill run</c> on a port another program holds (issue 8, defect 7).</summary>
public class RunCommandPortTests
{
    [Fact]
    public async Task A_busy_port_is_named_with_the_option_to_pick_another_and_nothing_is_left_running()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((IPEndPoint)squatter.LocalEndpoint).Port;
        var data = Directory.CreateTempSubdirectory("goodwill-busy-port-");
        try
        {
            var run = await CliRun.RunAsync("run", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--data", data.FullName);

            Assert.Equal(3, run.ExitCode);
            Assert.Contains($"127.0.0.1:{port} is already in use", run.Error, StringComparison.Ordinal);
            Assert.Contains("--port", run.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("Exception", run.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", run.Error + run.Output, StringComparison.Ordinal);
            Assert.Empty(ProcessesUsing(data.FullName));
            Assert.False(File.Exists(Path.Combine(data.FullName, "runtime.json")));
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    /// <summary>Processes whose command line names the folder (an Azurite started for it would).</summary>
    private static List<int> ProcessesUsing(string folder)
    {
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            try
            {
                var commandLine = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                if (commandLine.Contains(folder, StringComparison.Ordinal))
                {
                    found.Add(pid);
                }
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return found;
    }
}
