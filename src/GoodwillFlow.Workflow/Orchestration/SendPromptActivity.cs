using GoodwillFlow.Core.Email;
using GoodwillFlow.Core.Planning;
using GoodwillFlow.Core.Prompts;
using GoodwillFlow.Workflow.Email;
using GoodwillFlow.Workflow.Replies;
using GoodwillFlow.Workflow.Storage;
using Microsoft.Extensions.Logging;

namespace GoodwillFlow.Workflow.Orchestration;

/// <summary>
/// Sends one reflection prompt to the owner, at most once per connection: the send is claimed in storage first, and a
/// claim that is already taken means the prompt went out (or is going out) and nothing is sent.
/// </summary>
public sealed partial class SendPromptActivity(
    ICampaignStore store,
    IEmailSender sender,
    ReplyLinks links,
    TimeProvider time,
    ILogger<SendPromptActivity> logger) : ICampaignActivity<SendPromptInput, SendPromptResult>
{
    /// <inheritdoc/>
    /// <exception cref="EmailSendDeferredException">The provider throttled or failed transiently; the claim was released so a retry can send.</exception>
    public async Task<SendPromptResult> RunAsync(SendPromptInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!await store.TryClaimSendAsync(input.CampaignId, input.ConnectionId, cancellationToken)
            && !await IsLeftClaimedAndSafeToResendAsync(input, cancellationToken))
        {
            LogAlreadySent(logger, input.CampaignId, input.Sequence);
            return new SendPromptResult(SendPromptOutcome.AlreadySent);
        }

        EmailSendResult result;
        try
        {
            var campaign = await store.FindCampaignAsync(input.CampaignId, cancellationToken);
            var connection = await store.FindConnectionAsync(input.CampaignId, input.ConnectionId, cancellationToken);
            if (campaign is null || connection is null)
            {
                await store.ReleaseClaimAsync(input.CampaignId, input.ConnectionId, cancellationToken);
                LogMissing(logger, input.CampaignId, input.Sequence);
                return new SendPromptResult(SendPromptOutcome.Missing);
            }

            var now = time.GetUtcNow();
            var prompt = ReflectionPromptBuilder.Build(connection.Connection, OwnersToday(campaign, now), connection.Evidence);
            var token = links.IssueToken(input.CampaignId, input.ConnectionId);
            var message = PromptEmailComposer.Compose(
                prompt,
                new PromptEmailContext(
                    campaign.Settings.OwnerEmail,
                    input.CampaignId,
                    links.PageUrl(token),
                    links.ReplyToAddress(token),
                    input.Sequence + 1,
                    Math.Max(input.Total, input.Sequence + 1),
                    links.OwnerPageUrl(campaign)));
            result = await sender.SendAsync(message.WithReplyToken(token), cancellationToken);
        }
        catch
        {
            // Senders report the provider's answers as results, so an exception means nothing was accepted: free the claim for the retry.
            await store.ReleaseClaimAsync(input.CampaignId, input.ConnectionId, CancellationToken.None);
            throw;
        }

        switch (result.Status)
        {
            case EmailSendStatus.Sent:
                var sentAt = time.GetUtcNow();
                await store.MarkSentAsync(input.CampaignId, input.ConnectionId, sentAt, cancellationToken);
                LogSent(logger, input.CampaignId, input.Sequence);
                return new SendPromptResult(SendPromptOutcome.Sent, sentAt);

            case EmailSendStatus.PermanentFailure:
                await store.ReleaseClaimAsync(input.CampaignId, input.ConnectionId, cancellationToken);
                LogPermanentFailure(logger, input.CampaignId, input.Sequence);
                return new SendPromptResult(
                    SendPromptOutcome.PermanentFailure,
                    FailureReason: string.IsNullOrWhiteSpace(result.FailureReason)
                        ? "The email provider refused the prompt email. Check the email settings, then resume the campaign."
                        : result.FailureReason);

            default:
                await store.ReleaseClaimAsync(input.CampaignId, input.ConnectionId, cancellationToken);
                LogDeferred(logger, input.CampaignId, input.Sequence, result.Status);
                throw new EmailSendDeferredException(result.Status, result.RetryAfter);
        }
    }

    /// <summary>"Today" where the owner is, so "connected for 6 years" turns over on the owner's anniversary, not UTC's.</summary>
    internal static DateOnly OwnersToday(CampaignRecord campaign, DateTimeOffset now) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, DripPlanner.Validate(campaign.Settings.Cadence)).DateTime);

    /// <summary>
    /// A crash between a send and its sent mark leaves the prompt claimed. With a transport that delivers a repeated
    /// prompt once, this retry sends it again (and so it is not lost); with any other it stays unsent rather than risk
    /// arriving twice.
    /// </summary>
    private async Task<bool> IsLeftClaimedAndSafeToResendAsync(SendPromptInput input, CancellationToken cancellationToken) =>
        sender.ResendsAreDeduplicated
        && await store.FindConnectionAsync(input.CampaignId, input.ConnectionId, cancellationToken) is { SendState: PromptSendState.Claimed };

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Campaign {CampaignId}: prompt {Sequence} sent")]
    private static partial void LogSent(ILogger logger, string campaignId, int sequence);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Information, Message = "Campaign {CampaignId}: prompt {Sequence} was already sent; nothing sent again")]
    private static partial void LogAlreadySent(ILogger logger, string campaignId, int sequence);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Warning, Message = "Campaign {CampaignId}: prompt {Sequence} refers to a connection that is no longer stored")]
    private static partial void LogMissing(ILogger logger, string campaignId, int sequence);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Warning, Message = "Campaign {CampaignId}: prompt {Sequence} deferred, the provider answered {Status}")]
    private static partial void LogDeferred(ILogger logger, string campaignId, int sequence, EmailSendStatus status);

    [LoggerMessage(EventId = 3105, Level = LogLevel.Error, Message = "Campaign {CampaignId}: prompt {Sequence} refused permanently by the provider")]
    private static partial void LogPermanentFailure(ILogger logger, string campaignId, int sequence);
}
