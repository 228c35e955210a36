using System.Text.RegularExpressions;
using GoodwillFlow.Core.Prompts;

namespace GoodwillFlow.Core.Replies;

/// <summary>Recognises the start of an answer in a reply line: "1. peer", "Q1 - peer", "Strength: 4/5".</summary>
internal static partial class AnswerLines
{
    /// <summary>Labels the owner may write instead of a number, by question key. Compared lowercase, spaces collapsed.</summary>
    private static readonly Dictionary<string, string> Labels = BuildLabels(
        (PromptQuestionKeys.Relationship, ["relationship", "relation", "relationship type", "relationship kind", "reporting line", "how do you know them", "how i know them", "how do i know them", "who"]),
        (PromptQuestionKeys.HowWeKnow, ["how we know each other", "how we know", "how you know each other", "how do you know each other", "how and why", "how and why we know each other", "how and why do you know each other", "how we met", "context", "history", "background"]),
        (PromptQuestionKeys.SharedProject, ["shared project", "shared projects", "project", "projects", "project together", "a project together", "projects together", "shared memory", "memory", "a memory", "moment", "a moment you shared", "moment we shared", "i still remember"]),
        (PromptQuestionKeys.Strength, ["strength", "relationship strength", "how strong", "how strong is the relationship", "closeness"]),
        (PromptQuestionKeys.TheirPerception, ["their perception", "their perception of me", "their perception of you", "how they perceive me", "how they perceive you", "how they see me", "how they see you", "how would they perceive you", "how do they perceive you", "their view", "their view of me"]),
        (PromptQuestionKeys.YourPerception, ["your perception", "your perception of them", "my perception", "my perception of them", "how i perceive them", "how i see them", "how you see them", "how do you perceive them", "my view", "my view of them"]),
        (PromptQuestionKeys.CouldHelp, ["could help", "could they help", "can help", "can they help", "help", "how they could help", "ways to help", "ways they could help", "could help with"]),
        (PromptQuestionKeys.CanOffer, ["can offer", "could offer", "offer", "what i can offer", "what i could offer", "i can offer", "i could offer", "what can you offer", "what could you offer", "what could you offer them", "give back", "i'd be glad to offer you", "i'd be glad to offer", "in return"]),
        (PromptQuestionKeys.Notes, ["notes", "note", "other", "other notes", "anything else", "comments", "comment"]));

    /// <summary>Reads an answer start; <paramref name="key"/> is the question key and <paramref name="rest"/> the text after it.</summary>
    public static bool TryStart(string line, out string key, out string rest)
    {
        line = line.Trim();
        var numbered = Numbered().Match(line);
        if (numbered.Success)
        {
            key = PromptQuestionKeys.InOrder[numbered.Groups["n"].ValueSpan[0] - '1'];
            rest = numbered.Groups["rest"].Value.Trim();

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
        var unquoted = line.Trim().TrimStart('>', ' ', '\t');
        var numbered = Numbered().Match(unquoted);
        key = numbered.Success ? PromptQuestionKeys.InOrder[numbered.Groups["n"].ValueSpan[0] - '1'] : string.Empty;
        return numbered.Success;
    }

    /// <summary>Returns true for a closing line such as "Thanks," or "Best regards" that precedes the owner's name.</summary>
    public static bool IsSignOff(string line) => SignOff().IsMatch(line.Trim());

    private static bool TryLabel(string text, out string key, out string rest)
    {
        var match = Labelled().Match(text);
        if (match.Success)
        {
            var label = Whitespace().Replace(AnswerInterpreter.Normalise(match.Groups["label"].Value), " ");
            if (Labels.TryGetValue(label, out var found))
            {
                key = found;
                rest = match.Groups["rest"].Value.Trim();
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

    // On a trimmed line: "1. x", "1) x", "1: x", "1 - x", "Q1 - x", "Q1: x", "Q1 x", "Question 1: x"; never "1.5 years" or "10. x".
    // No two adjacent repeats match the same characters, so matching stays linear on hostile input.
    [GeneratedRegex(@"^(?:(?:q|question) ?#? ?(?<n>[1-9])(?!\d)(?: ?(?:[.):]|[-–—](?=\s|$))(?!\d)|(?=\s)|$)|#?(?<n>[1-9])(?!\d) ?(?:[.):]|[-–—](?=\s|$))(?!\d))(?<rest>.*)$", RegexOptions.IgnoreCase)]
    private static partial Regex Numbered();

    // On a trimmed line: "Strength: 4", "Relationship (boss/peer/…): peer", "How do you know them? peer", "Strength - 4", "* Strength: 4".
    [GeneratedRegex(@"^(?:[*•-] )?(?<label>\p{L}[\p{L}'’]*(?: [\p{L}'’]+){0,7})(?: ?\([^)]*\))? ?(?::|=|\?|[-–—](?=\s))(?<rest>.*)$")]
    private static partial Regex Labelled();

    // On a trimmed line.
    [GeneratedRegex(@"^(?:thanks|thank you|thanks again|many thanks|cheers|best|best wishes|regards|best regards|kind regards|warm regards|warmly|all the best|br|thx|ta)[,.!]*$", RegexOptions.IgnoreCase)]
    private static partial Regex SignOff();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
