using GoodwillFlow.Core.Shortlists;
using GoodwillFlow.Workflow.Storage;

namespace GoodwillFlow.Workflow.Shortlists;

/// <summary>Compiles a campaign's shortlist from what is stored: its connections, the latest reply of each, its targets and size.</summary>
public static class CampaignShortlist
{
    /// <summary>Compiles the shortlist of <paramref name="campaign"/> from the replies received so far.</summary>
    public static async Task<Shortlist> CompileAsync(
        ICampaignStore store, CampaignRecord campaign, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(campaign);
        var connections = await store.GetConnectionsAsync(campaign.CampaignId, cancellationToken);
        var replies = await store.GetRepliesAsync(campaign.CampaignId, cancellationToken);
        var answers = replies
            .GroupBy(r => r.ConnectionId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.MaxBy(r => r.ReceivedAt)!.Answers, StringComparer.Ordinal);
        return ShortlistCompiler.Compile(
            campaign.CampaignId,
            connections.Select(c => c.Connection),
            answers,
            campaign.Settings.Targets,
            now,
            campaign.Settings.ShortlistSize);
    }
}
