using System.Text.RegularExpressions;

namespace GoodwillFlow.Core.Replies;

/// <summary>Recognises the start of an answer in a reply line: "1. peer", "Q1 - peer", "Strength: 4/5".</summary>
internal static partial class AnswerLines
{
    /// <summary>Labels the owner may write instead of a number, by question key. Compared lowercase, spaces collapsed.</summary>
    private static readonly Dictionary<string, string> Labels = BuildLabels(
        (ReplyQuestionKeys.Relationship, ["relationship", "relation", "relationship type", "relationship kind", "reporting line", "how do you know them", "how i know them", "how do i know them", "who"]),
        (ReplyQuestionKeys.HowWeKnow, ["how we know each other", "how we know", "how you know each other", "how do you know each other", "how and why", "how and why we know each other", "how and why do you know each other", "how we met", "context", "history", "background"]),
        (ReplyQuestionKeys.SharedProject, ["shared project", "shared projects", "project", "projects", "project together", "a project together", "projects together"]),
        (ReplyQuestionKeys.Strength, ["strength", "relationship strength", "how strong", "how strong is the relationship", "closeness"]),
        (ReplyQuestionKeys.TheirPerception, ["their perception", "their perception of me", "their perception of you", "how they perceive me", "how they perceive you", "how they see me", "how they see you", "how would they perceive you", "how do they perceive you", "their view", "their view of me"]),
        (ReplyQuestionKeys.YourPerception, ["your perception", "your perception of them", "my perception", "my perception of them", "how i perceive them", "how i see them", "how you see them", "how do you perceive them", "my view", "my view of them"]),
        (ReplyQuestionKeys.CouldHelp, ["could help", "could they help", "can help", "can they help", "help", "how they could help", "ways to help", "ways they could help", "could help with"]),
        (ReplyQuestionKeys.CanOffer, ["can offer", "could offer", "offer", "what i can offer", "what i could offer", "i can offer", "i could offer", "what can you offer", "what could you offer", "what could you offer them", "give back"]),
        (ReplyQuestionKeys.Notes, ["notes", "note", "other", "other notes", "anything else", "comments", "comment"]));

    /// <summary>Reads an answer start; <paramref name="key"/> is the question key and <paramref name="rest"/> the text after it.</summary>
    public static bool TryStart(string line, out string key, out string rest)
    {
        var numbered = Numbered().Match(line);
        if (numbered.Success)
        {
            key = ReplyQuestionKeys.InOrder[numbered.Groups["n"].ValueSpan[0] - '1'];
            rest = numbered.Groups["rest"].Value;

            // "1. Relationship: peer": an explicit label is more telling than the number.
            if (TryLabel(rest, out var labelled, out var afterLabel))
            {
                key = labelled;
                rest = afterLabel;
            }

            return true;
        }

        return TryLabel(line, out key, out rest);
    }

    /// <summary>Reads a numbered question as quoted in a reply ("> 4. How strong…"), for answers written inline.</summary>
    public static bool TryQuotedQuestion(string line, out string key)
    {
        var unquoted = line.TrimStart().TrimStart('>', ' ', '\t');
        var numbered = Numbered().Match(unquoted);
        key = numbered.Success ? ReplyQuestionKeys.InOrder[numbered.Groups["n"].ValueSpan[0] - '1'] : string.Empty;
        return numbered.Success;
    }

    /// <summary>Returns true for a closing line such as "Thanks," or "Best regards" that precedes the owner's name.</summary>
    public static bool IsSignOff(string line) => SignOff().IsMatch(line);

    private static bool TryLabel(string text, out string key, out string rest)
    {
        var match = Labelled().Match(text);
        if (match.Success)
        {
            var label = Whitespace().Replace(AnswerInterpreter.Normalise(match.Groups["label"].Value), " ");
            if (Labels.TryGetValue(label, out var found))
            {
                key = found;
                rest = match.Groups["rest"].Value;
                return true;
            }
        }

        key = string.Empty;
        rest = string.Empty;
        return false;
    }

    private static Dictionary<string, string> BuildLabels(params (string Key, string[] Labels)[] table)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, names) in table)
        {
            foreach (var name in names)
            {
                labels.Add(name, key);
            }
        }

        return labels;
    }

    // "1. x", "1) x", "1: x", "1 - x", "Q1 - x", "Q1: x", "Q1 x", "Question 1: x"; never "1.5 years" or "10. x".
    [GeneratedRegex(@"^\s*(?:(?:q|question)\s*#?\s*(?<n>[1-9])(?!\d)(?:\s*(?:[.):]|[-–—](?=\s|$))(?!\d)|\s+|$)|#?(?<n>[1-9])(?!\d)\s*(?:[.):]|[-–—](?=\s|$))(?!\d))\s*(?<rest>.*?)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex Numbered();

    // "Strength: 4", "Relationship (boss/peer/…): peer", "How do you know them? peer", "Strength - 4", "* Strength: 4".
    [GeneratedRegex(@"^\s*(?:[*•-]\s+)?(?<label>[\p{L}'’ ]{2,50}?)\s*(?:\([^)]*\))?\s*(?::|=|\?|\s[-–—](?=\s))\s*(?<rest>.*?)\s*$")]
    private static partial Regex Labelled();

    [GeneratedRegex(@"^\s*(thanks|thank\s+you|thanks\s+again|many\s+thanks|cheers|best|best\s+wishes|regards|best\s+regards|kind\s+regards|warm\s+regards|warmly|all\s+the\s+best|br|thx|ta)\s*[,.!]*\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex SignOff();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
