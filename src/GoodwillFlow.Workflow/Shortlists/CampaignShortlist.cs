using GoodwillFlow.Core.Replies;
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
        return Compile(campaign, await ReadRepliesAsync(store, campaign.CampaignId, cancellationToken), now);
    }

    /// <summary>Compiles the shortlist of <paramref name="campaign"/> from replies already read (so a page that lists them reads them once).</summary>
    public static Shortlist Compile(CampaignRecord campaign, CampaignReplies read, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(read);
        var answers = read.Replies
            .GroupBy(r => r.ConnectionId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.MaxBy(r => r.ReceivedAt)!.Answers, StringComparer.Ordinal);
        var connections = read.Connections;
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
    /// Reads the campaign's replies and the connections they answer: two range reads side by side, whatever the campaign's
    /// size. Only connections with a reply are listed, so only they are read: their copies, kept when their first reply is
    /// counted. A reply saved before copies existed (or whose mark a crash left unwritten) is marked by a recount first.
    /// </summary>
    public static async Task<CampaignReplies> ReadRepliesAsync(ICampaignStore store, string campaignId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var repliesRead = store.GetRepliesAsync(campaignId, cancellationToken);
        var markedRead = store.GetRepliedConnectionsAsync(campaignId, cancellationToken);
        var (replies, marked) = (await repliesRead, await markedRead);
        if (replies.Count == 0)
        {
            return new CampaignReplies(replies, []);
        }

        var ids = marked.Select(c => c.Connection.Id).ToHashSet(StringComparer.Ordinal);
        if (replies.All(r => ids.Contains(r.ConnectionId)))
        {
            return new CampaignReplies(replies, marked);
        }

        await store.RecountProgressAsync(campaignId, cancellationToken);
        return new CampaignReplies(replies, await store.GetRepliedConnectionsAsync(campaignId, cancellationToken));
    }
}

/// <summary>A campaign's replies and the connections they answer, as read once for a page and its shortlist.</summary>
/// <param name="Replies">Every reply of the campaign.</param>
/// <param name="Connections">The connections with a counted reply, ordered by sequence.</param>
public sealed record CampaignReplies(IReadOnlyList<RecordedReply> Replies, IReadOnlyList<CampaignConnection> Connections);
