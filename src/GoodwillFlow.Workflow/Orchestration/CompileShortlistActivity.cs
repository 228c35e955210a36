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

        var result = await sender.SendAsync(ShortlistEmailComposer.Compose(shortlist, campaign.Settings.OwnerEmail, null, links.OwnerPageUrl(campaign)), cancellationToken);
        switch (result.Status)
        {
            case EmailSendStatus.Sent:
                return new CompileShortlistResult(shortlist.Entries.Count, shortlist.RepliesConsidered, true, null);
            case EmailSendStatus.PermanentFailure:
                LogEmailRefused(logger, input.CampaignId);
                return new CompileShortlistResult(
                    shortlist.Entries.Count,
                    shortlist.RepliesConsidered,
                    false,
                    $"The shortlist is stored, but the email provider refused to send it: {result.FailureReason ?? "no reason given"}");
            default:
                throw new EmailSendDeferredException(result.Status, result.RetryAfter);
        }
    }

    [LoggerMessage(EventId = 3111, Level = LogLevel.Information, Message = "Campaign {CampaignId}: shortlist compiled with {Entries} entries from {Replies} replies")]
    private static partial void LogCompiled(ILogger logger, string campaignId, int entries, int replies);

    [LoggerMessage(EventId = 3112, Level = LogLevel.Error, Message = "Campaign {CampaignId}: the shortlist email was refused permanently by the provider")]
    private static partial void LogEmailRefused(ILogger logger, string campaignId);
}
