using GoodwillFlow.Core.Connections;
using GoodwillFlow.Core.Evidence;
using GoodwillFlow.Core.Planning;
using GoodwillFlow.Core.Replies;

namespace GoodwillFlow.Core.Shortlists;

/// <summary>Scores replied connections and sorts them into the tiers of a <see cref="Shortlist"/>.</summary>
public static class ShortlistCompiler
{
    /// <summary>
    /// Compiles the shortlist from the connections and the replies received so far (keyed by connection id).
    /// Connections without a reply are not listed; weak ties are counted but not listed as people to contact first.
    /// </summary>
    /// <remarks>
    /// Tiers come in <see cref="ShortlistTier"/> order; within a tier, ranked by score, then relationship strength, then
    /// name, then id, so the same input always gives the same order. At most <paramref name="maxEntries"/> people are
    /// listed in the tiers, and at most as many in the pay-it-forward section.
    /// A reply for an id that is not among <paramref name="connections"/> is ignored and not counted.
    /// <paramref name="evidence"/> (by connection id; null when only Connections.csv was read) adds to the score and the
    /// reasons of the people it names.
    /// </remarks>
    public static Shortlist Compile(
        string campaignId,
        IEnumerable<Connection> connections,
        IReadOnlyDictionary<string, ReplyAnswers> replies,
        OwnerTargets targets,
        DateTimeOffset now,
        int maxEntries = 50,
        IReadOnlyDictionary<string, ConnectionEvidence>? evidence = null)
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
        var weakTies = 0;
        var kept = new List<(Connection Connection, ReplyAnswers Answers)>();
        var replied = new List<(Connection Connection, ReplyAnswers Answers)>();
        var scored = new List<(Connection Connection, ReplyAnswers Answers, int Points, ShortlistTier Tier)>();

        foreach (var connection in connections)
        {
            if (!seen.Add(connection.Id) || !replies.TryGetValue(connection.Id, out var answers) || answers is null)
            {
                continue;
            }

            considered++;
            replied.Add((connection, answers));
            if (GoodwillScorer.IsLeftOut(answers))
            {
                leftOut++;
                continue;
            }

            kept.Add((connection, answers));
            if (GoodwillScorer.IsWeakTie(answers))
            {
                weakTies++;
                continue;
            }

            var said = evidence is not null && evidence.TryGetValue(connection.Id, out var found) ? found : null;
            scored.Add((connection, answers, GoodwillScorer.Points(connection, answers, matcher, today, said), TierOf(answers.CouldHelp)));
        }

        var entries = TopRanked.Take(scored, maxEntries, Ranked)
            .GroupBy(s => s.Tier)
            .SelectMany(tier => tier.Select((s, index) =>
            {
                // Reasons, opener and ask are written only for the people listed, not for every replied connection.
                var score = GoodwillScorer.Score(s.Connection, s.Answers, matcher, today, evidence?.GetValueOrDefault(s.Connection.Id));
                var message = OpenerWriter.Write(s.Connection, s.Answers, targets, matcher.MatchesCompany(s.Connection.Company));
                var (words, why, figures) = EntryReasons.Of(s.Connection, s.Answers, score, today);
                return new ShortlistEntry(index + 1, s.Connection, score.Score, [.. words, .. why, .. figures], message.Opener)
                {
                    Tier = s.Tier,
                    Ask = message.Ask,
                    Answers = s.Answers,
                    OwnerWords = words,
                    Why = why,
                    Figures = figures,
                };
            }))
            .ToList();

        // An offer can be quoted when it is not blank; it is quoted only for the entries listed.
        var payItForward = TopRanked.Take(
                kept.Where(k => !string.IsNullOrWhiteSpace(k.Answers.CanOffer)),
                maxEntries,
                (a, b) => LegacyOfGoodwill.Warmest(a.Connection, a.Answers, b.Connection, b.Answers))
            .Select(k => new PayItForwardEntry(k.Connection, OwnerWords.Quote(k.Answers.CanOffer, OwnerWords.ReasonLength)!, k.Answers.Relationship))
            .ToList();

        return new Shortlist(campaignId, now, entries, considered, leftOut)
        {
            WeakTies = weakTies,
            PayItForward = payItForward,
            Legacy = LegacyOfGoodwill.From(replied),
        };
    }

    /// <summary>Tier, then score, then relationship strength, then name, then id: the same input, the same order.</summary>
    private static int Ranked(
        (Connection Connection, ReplyAnswers Answers, int Points, ShortlistTier Tier) a,
        (Connection Connection, ReplyAnswers Answers, int Points, ShortlistTier Tier) b)
    {
        var order = a.Tier.CompareTo(b.Tier);
        if (order == 0)
        {
            order = b.Points.CompareTo(a.Points);
        }

        if (order == 0)
        {
            order = (b.Answers.Strength ?? 0).CompareTo(a.Answers.Strength ?? 0);
        }

        if (order == 0)
        {
            order = StringComparer.OrdinalIgnoreCase.Compare(a.Connection.LastName, b.Connection.LastName);
        }

        if (order == 0)
        {
            order = StringComparer.OrdinalIgnoreCase.Compare(a.Connection.FirstName, b.Connection.FirstName);
        }

        return order != 0 ? order : string.CompareOrdinal(a.Connection.Id, b.Connection.Id);
    }

    private static ShortlistTier TierOf(HelpKind help) =>
        (help & (HelpKind.Refer | HelpKind.Introduce)) != 0 ? ShortlistTier.Referral
        : help.HasFlag(HelpKind.Advise) ? ShortlistTier.Advice
        : ShortlistTier.Reconnect;
}
