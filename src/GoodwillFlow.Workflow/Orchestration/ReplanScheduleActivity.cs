using GoodwillFlow.Core.Planning;
using GoodwillFlow.Workflow.Storage;
using Microsoft.Extensions.Logging;

namespace GoodwillFlow.Workflow.Orchestration;

/// <summary>
/// Re-plans the campaign's unsent prompts from a given instant with the campaign's cadence, keeping their order. Used on
/// resume and after a restart that left several prompts overdue, so the owner is never flooded with a backlog; and after
/// prompts were answered ahead or the cadence changed, so the schedule closes up over the prompts still to send.
/// </summary>
public sealed partial class ReplanScheduleActivity(ICampaignStore store, ILogger<ReplanScheduleActivity> logger)
    : ICampaignActivity<ReplanInput, ReplanResult>
{
    /// <inheritdoc/>
    public async Task<ReplanResult> RunAsync(ReplanInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        LogReplanning(logger, input.CampaignId, input.FromSequence);
        var campaign = await store.FindCampaignAsync(input.CampaignId, cancellationToken);
        if (campaign is null)
        {
            return new ReplanResult(0, null);
        }

        // Only the prompts still to send, from the cursor on (one range read of the schedule's small index rows), and the
        // campaign's size from its counters; while an upload is still being stored the stored rows are the size, as before.
        var progress = await store.GetProgressAsync(input.CampaignId, cancellationToken);
        IReadOnlyList<ScheduleSlot> remaining;
        int size;
        if (progress.Importing)
        {
            var connections = await store.GetConnectionsAsync(input.CampaignId, cancellationToken);
            (remaining, size) = (ScheduleSlot.OpenFrom(connections, input.FromSequence), connections.Count);
        }
        else
        {
            (remaining, size) = (await store.GetOpenScheduleAsync(input.CampaignId, input.FromSequence, cancellationToken), progress.Total);
        }

        if (remaining.Count == 0)
        {
            return new ReplanResult(0, null);
        }

        // The original start date is in the past by now; the new plan starts from NotBefore. A campaign paced by target
        // weeks keeps its daily pace: re-planning with the target would stretch the rest over that many weeks again.
        var original = campaign.Settings.Cadence;
        var cadence = original with { StartDate = null, PromptsPerDay = DripPlanner.DailyPace(original, size), TargetWeeks = null };
        var sendTimes = DripPlanner.SendTimes(cadence, remaining.Count, input.NotBefore);
        var times = remaining.Zip(sendTimes, (slot, at) => (slot.ConnectionId, SendAt: at)).ToList();
        await store.ReplanAsync(input.CampaignId, times, cancellationToken);
        LogReplanned(logger, input.CampaignId, times.Count, remaining[0].Sequence);
        return new ReplanResult(times.Count, times[0].SendAt);
    }

    [LoggerMessage(EventId = 3144, Level = LogLevel.Information, Message = "Campaign {CampaignId}: re-planning the unsent prompts from prompt {Sequence}")]
    private static partial void LogReplanning(ILogger logger, string campaignId, int sequence);

    [LoggerMessage(EventId = 3142, Level = LogLevel.Information, Message = "Campaign {CampaignId}: {Count} unsent prompts re-planned from prompt {Sequence}")]
    private static partial void LogReplanned(ILogger logger, string campaignId, int count, int sequence);
}
