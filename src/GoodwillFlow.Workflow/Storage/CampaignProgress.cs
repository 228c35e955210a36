namespace GoodwillFlow.Workflow.Storage;

/// <summary>Counts for a campaign's progress.</summary>
/// <param name="Total">Connections in the campaign.</param>
/// <param name="Sent">Prompts sent.</param>
/// <param name="Replied">Connections with a reply.</param>
public sealed record CampaignProgress(int Total, int Sent, int Replied);
