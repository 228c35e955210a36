using GoodwillFlow.Core.Shortlists;
using GoodwillFlow.Workflow.Storage;

namespace GoodwillFlow.Workflow.Shortlists;

/// <summary>Compiles a campaign's shortlist from what is stored: its connections, the latest reply of each, its targets and size.</summary>
public static class CampaignShortlist
{
    // Point reads while replies are at most one connection in this many; a scan reads a thousand rows per request.
    private const int PointReadShare = 8;
    private const int ParallelPointReads = 16;

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
            campaign.Settings.ShortlistSize);
    }

    /// <summary>
    /// Only connections with a reply are listed, so only they are read: one point read each, side by side, while replies
    /// are a small share of the campaign; the whole partition (one read per thousand rows) once they are not.
    /// </summary>
    private static async Task<IReadOnlyList<CampaignConnection>> ReadRepliedConnectionsAsync(
        ICampaignStore store, string campaignId, IReadOnlyList<Core.Replies.RecordedReply> replies, CancellationToken cancellationToken)
    {
        if (replies.Count == 0)
        {
            return [];
        }

        var total = (await store.GetProgressAsync(campaignId, cancellationToken)).Total;
        if (replies.Count > Math.Max(total, 1) / PointReadShare)
        {
            return await store.GetConnectionsAsync(campaignId, cancellationToken);
        }

        var ids = replies.Select(r => r.ConnectionId).Distinct(StringComparer.Ordinal).ToList();
        var found = new CampaignConnection?[ids.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, ids.Count),
            new ParallelOptions { MaxDegreeOfParallelism = ParallelPointReads, CancellationToken = cancellationToken },
            async (i, ct) => found[i] = await store.FindConnectionAsync(campaignId, ids[i], ct));
        return found.OfType<CampaignConnection>().ToList();
    }
}
