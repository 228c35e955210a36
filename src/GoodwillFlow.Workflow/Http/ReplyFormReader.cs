using System.Globalization;
using GoodwillFlow.Core.ReplyPage;
using GoodwillFlow.Core.Replies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using F = GoodwillFlow.Core.ReplyPage.ReplyPageRenderer.Fields;

namespace GoodwillFlow.Workflow.Http;

/// <summary>What the reply form held: the answers (everything the owner typed, even when invalid) and any problems.</summary>
/// <param name="Answers">The answers; over-long text is kept whole so the form can show it again.</param>
/// <param name="Errors">Field name to a message for the owner; empty when the answers can be saved.</param>
internal sealed record ReplyForm(ReplyAnswers Answers, IReadOnlyDictionary<string, string> Errors)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>Reads and validates the reply page's form fields (names in <see cref="ReplyPageRenderer.Fields"/>).</summary>
internal static class ReplyFormReader
{
    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        [F.Relationship] = "How you know them",
        [F.HowWeKnow] = "How and why you know each other",
        [F.SharedProject] = "A moment you shared",
        [F.Strength] = "How strong your relationship is",
        [F.TheirPerception] = "How they perceive you",
        [F.YourPerception] = "How you perceive them",
        [F.CouldHelp] = "How they could help",
        [F.CanOffer] = "What you could offer them in return",
        [F.Notes] = "Anything else",
    };

    public static ReplyForm Read(IFormCollection form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);

        if (IsTrue(form[F.Skip]))
        {
            // "Skip / don't know them" saves only that choice: a half-filled form must not block it.
            return new ReplyForm(new ReplyAnswers { Skip = true }, errors);
        }

        var answers = new ReplyAnswers
        {
            Relationship = ReadRelationship(form[F.Relationship], errors),
            HowWeKnow = ReadText(form, F.HowWeKnow, errors),
            SharedProject = ReadText(form, F.SharedProject, errors),
            Strength = ReadScale(form, F.Strength, errors),
            TheirPerception = ReadScale(form, F.TheirPerception, errors),
            YourPerception = ReadScale(form, F.YourPerception, errors),
            CouldHelp = ReadHelp(form[F.CouldHelp], errors),
            CanOffer = ReadText(form, F.CanOffer, errors),
            Notes = ReadText(form, F.Notes, errors),
        };
        return new ReplyForm(answers, errors);
    }

    private static bool IsTrue(StringValues values) =>
        values.Any(v => v is not null && (v.Equals("true", StringComparison.OrdinalIgnoreCase) || v == "1"
            || v.Equals("on", StringComparison.OrdinalIgnoreCase) || v.Equals("yes", StringComparison.OrdinalIgnoreCase)));

    private static RelationshipKind ReadRelationship(StringValues values, Dictionary<string, string> errors)
    {
        var given = values.Where(v => !string.IsNullOrWhiteSpace(v)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (given.Count == 0)
        {
            return RelationshipKind.Unknown;
        }

        var answers = given[0] == OneClickChoice.Skip ? null : OneClickChoice.ToAnswers(given[0]);
        if (given.Count > 1 || answers is null)
        {
            errors[F.Relationship] = $"{Labels[F.Relationship]}: choose one of the listed options.";
            return RelationshipKind.Unknown;
        }

        return answers.Relationship;
    }

    private static int? ReadScale(IFormCollection form, string field, Dictionary<string, string> errors)
    {
        var given = form[field].Where(v => !string.IsNullOrWhiteSpace(v)).ToList();
        if (given.Count == 0)
        {
            return null;
        }

        if (given.Count == 1
            && int.TryParse(given[0], NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            && value is >= 1 and <= 5)
        {
            return value;
        }

        errors[field] = $"{Labels[field]}: choose a number from 1 to 5.";
        return null;
    }

    private static HelpKind ReadHelp(StringValues values, Dictionary<string, string> errors)
    {
        var help = HelpKind.None;
        foreach (var value in values.Where(v => !string.IsNullOrWhiteSpace(v)))
        {
            var match = ReplyPageRenderer.HelpChoices.FirstOrDefault(c => c.Value.Equals(value!.Trim(), StringComparison.OrdinalIgnoreCase));
            if (match.Value is null)
            {
                errors[F.CouldHelp] = $"{Labels[F.CouldHelp]}: tick only the listed options (introduce, refer, advise).";
                continue;
            }

            help |= match.Kind;
        }

        return help;
    }

    private static string? ReadText(IFormCollection form, string field, Dictionary<string, string> errors)
    {
        // Browsers send several values only when the page was tampered with; joining them keeps every word.
        var text = string.Join("\n", form[field].Where(v => v is not null)).Trim();
        if (text.Length == 0)
        {
            return null;
        }

        // Line breaks arrive as CRLF from browsers; count what the owner sees.
        text = text.ReplaceLineEndings("\n");
        if (text.Length > ReplyPageRenderer.MaxTextLength)
        {
            errors[field] = string.Create(
                CultureInfo.InvariantCulture,
                $"{Labels[field]}: your text is {text.Length:N0} characters; the limit is {ReplyPageRenderer.MaxTextLength:N0}. It is kept below: shorten it and save again.");
        }

        return text;
    }
}
