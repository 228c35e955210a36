using System.Globalization;
using GoodwillFlow.Core.Connections;
using GoodwillFlow.Core.Evidence;
using GoodwillFlow.Core.Replies;

namespace GoodwillFlow.Core.Prompts;

/// <summary>
/// Builds the "legacy of goodwill" reflection prompt for a connection: what the export knows about them, then nine
/// short questions numbered as in <see cref="PromptQuestionKeys"/> (the reply parser reads answers by those numbers).
/// </summary>
public static class ReflectionPromptBuilder
{
    /// <summary>The sentence question 3 asks the owner to finish; the answer slots into the suggested opener after it.</summary>
    public const string SharedMemoryStart = "I still remember when we …";

    /// <summary>The sentence question 8 asks the owner to finish; the answer slots into the suggested ask after it.</summary>
    public const string OfferStart = "I'd be glad to offer you …";

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Builds the prompt for <paramref name="connection"/> as of <paramref name="today"/>.</summary>
    /// <param name="connection">The connection the prompt is about.</param>
    /// <param name="today">The owner's local date, for "connected for 6 years".</param>
    /// <param name="evidence">What the owner's LinkedIn archive says about them, or null when only Connections.csv was read.</param>
    /// <returns>
    /// The prompt: context lines (company and position, how long connected), the archive's evidence lines and, where the
    /// evidence is clear, a suggested answer; then the numbered questions.
    /// </returns>
    public static ReflectionPrompt Build(Connection connection, DateOnly today, ConnectionEvidence? evidence = null)
    {
        ArgumentNullException.ThrowIfNull(connection);

        // Exports keep rows that have a profile URL but no name (hidden profiles); the prompt still has to read well.
        var displayName = connection.DisplayName.Length > 0 ? connection.DisplayName : "Unnamed connection";
        var name = connection.FirstName.Length > 0 ? connection.FirstName
            : connection.DisplayName.Length > 0 ? connection.DisplayName : "this person";

        return new ReflectionPrompt(connection.Id, displayName, Context(connection, today), Questions(name))
        {
            Evidence = EvidenceLines.ForPrompt(evidence),
            Suggestion = OneClickChoice.FromEvidence(EvidenceReading.Strength(evidence, today)),
        };
    }

    private static List<string> Context(Connection connection, DateOnly today)
    {
        var lines = new List<string>(2);
        var position = Blank(connection.Position);
        var company = Blank(connection.Company);
        if (position is not null && company is not null)
        {
            lines.Add($"{position} at {company}");
        }
        else if (position is not null)
        {
            lines.Add(position);
        }
        else if (company is not null)
        {
            lines.Add($"Works at {company}");
        }

        if (connection.ConnectedOn is { } since)
        {
            lines.Add(Tenure(since, today));
        }

        if (lines.Count == 0)
        {
            lines.Add("Your export has no company, position or connection date for this person.");
        }

        return lines;
    }

    private static string Tenure(DateOnly since, DateOnly today)
    {
        var sinceText = since.ToString("MMM yyyy", Invariant);
        var years = today.Year - since.Year;
        if (today < since.AddYears(years))
        {
            years--;
        }

        return years switch
        {
            >= 2 => $"Connected for {years} years (since {sinceText})",
            1 => $"Connected for 1 year (since {sinceText})",
            _ when since.Year >= today.Year => "Connected this year",
            _ => $"Connected for less than a year (since {sinceText})",
        };
    }

    private static PromptQuestion[] Questions(string name) =>
    [
        new(1, PromptQuestionKeys.Relationship, $"What was {name} to you?", PromptQuestionKeys.RelationshipChoices),
        new(2, PromptQuestionKeys.HowWeKnow, "How and why do you know each other? A sentence is plenty.", []) { IsPrivate = true },
        new(3, PromptQuestionKeys.SharedProject, $"A moment you shared: finish the sentence as you would say it to {name}.", [])
        {
            SentenceStart = SharedMemoryStart,
            Examples = ["shipped the payments rewrite together", "turned a hackathon idea into the onboarding flow"],
        },
        new(4, PromptQuestionKeys.Strength, "How strong is your relationship today? (1 = faded, 5 = they would pick up the phone)", PromptQuestionKeys.ScaleChoices),
        new(5, PromptQuestionKeys.TheirPerception, $"How do you think {name} sees you after working with you? (1 = not warmly, 5 = glowingly)", PromptQuestionKeys.ScaleChoices),
        new(6, PromptQuestionKeys.YourPerception, $"How do you see {name}? (1 = would not vouch for them, 5 = would recommend them without hesitation)", PromptQuestionKeys.ScaleChoices),
        new(7, PromptQuestionKeys.CouldHelp, $"Could {name} help your search, by introducing you, referring you or advising you?", PromptQuestionKeys.HelpChoices),
        new(8, PromptQuestionKeys.CanOffer, $"What could you offer {name} in return? Finish the sentence as you would say it to them.", [])
        {
            SentenceStart = OfferStart,
            Examples = ["feedback on your next talk", "an intro to the design leads I know"],
        },
        new(9, PromptQuestionKeys.Notes, "Anything else worth remembering?", []) { IsPrivate = true },
    ];

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
