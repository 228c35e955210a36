using GoodwillFlow.Core.Email;
using GoodwillFlow.Core.Prompts;
using GoodwillFlow.Workflow.Email;
using GoodwillFlow.Workflow.Replies;
using GoodwillFlow.Workflow.Storage;
using Microsoft.Extensions.Logging;

namespace GoodwillFlow.Workflow.Orchestration;

/// <summary>
/// Sends one day's prompts to the owner in one digest email, each prompt at most once: every prompt's send is claimed
/// in storage first (as <see cref="SendPromptActivity"/> does), only the claimed ones go into the email, and each is
/// marked sent when the provider accepts it.
/// </summary>
public sealed partial class SendDigestActivity(
    ICampaignStore store,
    IEmailSender sender,
    ReplyLinks links,
    TimeProvider time,
    ILogger<SendDigestActivity> logger) : ICampaignActivity<SendDigestInput, SendDigestResult>
{
    /// <inheritdoc/>
    /// <exception cref="EmailSendDeferredException">The provider throttled or failed transiently; the claims were released so a retry can send.</exception>
    public async Task<SendDigestResult> RunAsync(SendDigestInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var claimed = new List<DigestPrompt>();
        var anyClaimed = false;
        var sent = await ClaimedEmailSend.SendAsync(
            sender,
            time,
            async ct =>
            {
                (var message, anyClaimed) = await ClaimAndComposeAsync(input, claimed, ct);
                return message;
            },
            _ => ReleaseAsync(input.CampaignId, claimed),
            (sentAt, ct) => MarkSentAsync(input.CampaignId, claimed, sentAt, ct),
            cancellationToken);
        switch (sent.Status)
        {
            case null when !anyClaimed:
                LogNothingToSend(logger, input.CampaignId, input.Prompts.Count);
                return new SendDigestResult(0, SendPromptOutcome.AlreadySent);

            case null:
                return new SendDigestResult(0, SendPromptOutcome.Missing);

            case EmailSendStatus.Sent:
                LogSent(logger, input.CampaignId, claimed.Count);
                return new SendDigestResult(claimed.Count, SendPromptOutcome.Sent, sent.SentAt);

            case EmailSendStatus.PermanentFailure:
                LogPermanentFailure(logger, input.CampaignId, claimed.Count);
                return new SendDigestResult(
                    0,
                    SendPromptOutcome.PermanentFailure,
                    FailureReason: sent.FailureReasonOr("The email provider refused the digest email. Check the email settings, then resume the campaign."));

            default:
                LogDeferred(logger, input.CampaignId, claimed.Count, sent.Status.Value);
                throw sent.Deferred();
        }
    }

    /// <summary>
    /// Claims each prompt's send into <paramref name="claimed"/> and composes the digest of the claimed ones (released and
    /// dropped from <paramref name="claimed"/> when the campaign is no longer stored); null when none is left, and
    /// whether any prompt was claimed at all.
    /// </summary>
    private async Task<(EmailMessage? Message, bool AnyClaimed)> ClaimAndComposeAsync(SendDigestInput input, List<DigestPrompt> claimed, CancellationToken cancellationToken)
    {
        // The claim returns the connection's row, so each person is read once.
        var rows = new List<(DigestPrompt Prompt, CampaignConnection Connection)>();
        foreach (var prompt in input.Prompts)
        {
            if (await ClaimedEmailSend.ClaimPromptAsync(store, sender, input.CampaignId, prompt.ConnectionId, cancellationToken) is { } row)
            {
                claimed.Add(prompt);
                rows.Add((prompt, row));
            }
        }

        if (claimed.Count == 0)
        {
            return (null, false);
        }

        var campaign = await store.FindCampaignAsync(input.CampaignId, cancellationToken);
        var now = time.GetUtcNow();
        var entries = new List<(DigestPrompt Prompt, DigestEntry Entry, string Token)>();
        foreach (var (prompt, connection) in rows)
        {
            if (campaign is null)
            {
                await store.ReleaseClaimAsync(input.CampaignId, prompt.ConnectionId, cancellationToken);
                claimed.Remove(prompt);
                continue;
            }

            var token = links.IssueToken(input.CampaignId, prompt.ConnectionId);
            var built = ReflectionPromptBuilder.Build(connection.Connection, SendPromptActivity.OwnersToday(campaign, now), connection.Evidence);
            entries.Add((prompt, new DigestEntry(built, links.PageUrl(token), prompt.Sequence + 1), token));
        }

        if (campaign is null || entries.Count == 0)
        {
            return (null, true);
        }

        // The first person's token routes the reply and its Message-ID; the reply's quoted links name the others.
        var message = DigestEmailComposer.Compose(
            entries.ConvertAll(e => e.Entry),
            new DigestEmailContext(
                campaign.Settings.OwnerEmail,
                input.CampaignId,
                links.ReplyToAddress(entries[0].Token),
                SendPromptActivity.OwnersToday(campaign, now),
                Math.Max(input.Total, claimed[^1].Sequence + 1),
                links.OwnerPageUrl(campaign)));
        return (message.WithReplyToken(entries[0].Token), true);
    }

    private async Task MarkSentAsync(string campaignId, IEnumerable<DigestPrompt> claimed, DateTimeOffset sentAt, CancellationToken cancellationToken)
    {
        foreach (var prompt in claimed)
        {
            await store.MarkSentAsync(campaignId, prompt.ConnectionId, sentAt, cancellationToken);
        }
    }

    private async Task ReleaseAsync(string campaignId, IEnumerable<DigestPrompt> claimed)
    {
        foreach (var prompt in claimed)
        {
            await store.ReleaseClaimAsync(campaignId, prompt.ConnectionId, CancellationToken.None);
        }
    }

    [LoggerMessage(EventId = 3131, Level = LogLevel.Information, Message = "Campaign {CampaignId}: digest of {Count} prompts sent")]
    private static partial void LogSent(ILogger logger, string campaignId, int count);

    [LoggerMessage(EventId = 3132, Level = LogLevel.Information, Message = "Campaign {CampaignId}: the {Count} prompts of a digest were already sent; nothing sent again")]
    private static partial void LogNothingToSend(ILogger logger, string campaignId, int count);

    [LoggerMessage(EventId = 3133, Level = LogLevel.Warning, Message = "Campaign {CampaignId}: digest of {Count} prompts deferred, the provider answered {Status}")]
    private static partial void LogDeferred(ILogger logger, string campaignId, int count, EmailSendStatus status);

    [LoggerMessage(EventId = 3134, Level = LogLevel.Error, Message = "Campaign {CampaignId}: digest of {Count} prompts refused permanently by the provider")]
    private static partial void LogPermanentFailure(ILogger logger, string campaignId, int count);
}
