using GoodwillFlow.Core.Email;
using GoodwillFlow.Core.Shortlists;
using GoodwillFlow.Workflow.Email;
using GoodwillFlow.Workflow.Shortlists;
using GoodwillFlow.Workflow.Storage;
using Microsoft.Extensions.Logging;

namespace GoodwillFlow.Workflow.Orchestration;

/// <summary>Compiles the outreach shortlist from the replies so far, stores it (html, csv, json) and emails it to the owner.</summary>
public sealed partial class CompileShortlistActivity(
    ICampaignStore store,
    ICampaignFiles files,
    IEmailSender sender,
    Replies.ReplyLinks links,
    TimeProvider time,
    ILogger<CompileShortlistActivity> logger) : ICampaignActivity<CompileShortlistInput, CompileShortlistResult>
{
    /// <inheritdoc/>
    /// <exception cref="EmailSendDeferredException">The provider throttled or failed transiently; a retry compiles and stores again (idempotent) and resends.</exception>
    public async Task<CompileShortlistResult> RunAsync(CompileShortlistInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var campaign = await store.FindCampaignAsync(input.CampaignId, cancellationToken);
        if (campaign is null)
        {
            return new CompileShortlistResult(0, 0, false, "The campaign is no longer stored.");
        }

        // The end of the drip is when the kept counts are checked against the rows, once (a reply counted by nobody
        // because its host died between storing and counting it is counted now).
        await store.RecountProgressAsync(input.CampaignId, cancellationToken);
        var shortlist = await CampaignShortlist.CompileAsync(store, campaign, time.GetUtcNow(), cancellationToken);
        await files.SaveShortlistAsync(shortlist, cancellationToken);
        LogCompiled(logger, input.CampaignId, shortlist.Entries.Count, shortlist.RepliesConsidered);

        // Claimed first, like a prompt: a retry after a crash between the send and its mark (or a second completion of
        // this activity) finds the claim taken and does not email the owner again.
        if (!await store.TryClaimShortlistSendAsync(input.CampaignId, cancellationToken))
        {
            var state = await store.GetShortlistSendStateAsync(input.CampaignId, cancellationToken);
            if (state == PromptSendState.Sent)
            {
                LogAlreadyEmailed(logger, input.CampaignId);
                return new CompileShortlistResult(shortlist.Entries.Count, shortlist.RepliesConsidered, true, null);
            }

            if (!sender.ResendsAreDeduplicated)
            {
                // Left claimed by a crash mid-send: it may have arrived, and this transport cannot tell, so it is not sent again.
                LogLeftClaimed(logger, input.CampaignId);
                return new CompileShortlistResult(
                    shortlist.Entries.Count,
                    shortlist.RepliesConsidered,
                    false,
                    "The shortlist is stored, but sending its email was interrupted; it is not sent again in case it arrived. Open the shortlist with 'goodwill shortlist' or the shortlist page.");
            }
        }

        var sent = await ClaimedEmailSend.SendAsync(
            sender,
            time,
            _ => Task.FromResult<EmailMessage?>(ShortlistEmailComposer.Compose(shortlist, campaign.Settings.OwnerEmail, null, links.OwnerPageUrl(campaign))),
            ct => store.ReleaseShortlistClaimAsync(input.CampaignId, ct),
            (sentAt, ct) => store.MarkShortlistSentAsync(input.CampaignId, sentAt, ct),
            cancellationToken);
        switch (sent.Status)
        {
            case EmailSendStatus.Sent:
                return new CompileShortlistResult(shortlist.Entries.Count, shortlist.RepliesConsidered, true, null);
            case EmailSendStatus.PermanentFailure:
                LogEmailRefused(logger, input.CampaignId);
                return new CompileShortlistResult(
                    shortlist.Entries.Count,
                    shortlist.RepliesConsidered,
                    false,
                    $"The shortlist is stored, but the email provider refused to send it: {sent.FailureReasonOr("no reason given")}");
            default:
                throw sent.Deferred();
        }
    }

    [LoggerMessage(EventId = 3111, Level = LogLevel.Information, Message = "Campaign {CampaignId}: shortlist compiled with {Entries} entries from {Replies} replies")]
    private static partial void LogCompiled(ILogger logger, string campaignId, int entries, int replies);

    [LoggerMessage(EventId = 3112, Level = LogLevel.Error, Message = "Campaign {CampaignId}: the shortlist email was refused permanently by the provider")]
    private static partial void LogEmailRefused(ILogger logger, string campaignId);

    [LoggerMessage(EventId = 3113, Level = LogLevel.Information, Message = "Campaign {CampaignId}: the shortlist email was already sent; not sent again")]
    private static partial void LogAlreadyEmailed(ILogger logger, string campaignId);

    [LoggerMessage(EventId = 3114, Level = LogLevel.Warning, Message = "Campaign {CampaignId}: the shortlist email was left mid-send by a crash; not sent again, as it may have arrived")]
    private static partial void LogLeftClaimed(ILogger logger, string campaignId);
}
