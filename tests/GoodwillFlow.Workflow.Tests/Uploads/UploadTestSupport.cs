using System.Collections.Concurrent;
using System.Text;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging;

namespace GoodwillFlow.Workflow.Tests.Uploads;

/// <summary>Exports that are not connections exports.</summary>
internal static class ConnectionsCsv
{
    public static byte[] Messages() =>
        Encoding.UTF8.GetBytes(
            "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER\n" +
            "2-abc,,Ada Lovelace,https://www.linkedin.com/in/ada,Grace Hopper,https://www.linkedin.com/in/grace,2024-02-14 10:00:00 UTC,,Hello,INBOX\n");
}

/// <summary>A real Azurite blob client that counts downloads, to prove a refused file is never read.</summary>
internal sealed class DownloadCountingBlobClient(string connectionString, string container, string name)
    : BlobClient(connectionString, container, name)
{
    private int _downloads;

    public int Downloads => _downloads;

    public override Task<Azure.Response> DownloadToAsync(Stream destination, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _downloads);
        return base.DownloadToAsync(destination, cancellationToken);
    }
}

/// <summary>Keeps every formatted log line, so tests can check that no personal data is logged.</summary>
internal sealed class ListLogger<T> : ILogger<T>
{
    public ConcurrentQueue<(LogLevel Level, EventId Id, string Message)> Entries { get; } = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Entries.Enqueue((logLevel, eventId, formatter(state, exception)));
}
