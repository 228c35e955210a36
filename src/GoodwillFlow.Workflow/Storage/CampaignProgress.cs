namespace GoodwillFlow.Workflow.Storage;

/// <summary>Counts for a campaign's progress, kept as prompts are sent and replies recorded (one read, whatever the size).</summary>
/// <param name="Total">Connections in the campaign (planned, including any still being stored).</param>
/// <param name="Sent">Prompts sent.</param>
/// <param name="Replied">Connections with a reply.</param>
/// <param name="Importing">True while an upload's connections are still being stored: the schedule may have gaps.</param>
/// <param name="AnsweredAhead">Prompts the owner answered before they went out (never sent).</param>
public sealed record CampaignProgress(int Total, int Sent, int Replied, bool Importing = false, int AnsweredAhead = 0)
{
    /// <summary>Gets the prompts still to go out: neither sent nor answered ahead.</summary>
    public int Remaining => Math.Max(0, Total - Sent - AnsweredAhead);
}
