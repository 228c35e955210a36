namespace GoodwillFlow.Workflow.Orchestration;

/// <summary>The orchestration's custom status, shown by the status endpoint and <c>goodwill status</c>.</summary>
/// <param name="State">A <see cref="Storage.CampaignState"/> name: Running, Paused, AwaitingReplies, Stopped, Completed.</param>
/// <param name="Sent">Prompts sent.</param>
/// <param name="Replied">Replies received.</param>
/// <param name="Total">Connections in the campaign.</param>
/// <param name="NextSendAt">When the next prompt goes out, if one is scheduled.</param>
/// <param name="Reason">Why it is paused or stopped, if it is.</param>
public sealed record CampaignStatus(
    string State,
    int Sent,
    int Replied,
    int Total,
    DateTimeOffset? NextSendAt,
    string? Reason);
