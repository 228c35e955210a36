namespace GoodwillFlow.Workflow.Orchestration;

/// <summary>Names of the external events the <see cref="DripCampaignOrchestrator"/> listens for.</summary>
public static class CampaignEvents
{
    /// <summary>Pause sending (payload: a reason string, may be null).</summary>
    public const string Pause = "Pause";

    /// <summary>Resume sending (no payload). Remaining prompts are re-planned from now.</summary>
    public const string Resume = "Resume";

    /// <summary>Stop now and compile the shortlist from the replies so far (no payload).</summary>
    public const string Stop = "Stop";

    /// <summary>A reply was recorded (payload: the connection id); updates progress.</summary>
    public const string ReplyRecorded = "ReplyRecorded";

    /// <summary>A re-upload added connections at the end of the schedule (payload: how many).</summary>
    public const string ConnectionsAdded = "ConnectionsAdded";

    /// <summary>
    /// The schedule changed under the drip (a new cadence, prompts answered ahead): re-plan the unsent prompts from now
    /// (no payload).
    /// </summary>
    public const string Replan = "Replan";
}
