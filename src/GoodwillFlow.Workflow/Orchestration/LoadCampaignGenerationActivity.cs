using GoodwillFlow.Workflow.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GoodwillFlow.Workflow.Orchestration;

/// <summary>Loads what one orchestration generation needs: the campaign's timing and progress and the next page of the schedule.</summary>
public sealed partial class LoadCampaignGenerationActivity(
    ICampaignStore store,
    IOptions<DripCampaignOptions> options,
    ILogger<LoadCampaignGenerationActivity> logger)
    : ICampaignActivity<LoadGenerationInput, CampaignGeneration>
{
    /// <inheritdoc/>
    public async Task<CampaignGeneration> RunAsync(LoadGenerationInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        LogLoading(logger, input.CampaignId, input.Cursor);
        var settings = options.Value;
        var pageSize = Math.Clamp(settings.PageSize, 1, 1000);
        var send = new RetrySettings(settings.SendMaxAttempts, settings.SendFirstRetryInterval, settings.SendBackoffCoefficient, settings.SendMaxRetryInterval);
        var storeRetry = new RetrySettings(settings.StoreMaxAttempts, settings.StoreFirstRetryInterval, 2.0, TimeSpan.FromMinutes(5));

        var campaign = await store.FindCampaignAsync(input.CampaignId, cancellationToken);
        if (campaign is null)
        {
            return new CampaignGeneration(false, CampaignState.Stopped, null, TimeSpan.Zero, 0, 0, 0, [], true, send, storeRetry, settings.CatchUpAfter);
        }

        // The kept counters: one read, so a page boundary costs the same at the last page of 30,000 as at the first.
        var pageRead = store.GetSchedulePageAsync(input.CampaignId, input.Cursor, pageSize, cancellationToken);
        var progressRead = store.GetProgressAsync(input.CampaignId, cancellationToken);
        IReadOnlyList<CampaignConnection> page = await pageRead;
        var progress = await progressRead;
        if (progress.Importing)
        {
            // Rows are still being stored side by side: send only the run without gaps, the rest comes with the next page.
            page = page.TakeWhile((c, i) => c.Sequence == input.Cursor + i).ToList();
        }

        return new CampaignGeneration(
            true,
            campaign.State,
            campaign.StateReason,
            campaign.Settings.GracePeriod,
            progress.Total,
            progress.Sent,
            progress.Replied,
            page.Select(c => new ScheduledPrompt(c.Sequence, c.Connection.Id, c.PlannedAt, c.IsDone)).ToList(),
            page.Count < pageSize && !progress.Importing,
            send,
            storeRetry,
            settings.CatchUpAfter,
            progress.Importing,
            settings.Delivery == PromptDelivery.Digest ? campaign.Settings.Cadence.TimeZone : null,
            settings.ReplanDebounce);
    }

    [LoggerMessage(EventId = 3141, Level = LogLevel.Information, Message = "Campaign {CampaignId}: loading the schedule page from prompt {Cursor}")]
    private static partial void LogLoading(ILogger logger, string campaignId, int cursor);
}
