using Microsoft.DurableTask;

namespace GoodwillFlow.Workflow.Orchestration;

/// <summary>
/// The weeks-long drip: one reflection prompt per connection on durable timers, then the shortlist.
/// </summary>
/// <remarks>
/// <para>
/// The orchestration runs in generations. Each one loads the campaign's timing, progress and one page of the schedule
/// through an activity, sends that page, and continues as new with the cursor, so its history stays small however many
/// connections the campaign has. Its state is only <see cref="DripCampaignInput"/>; configuration reaches it through
/// activity results, so replays are deterministic.
/// </para>
/// <para>
/// Between sends it sleeps on a durable timer raced against the control events (<see cref="CampaignEvents"/>).
/// Pause stops sending until Resume or Stop; Resume re-plans the remaining prompts from now with the campaign's cadence.
/// Restart catch-up: when the process was down and more than one prompt is overdue, the remaining prompts are re-planned
/// from now the same way, so the owner never receives a burst of overdue prompts. A permanent email failure pauses the
/// campaign with the provider's reason in the status. After the last prompt it waits the grace period for late replies
/// (Stop ends the wait early; added connections resume sending), then compiles, stores and emails the shortlist.
/// </para>
/// </remarks>
public sealed class DripCampaignOrchestrator : TaskOrchestrator<DripCampaignInput, DripCampaignResult>
{
    /// <summary>The orchestration's name, as registered and as the Functions shim is named.</summary>
    public const string Name = nameof(DripCampaignOrchestrator);

    /// <inheritdoc/>
    public override Task<DripCampaignResult> RunAsync(TaskOrchestrationContext context, DripCampaignInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        return new DripCampaignRun(context, input).RunAsync();
    }
}
