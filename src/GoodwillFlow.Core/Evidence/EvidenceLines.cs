using System.Globalization;
using GoodwillFlow.Core.Shortlists;

namespace GoodwillFlow.Core.Evidence;

/// <summary>
/// Puts a <see cref="ConnectionEvidence"/> into plain lines for the owner: the long form for a prompt ("You exchanged 14
/// messages, the last in March 2023 (they wrote last)") and the short form for a shortlist reason ("Recommended you in
/// 2021"). Evidence matched by name alone says so ("probably the same person"). Never quotes a message: the evidence
/// holds none.
/// </summary>
public static class EvidenceLines
{
    /// <summary>The most lines a prompt shows.</summary>
    public const int MaxPromptLines = 3;

    /// <summary>The most evidence reasons a shortlist entry shows.</summary>
    public const int MaxReasons = 2;

    /// <summary>The longest quote of a recommendation or invitation note, in characters.</summary>
    public const int QuoteLength = 80;

    /// <summary>The most skills named in one line; the rest are counted.</summary>
    public const int NamedSkills = 3;

    private const string NameOnlySuffix = " (probably the same person: matched by name only)";
    private const string NameOnlyShortSuffix = " (probably the same person)";
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>
    /// Returns up to <see cref="MaxPromptLines"/> lines for a prompt, most telling first: a recommendation they gave the
    /// owner, the messages, one the owner gave them, endorsements, then the invitation. Empty when there is nothing.
    /// </summary>
    public static IReadOnlyList<string> ForPrompt(ConnectionEvidence? evidence)
    {
        if (evidence is null || evidence.IsEmpty)
        {
            return [];
        }

        var lines = new List<string>(MaxPromptLines);
        foreach (var recommendation in evidence.Recommendations)
        {
            if (recommendation.Direction == EvidenceDirection.ToOwner)
            {
                lines.Add(Recommendation(recommendation, "They recommended you"));
            }
        }

        if (evidence.Messages is { } messages)
        {
            lines.Add(Messages(messages) + (messages.Match == EvidenceMatch.NameOnly ? NameOnlySuffix : ""));
        }

        foreach (var recommendation in evidence.Recommendations)
        {
            if (recommendation.Direction == EvidenceDirection.FromOwner)
            {
                lines.Add(Recommendation(recommendation, "You recommended them"));
            }
        }

        if (evidence.Endorsements is { } endorsements && Skills(endorsements.Skills) is { } skills)
        {
            lines.Add($"They endorsed you for {skills}{Suffix(endorsements.Match)}");
        }

        if (evidence.Invitation is { } invitation)
        {
            var who = invitation.Direction == EvidenceDirection.ToOwner ? "They invited you to connect" : "You invited them to connect";
            var line = who + In(invitation.SentOn);
            if (OwnerWords.Quote(invitation.Note, QuoteLength) is { } note)
            {
                line += $": “{note}”";
            }

            lines.Add(line + Suffix(invitation.Match));
        }

        return lines.Count > MaxPromptLines ? lines.GetRange(0, MaxPromptLines) : lines;
    }

    /// <summary>
    /// Returns up to <see cref="MaxReasons"/> short reasons for a shortlist entry, strongest first ("Recommended you in
    /// 2021", "You exchanged 14 messages, last in 2023", "Endorsed you for Kubernetes and C#").
    /// </summary>
    public static IReadOnlyList<string> ForReasons(ConnectionEvidence? evidence)
    {
        if (evidence is null || evidence.IsEmpty)
        {
            return [];
        }

        var reasons = new List<string>(MaxReasons);
        if (evidence.Recommendations.FirstOrDefault(r => r.Direction == EvidenceDirection.ToOwner) is { } received)
        {
            reasons.Add("Recommended you" + In(received.Date) + ShortSuffix(received.Match));
        }

        if (evidence.Messages is { } messages)
        {
            var last = messages.Last.Year.ToString(Invariant);
            var text = EvidenceReading.IsTwoWay(messages)
                ? $"You exchanged {Count(messages.Total, "message")}, last in {last}"
                : messages.ToOwner > 0
                    ? $"Wrote to you {Times(messages.ToOwner)}, last in {last}"
                    : $"You wrote to them {Times(messages.FromOwner)}, last in {last}";
            reasons.Add(text + ShortSuffix(messages.Match));
        }

        if (evidence.Recommendations.FirstOrDefault(r => r.Direction == EvidenceDirection.FromOwner) is { } given)
        {
            reasons.Add("You recommended them" + In(given.Date) + ShortSuffix(given.Match));
        }

        if (evidence.Endorsements is { } endorsements && Skills(endorsements.Skills) is { } skills)
        {
            reasons.Add($"Endorsed you for {skills}{ShortSuffix(endorsements.Match)}");
        }

        return reasons.Count > MaxReasons ? reasons.GetRange(0, MaxReasons) : reasons;
    }

    private static string Recommendation(RecommendationEvidence recommendation, string who)
    {
        var line = who + In(recommendation.Date);
        if (OwnerWords.Quote(recommendation.Excerpt, QuoteLength) is { } excerpt)
        {
            line += $": “{excerpt}”";
        }

        return line + Suffix(recommendation.Match);
    }

    private static string Messages(MessageEvidence messages)
    {
        var last = messages.Last.ToString("MMMM yyyy", Invariant);
        var group = messages.GroupConversations switch
        {
            0 => "",
            1 => ", some in a group conversation",
            _ => ", some in group conversations",
        };
        if (EvidenceReading.IsTwoWay(messages))
        {
            var whoLast = messages.TheyWroteLast ? "they wrote last" : "you wrote last";
            return $"You exchanged {Count(messages.Total, "message")}{group}, the last in {last} ({whoLast})";
        }

        return messages.ToOwner > 0
            ? $"They wrote to you {Times(messages.ToOwner)}{group}, the last in {last}; you never wrote back"
            : $"You wrote to them {Times(messages.FromOwner)}{group}, the last in {last}; they never wrote back";
    }

    private static string? Skills(IReadOnlyList<string> skills)
    {
        if (skills.All(string.IsNullOrWhiteSpace))
        {
            return null;
        }

        var named = skills.Where(s => !string.IsNullOrWhiteSpace(s)).Take(NamedSkills).Select(s => s.Trim()).ToList();
        var rest = skills.Count(s => !string.IsNullOrWhiteSpace(s)) - named.Count;
        if (rest > 0)
        {
            return $"{string.Join(", ", named)} and {Count(rest, "more skill")}";
        }

        return named.Count == 1 ? named[0] : $"{string.Join(", ", named[..^1])} and {named[^1]}";
    }

    private static string In(DateOnly? date) => date is { } d ? " in " + d.Year.ToString(Invariant) : "";

    private static string Suffix(EvidenceMatch match) => match == EvidenceMatch.NameOnly ? NameOnlySuffix : "";

    private static string ShortSuffix(EvidenceMatch match) => match == EvidenceMatch.NameOnly ? NameOnlyShortSuffix : "";

    private static string Count(int count, string noun) =>
        count == 1 ? $"1 {noun}" : string.Create(Invariant, $"{count} {noun}s");

    private static string Times(int count) => count == 1 ? "once" : string.Create(Invariant, $"{count} times");
}
