namespace GoodwillFlow.Workflow.Orchestration;

/// <summary>
/// The names of the campaign activities, shared by the orchestrator, <see cref="GoodwillTasks.AddGoodwillTasks"/>
/// and the Azure Functions <c>[ActivityTrigger]</c> shims, so the three can never drift apart.
/// </summary>
public static class CampaignActivityNames
{
    /// <summary><see cref="LoadCampaignGenerationActivity"/>: the campaign's timing, progress and next page of the schedule.</summary>
    public const string LoadGeneration = nameof(LoadGeneration);

    /// <summary><see cref="SendPromptActivity"/>: sends one reflection prompt, at most once per connection.</summary>
    public const string SendPrompt = nameof(SendPrompt);

    /// <summary><see cref="SendDigestActivity"/>: sends one day's prompts in one digest email, each at most once.</summary>
    public const string SendDigest = nameof(SendDigest);

    /// <summary><see cref="ReplanScheduleActivity"/>: re-plans the remaining prompts from a given instant.</summary>
    public const string ReplanSchedule = nameof(ReplanSchedule);

    /// <summary><see cref="SetCampaignStateActivity"/>: records the campaign's state and reason.</summary>
    public const string SetCampaignState = nameof(SetCampaignState);

    /// <summary><see cref="CompileShortlistActivity"/>: compiles, stores and emails the shortlist.</summary>
    public const string CompileShortlist = nameof(CompileShortlist);
}
