using System.Text;
using System.Text.RegularExpressions;
using GoodwillFlow.Core.Email;
using GoodwillFlow.Workflow.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GoodwillFlow.Workflow.Email;

/// <summary>
/// The local transport: writes each message to <see cref="EmailOptions.OutboxPath"/> as
/// <c>{utc-timestamp}-{kind}-{seq}.eml</c> (opens in any mail client) plus a <c>.html</c> copy of the HTML body
/// (opens in a browser). Safe to call from many threads and processes: every name is claimed with an exclusive create.
/// </summary>
/// <param name="options">Email settings.</param>
/// <param name="timeProvider">The clock for file names and the Date header.</param>
/// <param name="logger">The logger.</param>
public sealed partial class OutboxEmailSender(
    IOptions<EmailOptions> options,
    TimeProvider timeProvider,
    ILogger<OutboxEmailSender> logger) : IEmailSender
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);
    private int _sequence;

    /// <inheritdoc />
    public async Task<EmailSendResult> SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var settings = options.Value;
        if (string.IsNullOrWhiteSpace(settings.OutboxPath))
        {
            throw new InvalidOperationException("Email__OutboxPath is empty: set the folder the outbox messages should be written to.");
        }

        var folder = Path.GetFullPath(settings.OutboxPath);
        Directory.CreateDirectory(folder);

        var now = timeProvider.GetUtcNow();
        var kind = SafeKind(EmailTags.KindOf(message));
        var from = string.IsNullOrWhiteSpace(settings.FromAddress) ? "goodwillflow@localhost" : settings.FromAddress;
        var domain = from.Contains('@', StringComparison.Ordinal) ? from[(from.LastIndexOf('@') + 1)..] : "localhost";
        var messageId = $"{Guid.NewGuid():N}@{domain}";
        var eml = MimeMessageWriter.Write(new MimeMessageWriter.Parts(
            from, settings.FromName, message.To, message.ReplyTo, message.Subject, now, messageId, message.TextBody, message.HtmlBody, message.Tags));

        var (stream, baseName) = CreateUniqueFile(folder, $"{now.UtcDateTime:yyyyMMdd'T'HHmmssfff'Z'}-{kind}");
        await using (stream)
        {
            await stream.WriteAsync(Utf8NoBom.GetBytes(eml), cancellationToken);
        }

        await File.WriteAllTextAsync(Path.Combine(folder, baseName + ".html"), message.HtmlBody, Utf8NoBom, cancellationToken);
        LogWritten(logger, kind, EmailTags.CampaignOf(message), baseName);
        return new EmailSendResult(EmailSendStatus.Sent, MessageId: messageId);
    }

    private (FileStream Stream, string BaseName) CreateUniqueFile(string folder, string stem)
    {
        while (true)
        {
            var baseName = $"{stem}-{Interlocked.Increment(ref _sequence):D4}";
            try
            {
                // CreateNew claims the name atomically, so another process writing to the same outbox cannot collide.
                return (new FileStream(Path.Combine(folder, baseName + ".eml"), FileMode.CreateNew, FileAccess.Write, FileShare.None), baseName);
            }
            catch (IOException) when (File.Exists(Path.Combine(folder, baseName + ".eml")))
            {
                // Taken by another writer; the counter moves on.
            }
        }
    }

    private static string SafeKind(string kind)
    {
        var safe = UnsafeFileNameChars().Replace(kind.ToLowerInvariant(), "-").Trim('-');
        return safe.Length == 0 ? "message" : safe[..Math.Min(safe.Length, 32)];
    }

    [GeneratedRegex("[^a-z0-9-]+")]
    private static partial Regex UnsafeFileNameChars();

    [LoggerMessage(EventId = 3211, Level = LogLevel.Information, Message = "Wrote a {Kind} message for campaign {CampaignId} to the outbox as {FileName}.eml")]
    private static partial void LogWritten(ILogger logger, string kind, string campaignId, string fileName);
}
