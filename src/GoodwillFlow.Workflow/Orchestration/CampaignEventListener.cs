using Microsoft.DurableTask;

namespace GoodwillFlow.Workflow.Orchestration;

/// <summary>
/// One outstanding wait per campaign event, re-armed after each delivery. Waits are never cancelled: in this SDK a
/// cancelled wait stays first in line and would swallow the next event of its name.
/// </summary>
internal sealed class CampaignEventListener(TaskOrchestrationContext context)
{
    public Task<string?> Pause { get; private set; } = context.WaitForExternalEvent<string?>(CampaignEvents.Pause);

    public Task<object?> Resume { get; private set; } = context.WaitForExternalEvent<object?>(CampaignEvents.Resume);

    public Task<object?> Stop { get; private set; } = context.WaitForExternalEvent<object?>(CampaignEvents.Stop);

    public Task<string?> Reply { get; private set; } = context.WaitForExternalEvent<string?>(CampaignEvents.ReplyRecorded);

    public Task<int> Added { get; private set; } = context.WaitForExternalEvent<int>(CampaignEvents.ConnectionsAdded);

    public Task<object?> Replan { get; private set; } = context.WaitForExternalEvent<object?>(CampaignEvents.Replan);

    public string? TakePause()
    {
        var value = Pause.Result;
        Pause = context.WaitForExternalEvent<string?>(CampaignEvents.Pause);
        return value;
    }

    public void TakeResume() => Resume = context.WaitForExternalEvent<object?>(CampaignEvents.Resume);

    public void TakeReplan() => Replan = context.WaitForExternalEvent<object?>(CampaignEvents.Replan);

    public void TakeStop() => Stop = context.WaitForExternalEvent<object?>(CampaignEvents.Stop);

    public string? TakeReply()
    {
        var value = Reply.Result;
        Reply = context.WaitForExternalEvent<string?>(CampaignEvents.ReplyRecorded);
        return value;
    }

    public int TakeAdded()
    {
        var value = Added.Result;
        Added = context.WaitForExternalEvent<int>(CampaignEvents.ConnectionsAdded);
        return value;
    }
}
