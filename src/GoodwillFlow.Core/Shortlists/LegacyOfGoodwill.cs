using System.Globalization;
using System.Text;
using GoodwillFlow.Core.Connections;
using GoodwillFlow.Core.Replies;

namespace GoodwillFlow.Core.Shortlists;

/// <summary>
/// The owner's legacy of goodwill, drawn from their replies: whom they reflected on, who likely thinks well of them,
/// the bosses and reports among them, the memories they share (in the owner's words) and the people they could help.
/// </summary>
/// <param name="Reflected">People the owner reflected on (not skipped, remembered).</param>
/// <param name="ThinkWellOfYou">People who, in the owner's judgement, think well of them (4 or 5 out of 5).</param>
/// <param name="FormerBosses">Former bosses among the people reflected on, not counting poorly rated ones.</param>
/// <param name="FormerReports">People who reported to the owner, likewise.</param>
/// <param name="Clients">Clients, likewise.</param>
/// <param name="SharedMemories">
/// The shared memories the paragraph quotes (at most <see cref="QuotedMemories"/>), in the owner's words, warmest
/// relationships first, each once.
/// </param>
/// <param name="CouldHelp">People the owner said they could offer something to.</param>
/// <param name="Offers">What the owner could offer, in their words, warmest relationships first (the first two, each once).</param>
/// <param name="OtherMemories">How many other shared memories there are beyond <paramref name="SharedMemories"/>, each counted once.</param>
public sealed record LegacyOfGoodwill(
    int Reflected,
    int ThinkWellOfYou,
    int FormerBosses,
    int FormerReports,
    int Clients,
    IReadOnlyList<string> SharedMemories,
    int CouldHelp,
    IReadOnlyList<string> Offers,
    int OtherMemories = 0)
{
    /// <summary>How many memories the paragraph quotes before it counts the rest.</summary>
    public const int QuotedMemories = 3;

    /// <summary>Gets a legacy with nothing in it yet.</summary>
    public static LegacyOfGoodwill Empty { get; } = new(0, 0, 0, 0, 0, [], 0, []);

    /// <summary>Gets the legacy as one paragraph to reread before an interview.</summary>
    public string Paragraph
    {
        get
        {
            if (Reflected == 0)
            {
                return "Your legacy of goodwill will appear here once you have reflected on a few people.";
            }

            var text = new StringBuilder();
            text.Append(CultureInfo.InvariantCulture, $"You reflected on {Count(Reflected, "person", "people")}.");
            if (ThinkWellOfYou > 0)
            {
                text.Append(' ').Append(ThinkWellOfYou == Reflected ? "All of them" : ThinkWellOfYou.ToString(CultureInfo.InvariantCulture) + " of them")
                    .Append(" likely think well of you.");
            }

            var roles = new List<string>(3);
            if (FormerBosses > 0)
            {
                roles.Add(Count(FormerBosses, "former boss", "former bosses"));
            }

            if (FormerReports > 0)
            {
                roles.Add(Count(FormerReports, "person who reported to you", "people who reported to you"));
            }

            if (Clients > 0)
            {
                roles.Add(Count(Clients, "client", "clients"));
            }

            if (roles.Count > 0)
            {
                text.Append(" Among them are ").Append(Join(roles)).Append('.');
            }

            if (SharedMemories.Count > 0)
            {
                var quoted = SharedMemories.Take(QuotedMemories).Select(m => $"“{m}”").ToList();
                var more = SharedMemories.Count - quoted.Count + OtherMemories;
                if (more > 0)
                {
                    quoted.Add(Count(more, "more", "more"));
                }

                text.Append(" What you built together, in your words: ").Append(Join(quoted)).Append('.');
            }

            if (CouldHelp > 0)
            {
                text.Append(CultureInfo.InvariantCulture, $" You could help {Count(CouldHelp, "person", "people")} now");
                text.Append(Offers.Count switch
                {
                    0 => ".",
                    1 => $", with “{Offers[0]}”.",
                    _ => $", from “{Offers[0]}” to “{Offers[1]}”.",
                });
            }

            text.Append(" That is goodwill you have earned: people who remember working with you, and ways you can help them.");
            return text.ToString();
        }
    }

    /// <summary>Draws the legacy from the replied connections (left-out and weak ones included: the legacy counts them apart).</summary>
    public static LegacyOfGoodwill From(IReadOnlyList<(Connection Connection, ReplyAnswers Answers)> replied)
    {
        ArgumentNullException.ThrowIfNull(replied);

        // One pass that counts, and keeps each distinct memory and offer once, with the warmest person who gave it; only
        // the few quoted are ranked (a full sort of every warm reply cost more than the rest of the compile).
        int reflected = 0, thinkWell = 0, bosses = 0, reports = 0, clients = 0, couldHelp = 0;
        var memories = new Dictionary<string, (string Quote, Connection Connection, ReplyAnswers Answers)>(StringComparer.OrdinalIgnoreCase);
        var offers = new Dictionary<string, (string Quote, Connection Connection, ReplyAnswers Answers)>(StringComparer.OrdinalIgnoreCase);
        foreach (var (connection, answers) in replied)
        {
            if (answers.Skip || answers.Relationship == RelationshipKind.DontRemember)
            {
                continue;
            }

            reflected++;
            if (answers.TheirPerception >= 4)
            {
                thinkWell++;
            }

            if (GoodwillScorer.IsLeftOut(answers))
            {
                continue;
            }

            switch (answers.Relationship)
            {
                case RelationshipKind.Boss: bosses++; break;
                case RelationshipKind.Report: reports++; break;
                case RelationshipKind.Client: clients++; break;
            }

            KeepWarmest(memories, OwnerWords.Quote(answers.SharedProject, OwnerWords.OpenerLength), connection, answers);
            if (OwnerWords.Quote(answers.CanOffer, OwnerWords.OpenerLength) is { } offer)
            {
                couldHelp++;
                KeepWarmest(offers, offer, connection, answers);
            }
        }

        var quotedMemories = TopRanked.Take(memories.Values, QuotedMemories, Warmest).ConvertAll(m => m.Quote);
        return new LegacyOfGoodwill(
            reflected,
            thinkWell,
            bosses,
            reports,
            clients,
            quotedMemories,
            couldHelp,
            TopRanked.Take(offers.Values, 2, Warmest).ConvertAll(o => o.Quote),
            memories.Count - quotedMemories.Count);
    }

    /// <summary>Warmest relationships first: strength, then how they perceive the owner, then name, then id.</summary>
    internal static int Warmest(Connection a, ReplyAnswers aAnswers, Connection b, ReplyAnswers bAnswers)
    {
        var order = (bAnswers.Strength ?? GoodwillWeights.NeutralScale).CompareTo(aAnswers.Strength ?? GoodwillWeights.NeutralScale);
        if (order == 0)
        {
            order = (bAnswers.TheirPerception ?? GoodwillWeights.NeutralScale).CompareTo(aAnswers.TheirPerception ?? GoodwillWeights.NeutralScale);
        }

        if (order == 0)
        {
            order = StringComparer.OrdinalIgnoreCase.Compare(a.LastName, b.LastName);
        }

        if (order == 0)
        {
            order = StringComparer.OrdinalIgnoreCase.Compare(a.FirstName, b.FirstName);
        }

        return order != 0 ? order : string.CompareOrdinal(a.Id, b.Id);
    }

    private static int Warmest((string Quote, Connection Connection, ReplyAnswers Answers) a, (string Quote, Connection Connection, ReplyAnswers Answers) b) =>
        Warmest(a.Connection, a.Answers, b.Connection, b.Answers);

    private static void KeepWarmest(
        Dictionary<string, (string Quote, Connection Connection, ReplyAnswers Answers)> kept, string? quote, Connection connection, ReplyAnswers answers)
    {
        if (quote is null)
        {
            return;
        }

        // The same words from several people are quoted once, as the warmest of them wrote them.
        if (!kept.TryGetValue(quote, out var current) || Warmest(connection, answers, current.Connection, current.Answers) < 0)
        {
            kept[quote] = (quote, connection, answers);
        }
    }

    private static string Count(int count, string one, string many) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {(count == 1 ? one : many)}");

    private static string Join(IReadOnlyList<string> items) => items.Count switch
    {
        1 => items[0],
        _ => $"{string.Join(", ", items.Take(items.Count - 1))} and {items[^1]}",
    };
}
