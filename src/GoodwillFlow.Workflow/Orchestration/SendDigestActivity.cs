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
        EmailSendResult result;
        try
        {
            foreach (var prompt in input.Prompts)
            {
                if (await store.TryClaimSendAsync(input.CampaignId, prompt.ConnectionId, cancellationToken))
                {
                    claimed.Add(prompt);
                }
            }

            if (claimed.Count == 0)
            {
                LogNothingToSend(logger, input.CampaignId, input.Prompts.Count);
                return new SendDigestResult(0, SendPromptOutcome.AlreadySent);
            }

            var campaign = await store.FindCampaignAsync(input.CampaignId, cancellationToken);
            var now = time.GetUtcNow();
            var entries = new List<(DigestPrompt Prompt, DigestEntry Entry, string Token)>();
            foreach (var prompt in claimed)
            {
                var connection = campaign is null ? null : await store.FindConnectionAsync(input.CampaignId, prompt.ConnectionId, cancellationToken);
                if (campaign is null || connection is null)
                {
                    await store.ReleaseClaimAsync(input.CampaignId, prompt.ConnectionId, cancellationToken);
                    continue;
                }

                var token = links.IssueToken(input.CampaignId, prompt.ConnectionId);
                var built = ReflectionPromptBuilder.Build(connection.Connection, SendPromptActivity.OwnersToday(campaign, now), connection.Evidence);
                entries.Add((prompt, new DigestEntry(built, links.PageUrl(token), prompt.Sequence + 1), token));
            }

            claimed = entries.ConvertAll(e => e.Prompt);
            if (campaign is null || entries.Count == 0)
            {
                return new SendDigestResult(0, SendPromptOutcome.Missing);
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
            result = await sender.SendAsync(message.WithReplyToken(entries[0].Token), cancellationToken);
        }
        catch
        {
            // Senders report the provider's answers as results, so an exception means nothing was accepted: free the claims for the retry.
            await ReleaseAsync(input.CampaignId, claimed);
            throw;
        }

        switch (result.Status)
        {
            case EmailSendStatus.Sent:
                var sentAt = time.GetUtcNow();
                foreach (var prompt in claimed)
                {
                    await store.MarkSentAsync(input.CampaignId, prompt.ConnectionId, sentAt, cancellationToken);
                }

                LogSent(logger, input.CampaignId, claimed.Count);
                return new SendDigestResult(claimed.Count, SendPromptOutcome.Sent, sentAt);

            case EmailSendStatus.PermanentFailure:
                await ReleaseAsync(input.CampaignId, claimed);
                LogPermanentFailure(logger, input.CampaignId, claimed.Count);
                return new SendDigestResult(
                    0,
                    SendPromptOutcome.PermanentFailure,
                    FailureReason: string.IsNullOrWhiteSpace(result.FailureReason)
                        ? "The email provider refused the digest email. Check the email settings, then resume the campaign."
                        : result.FailureReason);

            default:
                await ReleaseAsync(input.CampaignId, claimed);
                LogDeferred(logger, input.CampaignId, claimed.Count, result.Status);
                throw new EmailSendDeferredException(result.Status, result.RetryAfter);
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
