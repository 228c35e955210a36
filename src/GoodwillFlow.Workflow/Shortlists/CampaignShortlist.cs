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
        var replies = await store.GetRepliesAsync(campaign.CampaignId, cancellationToken);
        var connections = await ReadRepliedConnectionsAsync(store, campaign.CampaignId, replies, cancellationToken);
        var answers = replies
            .GroupBy(r => r.ConnectionId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.MaxBy(r => r.ReceivedAt)!.Answers, StringComparer.Ordinal);
        return ShortlistCompiler.Compile(
            campaign.CampaignId,
            connections.Select(c => c.Connection),
            answers,
            campaign.Settings.Targets,
            now,
            campaign.Settings.ShortlistSize,
            connections.Where(c => c.Evidence is not null).ToDictionary(c => c.Connection.Id, c => c.Evidence!, StringComparer.Ordinal));
    }

    /// <summary>
    /// Only connections with a reply are listed, so only they are read: the rows marked as replied, in one filtered
    /// read. A reply saved before marks existed (or whose mark a crash left unwritten) is marked by a recount first.
    /// </summary>
    private static async Task<IReadOnlyList<CampaignConnection>> ReadRepliedConnectionsAsync(
        ICampaignStore store, string campaignId, IReadOnlyList<Core.Replies.RecordedReply> replies, CancellationToken cancellationToken)
    {
        if (replies.Count == 0)
        {
            return [];
        }

        var marked = await store.GetRepliedConnectionsAsync(campaignId, cancellationToken);
        var ids = marked.Select(c => c.Connection.Id).ToHashSet(StringComparer.Ordinal);
        if (replies.All(r => ids.Contains(r.ConnectionId)))
        {
            return marked;
        }

        await store.RecountProgressAsync(campaignId, cancellationToken);
        return await store.GetRepliedConnectionsAsync(campaignId, cancellationToken);
    }
}
