using System.Collections.Concurrent;
using System.Text;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging;

namespace GoodwillFlow.Workflow.Tests.Uploads;

/// <summary>One row of a test export.</summary>
internal sealed record ExportRow(string FirstName, string LastName, string Slug, string Company = "Fabrikam", string Position = "Engineer", string ConnectedOn = "14 Feb 2024")
{
    public string Url => $"https://www.linkedin.com/in/{Slug}";
}

/// <summary>Writes Connections.csv the way LinkedIn exports it today (preamble, then the header row).</summary>
internal static class ConnectionsCsv
{
    private const string Preamble =
        "Notes:\n" +
        "\"When exporting your connection data, you may notice that some of the email addresses are missing. You will only see email addresses for connected members who have allowed their connections to see or download their email address using this setting https://www.linkedin.com/psettings/privacy/email. To learn more, visit https://www.linkedin.com/help/linkedin/answer/261\"\n" +
        "\n";

    public static byte[] Of(IEnumerable<ExportRow> rows) =>
        Encoding.UTF8.GetBytes(
            Preamble + "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n" +
            string.Concat(rows.Select(r => $"{r.FirstName},{r.LastName},{r.Url},,{r.Company},{r.Position},{r.ConnectedOn}\n")));

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
