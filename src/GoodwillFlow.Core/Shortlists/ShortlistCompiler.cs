using GoodwillFlow.Core.Connections;
using GoodwillFlow.Core.Planning;
using GoodwillFlow.Core.Replies;

namespace GoodwillFlow.Core.Shortlists;

/// <summary>Scores replied connections and ranks them into a <see cref="Shortlist"/>.</summary>
public static class ShortlistCompiler
{
    /// <summary>
    /// Compiles the shortlist from the connections and the replies received so far (keyed by connection id).
    /// Connections without a reply are not listed.
    /// </summary>
    /// <remarks>
    /// Ranked by score, then relationship strength, then name, then id, so the same input always gives the same order.
    /// A reply for an id that is not among <paramref name="connections"/> is ignored and not counted.
    /// </remarks>
    public static Shortlist Compile(
        string campaignId,
        IEnumerable<Connection> connections,
        IReadOnlyDictionary<string, ReplyAnswers> replies,
        OwnerTargets targets,
        DateTimeOffset now,
        int maxEntries = 50)
    {
        ArgumentNullException.ThrowIfNull(campaignId);
        ArgumentNullException.ThrowIfNull(connections);
        ArgumentNullException.ThrowIfNull(replies);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentOutOfRangeException.ThrowIfNegative(maxEntries);

        var today = DateOnly.FromDateTime(now.DateTime);
        var matcher = new TargetMatcher(targets);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var considered = 0;
        var leftOut = 0;
        var scored = new List<(Connection Connection, ReplyAnswers Answers, GoodwillScore Score)>();

        foreach (var connection in connections)
        {
            if (!seen.Add(connection.Id) || !replies.TryGetValue(connection.Id, out var answers) || answers is null)
            {
                continue;
            }

            considered++;
            if (GoodwillScorer.IsLeftOut(answers))
            {
                leftOut++;
                continue;
            }

            scored.Add((connection, answers, GoodwillScorer.Score(connection, answers, matcher, today)));
        }

        var entries = scored
            .OrderByDescending(s => s.Score.Score)
            .ThenByDescending(s => s.Answers.Strength ?? 0)
            .ThenBy(s => s.Connection.LastName, StringComparer.OrdinalIgnoreCase)
            .ThenBy(s => s.Connection.FirstName, StringComparer.OrdinalIgnoreCase)
            .ThenBy(s => s.Connection.Id, StringComparer.Ordinal)
            .Take(maxEntries)
            .Select((s, index) => new ShortlistEntry(
                index + 1,
                s.Connection,
                s.Score.Score,
                s.Score.Reasons,
                OpenerWriter.Write(s.Connection, s.Answers)))
            .ToList();

        return new Shortlist(campaignId, now, entries, considered, leftOut);
    }
}
