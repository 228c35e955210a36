using GoodwillFlow.Workflow.Storage;
using Microsoft.Extensions.Logging;

namespace GoodwillFlow.Workflow.Orchestration;

/// <summary>Records the campaign's state and reason on its stored record (what the status page and CLI read between events).</summary>
public sealed partial class SetCampaignStateActivity(ICampaignStore store, ILogger<SetCampaignStateActivity> logger)
    : ICampaignActivity<SetCampaignStateInput, bool>
{
    /// <inheritdoc/>
    /// <returns>False when the campaign is no longer stored.</returns>
    public async Task<bool> RunAsync(SetCampaignStateInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        LogRecording(logger, input.CampaignId, input.State);
        var stored = await store.UpdateCampaignAsync(
            input.CampaignId,
            campaign => campaign.State == input.State && campaign.StateReason == input.Reason
                ? campaign
                : campaign with { State = input.State, StateReason = input.Reason },
            cancellationToken);
        return stored is not null;
    }

    [LoggerMessage(EventId = 3143, Level = LogLevel.Information, Message = "Campaign {CampaignId}: recording the campaign state {State}")]
    private static partial void LogRecording(ILogger logger, string campaignId, CampaignState state);
}
