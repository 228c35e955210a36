using Microsoft.DurableTask;

namespace GoodwillFlow.Workflow.Orchestration;

/// <summary>The weeks-long drip: one reflection prompt per connection on durable timers, then the shortlist.</summary>
public sealed class DripCampaignOrchestrator : TaskOrchestrator<DripCampaignInput, DripCampaignResult>
{
    /// <inheritdoc/>
    public override Task<DripCampaignResult> RunAsync(TaskOrchestrationContext context, DripCampaignInput input) =>
        throw new NotImplementedException("Owned by the orchestration work package.");
}
