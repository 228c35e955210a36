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
/// (opens in a browser). The .eml holds exactly the bytes the SMTP sender would send (<see cref="MimeMessageBuilder"/>). Safe to call from many threads and processes: every name is claimed with an exclusive create.
/// A prompt (a message tagged with a campaign and a sequence) is written once: its name ends in
/// <c>{campaign}-{sequence}</c>, and sending it again finds the file and writes nothing. A campaign's shortlist is
/// written once too (its name ends in <c>shortlist-{campaign}</c>).
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
    public bool ResendsAreDeduplicated => true;

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
        var mime = MimeMessageBuilder.Build(message, settings, now);
        var messageId = mime.MessageId;
        var eml = MimeMessageBuilder.ToBytes(mime);

        var stem = $"{now.UtcDateTime:yyyyMMdd'T'HHmmssfff'Z'}-{kind}";
        if (DeliveryKey(message, kind) is { } key)
        {
            if (Directory.EnumerateFiles(folder, $"*-{key}.eml").FirstOrDefault() is { } earlier)
            {
                LogAlreadyWritten(logger, kind, EmailTags.CampaignOf(message), Path.GetFileNameWithoutExtension(earlier));
                return new EmailSendResult(EmailSendStatus.Sent, MessageId: Path.GetFileNameWithoutExtension(earlier));
            }

            // The .html first, then the .eml under its final name in one rename: a crash leaves either no .eml (and the
            // prompt is written again) or a whole one (and it is not).
            var keyed = $"{stem}-{key}";
            var temporary = Path.Combine(folder, $".{keyed}.{Guid.NewGuid():N}.tmp");
            await File.WriteAllTextAsync(Path.Combine(folder, keyed + ".html"), message.HtmlBody, Utf8NoBom, cancellationToken);
            await File.WriteAllBytesAsync(temporary, eml, cancellationToken);
            File.Move(temporary, Path.Combine(folder, keyed + ".eml"));
            LogWritten(logger, kind, EmailTags.CampaignOf(message), keyed);
            return new EmailSendResult(EmailSendStatus.Sent, MessageId: messageId);
        }

        var (stream, baseName) = CreateUniqueFile(folder, stem);
        await using (stream)
        {
            await stream.WriteAsync(eml, cancellationToken);
        }

        await File.WriteAllTextAsync(Path.Combine(folder, baseName + ".html"), message.HtmlBody, Utf8NoBom, cancellationToken);
        LogWritten(logger, kind, EmailTags.CampaignOf(message), baseName);
        return new EmailSendResult(EmailSendStatus.Sent, MessageId: messageId);
    }

    /// <summary>
    /// Returns <c>{campaign}-{sequence}</c> for a message that must be written once (a prompt or a digest),
    /// <c>{campaign}</c> for a campaign's shortlist (also written once), else null.
    /// </summary>
    private static string? DeliveryKey(EmailMessage message, string kind)
    {
        if (EmailTags.CampaignOf(message) is not { Length: > 0 } campaign || !Core.Connections.ConnectionId.IsValid(campaign))
        {
            return null;
        }

        return message.Tags.TryGetValue("sequence", out var sequence) && int.TryParse(sequence, out var number) ? $"{campaign}-{number:D5}"
            : kind == ShortlistEmailComposer.Kind ? campaign
            : null;
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

    [LoggerMessage(EventId = 3212, Level = LogLevel.Information, Message = "The {Kind} message for campaign {CampaignId} is already in the outbox as {FileName}.eml; not written again")]
    private static partial void LogAlreadyWritten(ILogger logger, string kind, string campaignId, string fileName);

    [LoggerMessage(EventId = 3211, Level = LogLevel.Information, Message = "Wrote a {Kind} message for campaign {CampaignId} to the outbox as {FileName}.eml")]
    private static partial void LogWritten(ILogger logger, string kind, string campaignId, string fileName);
}
