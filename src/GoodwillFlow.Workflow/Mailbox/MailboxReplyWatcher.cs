using GoodwillFlow.Workflow.Email;
using GoodwillFlow.Workflow.Replies;
using GoodwillFlow.Workflow.Storage;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace GoodwillFlow.Workflow.Mailbox;

/// <summary>What one pass over the watched folder did.</summary>
/// <param name="Examined">New messages looked at.</param>
/// <param name="Recorded">Replies recorded.</param>
/// <param name="Ignored">Messages left alone (not replies to prompts, or not from the owner).</param>
public sealed record MailboxPass(int Examined, int Recorded, int Ignored);

/// <summary>
/// Picks replies to prompts out of the owner's mailbox over IMAP, for owners without SendGrid Inbound Parse. Each pass
/// reads the messages after the last UID it handled (remembered per UIDVALIDITY in <see cref="IMailboxCheckpointStore"/>),
/// skips any not sent by a campaign owner, hands the rest to <see cref="EmailReplyIntake"/> (the same matching, parsing
/// and recording as Inbound Parse), and marks a recorded reply read or moves it to <see cref="MailboxOptions.MoveToFolder"/>.
/// Other mail is only peeked at (no flag changes, no moves). A reply seen again after a crash is recognised and not
/// recorded twice. <see cref="WatchAsync"/> keeps a connection open with IDLE (polling where the server has none) and
/// reconnects after drops; <see cref="PollOnceAsync"/> is one pass, for a timer.
/// </summary>
public sealed partial class MailboxReplyWatcher(
    IOptions<MailboxOptions> options,
    IMailboxCheckpointStore checkpoints,
    ICampaignStore campaigns,
    EmailReplyIntake intake,
    TimeProvider time,
    ILogger<MailboxReplyWatcher> logger)
{
    /// <summary>The IMAPS port.</summary>
    public const int ImplicitTlsPort = 993;

    /// <summary>The IMAP port (STARTTLS).</summary>
    public const int StartTlsPort = 143;

    private static readonly TimeSpan MaxReconnectDelay = TimeSpan.FromMinutes(5);

    /// <summary>Connects, handles the new mail once and disconnects. Does nothing when no IMAP host is set.</summary>
    public async Task<MailboxPass> PollOnceAsync(DurableTaskClient durable, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return new MailboxPass(0, 0, 0);
        }

        ThrowIfMisconfigured(settings);
        using var client = new ImapClient();
        await settings.Server().ConnectAsync(client, ImplicitTlsPort, StartTlsPort, cancellationToken);
        var folder = await OpenAsync(client, settings, cancellationToken);
        var pass = await ProcessAsync(client, folder, settings, durable, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
        return pass;
    }

    /// <summary>Watches until cancelled: a pass, then IDLE (or a poll) until new mail, again; reconnects after errors with back-off.</summary>
    public async Task WatchAsync(DurableTaskClient durable, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return;
        }

        ThrowIfMisconfigured(settings);
        var delay = TimeSpan.FromSeconds(1);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                using var client = new ImapClient();
                await settings.Server().ConnectAsync(client, ImplicitTlsPort, StartTlsPort, cancellationToken);
                var folder = await OpenAsync(client, settings, cancellationToken);
                var idle = client.Capabilities.HasFlag(ImapCapabilities.Idle);
                LogWatching(logger, idle ? "IDLE" : "polling");
                while (!cancellationToken.IsCancellationRequested)
                {
                    await ProcessAsync(client, folder, settings, durable, cancellationToken);
                    delay = TimeSpan.FromSeconds(1);
                    if (idle)
                    {
                        await IdleUntilNewMailAsync(client, folder, settings.IdleRefresh, cancellationToken);
                    }
                    else
                    {
                        await Task.Delay(settings.PollInterval, time, cancellationToken);
                        await client.NoOpAsync(cancellationToken);
                    }
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (MailKit.Security.AuthenticationException)
            {
                LogLoginRefused(logger);
                delay = MaxReconnectDelay;
            }
            catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or ImapProtocolException
                or ImapCommandException or ServiceNotConnectedException or MailKit.Security.SslHandshakeException
                or TimeoutException or OperationCanceledException or Azure.RequestFailedException)
            {
                LogConnectionLost(logger, ex.GetType().Name, delay);
            }

            try
            {
                await Task.Delay(delay, time, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxReconnectDelay.Ticks));
        }
    }

    private static void ThrowIfMisconfigured(MailboxOptions settings)
    {
        if (settings.Server().Problem("Mailbox__Imap") is { } problem)
        {
            throw new InvalidOperationException("The IMAP reply watcher is on, but " + problem);
        }
    }

    private static async Task IdleUntilNewMailAsync(ImapClient client, IMailFolder folder, TimeSpan refresh, CancellationToken cancellationToken)
    {
        using var done = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        done.CancelAfter(refresh);
        void OnCountChanged(object? sender, EventArgs e) => done.Cancel();
        folder.CountChanged += OnCountChanged;
        try
        {
            await client.IdleAsync(done.Token, cancellationToken);
        }
        finally
        {
            folder.CountChanged -= OnCountChanged;
        }
    }

    private static async Task<IMailFolder> OpenAsync(ImapClient client, MailboxOptions settings, CancellationToken cancellationToken)
    {
        var folder = string.Equals(settings.Folder, "INBOX", StringComparison.OrdinalIgnoreCase) || string.IsNullOrWhiteSpace(settings.Folder)
            ? client.Inbox
            : await client.GetFolderAsync(settings.Folder, cancellationToken);
        await folder.OpenAsync(FolderAccess.ReadWrite, cancellationToken);
        return folder;
    }

    private async Task<MailboxPass> ProcessAsync(
        ImapClient client, IMailFolder folder, MailboxOptions settings, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        var key = $"{settings.ImapHost}|{settings.ImapUser}|{folder.FullName}";
        var checkpoint = await checkpoints.FindAsync(key, cancellationToken);
        SearchQuery query;
        if (checkpoint is not null && checkpoint.UidValidity == folder.UidValidity)
        {
            query = SearchQuery.Uids(new UniqueIdRange(new UniqueId(checkpoint.LastUid + 1), UniqueId.MaxValue));
        }
        else
        {
            // First pass, or the server renumbered the folder: look back a little, not through years of mail.
            query = SearchQuery.DeliveredAfter(time.GetUtcNow().UtcDateTime - settings.FirstLookBack);
        }

        var lastUid = checkpoint is not null && checkpoint.UidValidity == folder.UidValidity ? checkpoint.LastUid : 0;
        var uids = (await folder.SearchAsync(query, cancellationToken)).Where(u => u.Id > lastUid).OrderBy(u => u.Id).ToList();
        if (uids.Count == 0)
        {
            if (checkpoint is null || checkpoint.UidValidity != folder.UidValidity)
            {
                await checkpoints.SaveAsync(key, new MailboxCheckpoint(folder.UidValidity, lastUid), cancellationToken);
            }

            return new MailboxPass(0, 0, 0);
        }

        var owners = (await campaigns.ListCampaignsAsync(cancellationToken))
            .Select(c => Http.InboundMail.Address(c.Settings.OwnerEmail))
            .OfType<string>()
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var summaries = (await folder.FetchAsync(uids, MessageSummaryItems.UniqueId | MessageSummaryItems.Envelope | MessageSummaryItems.Size, cancellationToken))
            .ToDictionary(s => s.UniqueId.Id);
        IMailFolder? destination = null;
        var (recorded, ignored) = (0, 0);
        foreach (var uid in uids)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var ours = false;
            if (summaries.TryGetValue(uid.Id, out var summary)
                && summary.Envelope?.From.Mailboxes.Any(m => owners.Contains(m.Address)) == true
                && (summary.Size ?? 0) <= settings.MaxMessageBytes)
            {
                // GetMessage reads with BODY.PEEK: looking does not mark anything read.
                var message = await folder.GetMessageAsync(uid, cancellationToken);

                // The prompts themselves land in the owner's inbox too (sent to self): they quote their own links.
                var result = IsOurOwnMessage(message)
                    ? new EmailIntakeResult(EmailIntakeStatus.Dropped, "a prompt, not a reply")
                    : await intake.RecordAsync(ToInboundEmail(message), durable, cancellationToken);
                if (result.Status is EmailIntakeStatus.Recorded or EmailIntakeStatus.AlreadyRecorded)
                {
                    ours = true;
                    recorded += result.Status == EmailIntakeStatus.Recorded ? 1 : 0;
                    destination ??= await DestinationAsync(client, settings, cancellationToken);
                    if (destination is null)
                    {
                        await folder.AddFlagsAsync(uid, MessageFlags.Seen, silent: true, cancellationToken);
                    }
                    else
                    {
                        await folder.AddFlagsAsync(uid, MessageFlags.Seen, silent: true, cancellationToken);
                        await folder.MoveToAsync(uid, destination, cancellationToken);
                    }

                    LogReplyHandled(logger, result.Status.ToString());
                }
                else
                {
                    LogIgnored(logger, result.Reason ?? "not a reply");
                }
            }

            ignored += ours ? 0 : 1;
            await checkpoints.SaveAsync(key, new MailboxCheckpoint(folder.UidValidity, uid.Id), cancellationToken);
        }

        return new MailboxPass(uids.Count, recorded, ignored);
    }

    private static bool IsOurOwnMessage(MimeMessage message) =>
        message.Headers.Contains(MimeMessageBuilder.TagsHeader) || PromptMessageIds.Tokens([message.MessageId]).Any();

    private static InboundEmail ToInboundEmail(MimeMessage message) => new(
        [.. message.To.Mailboxes.Select(m => m.Address), .. message.Cc.Mailboxes.Select(m => m.Address), .. message.Headers.Where(h => h.Field.Equals("Delivered-To", StringComparison.OrdinalIgnoreCase)).Select(h => h.Value)],
        [message.InReplyTo, .. message.References],
        message.Headers[HeaderId.ReturnPath],
        message.From.ToString(),
        message.TextBody,
        message.HtmlBody);

    private static async Task<IMailFolder?> DestinationAsync(ImapClient client, MailboxOptions settings, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(settings.MoveToFolder))
        {
            return null;
        }

        try
        {
            return await client.GetFolderAsync(settings.MoveToFolder, cancellationToken);
        }
        catch (FolderNotFoundException)
        {
            var root = client.GetFolder(client.PersonalNamespaces[0]);
            return await root.CreateAsync(settings.MoveToFolder, isMessageFolder: true, cancellationToken);
        }
    }

    [LoggerMessage(EventId = 3401, Level = LogLevel.Information, Message = "Watching the mailbox for replies ({Mode})")]
    private static partial void LogWatching(ILogger logger, string mode);

    [LoggerMessage(EventId = 3402, Level = LogLevel.Information, Message = "Emailed reply handled: {Status}")]
    private static partial void LogReplyHandled(ILogger logger, string status);

    [LoggerMessage(EventId = 3403, Level = LogLevel.Information, Message = "Mail from the owner left alone: {Reason}")]
    private static partial void LogIgnored(ILogger logger, string reason);

    [LoggerMessage(EventId = 3404, Level = LogLevel.Warning, Message = "The mailbox connection failed ({ErrorType}); reconnecting in {Delay}")]
    private static partial void LogConnectionLost(ILogger logger, string errorType, TimeSpan delay);

    [LoggerMessage(EventId = 3405, Level = LogLevel.Error, Message = "The IMAP server refused the login: check Mailbox__ImapUser and the password (an app password for Gmail or Outlook)")]
    private static partial void LogLoginRefused(ILogger logger);
}
