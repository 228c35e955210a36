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
/// <param name="SharedMemories">Shared memories in the owner's words, warmest relationships first, each once.</param>
/// <param name="CouldHelp">People the owner said they could offer something to.</param>
/// <param name="Offers">What the owner could offer, in their words, warmest relationships first.</param>
public sealed record LegacyOfGoodwill(
    int Reflected,
    int ThinkWellOfYou,
    int FormerBosses,
    int FormerReports,
    int Clients,
    IReadOnlyList<string> SharedMemories,
    int CouldHelp,
    IReadOnlyList<string> Offers)
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
                var more = SharedMemories.Count - quoted.Count;
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
        var reflected = replied.Where(r => !r.Answers.Skip && r.Answers.Relationship != RelationshipKind.DontRemember).ToList();
        var warm = reflected
            .Where(r => !GoodwillScorer.IsLeftOut(r.Answers))
            .OrderByDescending(r => r.Answers.Strength ?? GoodwillWeights.NeutralScale)
            .ThenByDescending(r => r.Answers.TheirPerception ?? GoodwillWeights.NeutralScale)
            .ThenBy(r => r.Connection.LastName, StringComparer.OrdinalIgnoreCase)
            .ThenBy(r => r.Connection.FirstName, StringComparer.OrdinalIgnoreCase)
            .ThenBy(r => r.Connection.Id, StringComparer.Ordinal)
            .ToList();
        var offers = warm.Select(r => OwnerWords.Quote(r.Answers.CanOffer, OwnerWords.OpenerLength)).OfType<string>().ToList();
        var distinctOffers = offers.Distinct(StringComparer.OrdinalIgnoreCase).Take(2).ToList();
        return new LegacyOfGoodwill(
            reflected.Count,
            reflected.Count(r => r.Answers.TheirPerception >= 4),
            warm.Count(r => r.Answers.Relationship == RelationshipKind.Boss),
            warm.Count(r => r.Answers.Relationship == RelationshipKind.Report),
            warm.Count(r => r.Answers.Relationship == RelationshipKind.Client),
            warm.Select(r => OwnerWords.Quote(r.Answers.SharedProject, OwnerWords.OpenerLength)).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
            offers.Count,
            distinctOffers);
    }

    private static string Count(int count, string one, string many) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {(count == 1 ? one : many)}");

    private static string Join(IReadOnlyList<string> items) => items.Count switch
    {
        1 => items[0],
        _ => $"{string.Join(", ", items.Take(items.Count - 1))} and {items[^1]}",
    };
}
