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

        // The campaign is read while the send is claimed, and the claim returns the connection's row: one round trip and
        // three reads before the email, not four reads one after another.
        var campaignRead = store.FindCampaignAsync(input.CampaignId, cancellationToken);
        var connection = await ClaimedEmailSend.ClaimPromptAsync(store, sender, input.CampaignId, input.ConnectionId, cancellationToken);
        if (connection is null)
        {
            // Nothing to send; a failed campaign read does not matter then.
            _ = campaignRead.ContinueWith(static read => read.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            LogAlreadySent(logger, input.CampaignId, input.Sequence);
            return new SendPromptResult(SendPromptOutcome.AlreadySent);
        }

        var sent = await ClaimedEmailSend.SendAsync(
            sender,
            time,
            async ct => Compose(input, await campaignRead, connection),
            ct => store.ReleaseClaimAsync(input.CampaignId, input.ConnectionId, ct),
            (sentAt, ct) => store.MarkSentAsync(input.CampaignId, input.ConnectionId, sentAt, ct),
            cancellationToken);
        switch (sent.Status)
        {
            case null:
                LogMissing(logger, input.CampaignId, input.Sequence);
                return new SendPromptResult(SendPromptOutcome.Missing);

            case EmailSendStatus.Sent:
                LogSent(logger, input.CampaignId, input.Sequence);
                return new SendPromptResult(SendPromptOutcome.Sent, sent.SentAt);

            case EmailSendStatus.PermanentFailure:
                LogPermanentFailure(logger, input.CampaignId, input.Sequence);
                return new SendPromptResult(
                    SendPromptOutcome.PermanentFailure,
                    FailureReason: sent.FailureReasonOr("The email provider refused the prompt email. Check the email settings, then resume the campaign."));

            default:
                LogDeferred(logger, input.CampaignId, input.Sequence, sent.Status.Value);
                throw sent.Deferred();
        }
    }

    /// <summary>The prompt email, or null when the campaign is no longer stored.</summary>
    private EmailMessage? Compose(SendPromptInput input, CampaignRecord? campaign, CampaignConnection connection)
    {
        if (campaign is null)
        {
            return null;
        }

        var prompt = ReflectionPromptBuilder.Build(connection.Connection, OwnersToday(campaign, time.GetUtcNow()), connection.Evidence);
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
        return message.WithReplyToken(token);
    }

    /// <summary>"Today" where the owner is, so "connected for 6 years" turns over on the owner's anniversary, not UTC's.</summary>
    internal static DateOnly OwnersToday(CampaignRecord campaign, DateTimeOffset now) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, DripPlanner.Validate(campaign.Settings.Cadence)).DateTime);

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
