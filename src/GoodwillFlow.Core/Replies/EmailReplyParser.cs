using System.Text.RegularExpressions;
using GoodwillFlow.Core.Prompts;

namespace GoodwillFlow.Core.Replies;

/// <summary>
/// Reads free-text email replies to a prompt: numbered or labelled answers, one-word answers, with the quoted
/// earlier message and the signature removed.
/// </summary>
/// <remarks>
/// Questions are numbered as in <see cref="PromptQuestionKeys.InOrder"/>. A later answer to the same question replaces
/// an earlier one; lines under an answer continue it until the next answer or a sign-off such as "Thanks,".
/// </remarks>
public static partial class EmailReplyParser
{
    /// <summary>The longest whole reply read as a single answer ("peer", "she was my boss", "skip").</summary>
    private const int OnePhraseMaxWords = 6;

    /// <summary>Returns only what the owner wrote: the quoted thread and signature removed.</summary>
    /// <remarks>Line endings are returned as <c>\n</c>; surrounding blank lines are trimmed.</remarks>
    public static string ExtractNewText(string emailBody)
    {
        ArgumentNullException.ThrowIfNull(emailBody);
        var lines = EmailQuoteStripper.Lines(emailBody);
        var cut = EmailQuoteStripper.FindCut(lines);
        var kept = lines.Take(cut).Where(l => !EmailQuoteStripper.IsQuoted(l)).Select(l => l.TrimEnd());
        return string.Join('\n', kept).Trim('\n', ' ', '\t');
    }

    /// <summary>Parses the owner's answers; returns null when the text holds no recognisable answer.</summary>
    public static ReplyAnswers? Parse(string emailBody)
    {
        ArgumentNullException.ThrowIfNull(emailBody);
        var newText = ExtractNewText(emailBody).Split('\n');
        return FromValues(ReadAnswers(newText))
            ?? OnePhrase(newText)
            ?? FromValues(ReadInlineAnswers(EmailQuoteStripper.Lines(emailBody)));
    }

    /// <summary>
    /// Parses a reply to a digest: each person's heading as the digest shows it ("1. Maya Chen", or "1. Maya", "Maya
    /// Chen:", "#1 Maya Chen") starts that person's section, and the usual numbered answers follow under it.
    /// </summary>
    /// <param name="emailBody">The reply's text.</param>
    /// <param name="names">The digest's people in order, as their headings show them (position 1 first).</param>
    /// <returns>The answered people by 1-based position, in the order answered; empty when no heading was found (the
    /// caller may then read the reply with <see cref="Parse"/> as an answer about a single person). A heading with no
    /// recognisable answer under it is left out, so that person stays open.</returns>
    public static IReadOnlyList<DigestSectionAnswers> ParseDigest(string emailBody, IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(emailBody);
        ArgumentNullException.ThrowIfNull(names);
        var sections = new List<(int Position, List<string> Lines)>();
        foreach (var line in ExtractNewText(emailBody).Split('\n'))
        {
            if (DigestHeading(line, names) is { } position)
            {
                sections.Add((position, []));
            }
            else if (sections.Count > 0)
            {
                sections[^1].Lines.Add(line);
            }
        }

        var answered = new Dictionary<int, ReplyAnswers>();
        foreach (var (position, lines) in sections)
        {
            // The same person answered twice: the later section wins, as a later numbered answer does.
            if ((FromValues(ReadAnswers(lines)) ?? OnePhrase([.. lines])) is { } answers)
            {
                answered.Remove(position);
                answered[position] = answers;
            }
        }

        return [.. answered.Select(a => new DigestSectionAnswers(a.Key, a.Value))];
    }

    // "1. Maya Chen", "1) Maya", "#1 Maya Chen:", "Maya Chen" — the number, when given, must be that person's.
    private static int? DigestHeading(string line, IReadOnlyList<string> names)
    {
        var match = DigestHeadingLine().Match(line);
        if (!match.Success)
        {
            return null;
        }

        var name = Whitespace().Replace(match.Groups["name"].Value, " ");
        bool Matches(string full) =>
            string.Equals(name, full, StringComparison.OrdinalIgnoreCase)
            || string.Equals(name, full.Split(' ', 2)[0], StringComparison.OrdinalIgnoreCase);

        if (int.TryParse(match.Groups["n"].Value, out var number))
        {
            return number >= 1 && number <= names.Count && Matches(Whitespace().Replace(names[number - 1].Trim(), " ")) ? number : null;
        }

        var found = names.Select((n, i) => (Name: Whitespace().Replace(n.Trim(), " "), Position: i + 1)).Where(n => string.Equals(name, n.Name, StringComparison.OrdinalIgnoreCase)).ToList();
        return found.Count == 1 ? found[0].Position : null;
    }

    private static Dictionary<string, List<string>> ReadAnswers(IEnumerable<string> lines)
    {
        var values = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        List<string>? current = null;
        foreach (var line in lines)
        {
            if (AnswerLines.TryStart(line, out var key, out var rest))
            {
                current = values[key] = [rest];
            }
            else if (current is not null)
            {
                if (AnswerLines.IsSignOff(line))
                {
                    break;
                }

                current.Add(line.Trim());
            }
        }

        return values;
    }

    // Answers typed under each quoted question ("> 4. How strong…" then "4"), the way some people reply inline.
    private static Dictionary<string, List<string>> ReadInlineAnswers(IReadOnlyList<string> lines)
    {
        var values = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        List<string>? current = null;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (EmailQuoteStripper.IsQuoted(line))
            {
                if (AnswerLines.TryQuotedQuestion(line, out var key))
                {
                    current = values[key] = [];
                }

                continue;
            }

            if (current is null)
            {
                continue;
            }

            if (AnswerLines.IsSignOff(line) || EmailQuoteStripper.IsMarker(lines, i))
            {
                break;
            }

            current.Add(line.Trim());
        }

        return values;
    }

    private static ReplyAnswers? FromValues(Dictionary<string, List<string>> values)
    {
        var answers = new ReplyAnswers();
        var recognised = false;
        foreach (var (key, lines) in values)
        {
            var text = string.Join('\n', lines).Trim();
            if (text.Length == 0)
            {
                continue;
            }

            var before = answers;
            answers = key switch
            {
                PromptQuestionKeys.Relationship => WithRelationship(answers, text),
                PromptQuestionKeys.HowWeKnow => answers with { HowWeKnow = FreeText(text) ?? answers.HowWeKnow },
                PromptQuestionKeys.SharedProject => answers with { SharedProject = FreeText(WithoutStart(text, MemoryStart())) ?? answers.SharedProject },
                PromptQuestionKeys.Strength => answers with { Strength = AnswerInterpreter.Scale(text) ?? answers.Strength },
                PromptQuestionKeys.TheirPerception => answers with { TheirPerception = AnswerInterpreter.Scale(text) ?? answers.TheirPerception },
                PromptQuestionKeys.YourPerception => answers with { YourPerception = AnswerInterpreter.Scale(text) ?? answers.YourPerception },
                PromptQuestionKeys.CouldHelp => WithHelp(answers, text, ref recognised),
                PromptQuestionKeys.CanOffer => answers with { CanOffer = FreeText(WithoutStart(text, OfferStart())) ?? answers.CanOffer },
                PromptQuestionKeys.Notes => answers with { Notes = FreeText(text) ?? answers.Notes },
                _ => answers,
            };
            recognised |= answers != before;
        }

        return recognised ? answers : null;
    }

    private static ReplyAnswers WithRelationship(ReplyAnswers answers, string text)
    {
        var kind = AnswerInterpreter.Relationship(text);
        if (kind == RelationshipKind.DontRemember)
        {
            return answers with { Relationship = kind };
        }

        if (AnswerInterpreter.IsSkip(text))
        {
            return answers with { Skip = true };
        }

        return kind == RelationshipKind.Unknown ? answers : answers with { Relationship = kind };
    }

    private static ReplyAnswers WithHelp(ReplyAnswers answers, string text, ref bool recognised)
    {
        var help = AnswerInterpreter.Help(text, out var answered);
        recognised |= answered;
        return answers with { CouldHelp = help };
    }

    // A whole reply of a few words: "peer", "My boss!", "skip", "don't know them".
    private static ReplyAnswers? OnePhrase(string[] lines)
    {
        var phrase = lines
            .Select(l => l.Trim())
            .Where(l => l.Length > 0)
            .TakeWhile(l => !AnswerLines.IsSignOff(l))
            .ToList();
        if (phrase.Count != 1 || phrase[0].Split(' ', StringSplitOptions.RemoveEmptyEntries).Length > OnePhraseMaxWords)
        {
            return null;
        }

        return FromValues(new() { [PromptQuestionKeys.Relationship] = [phrase[0]] });
    }

    // "n/a", "-", "none" under a free-text question mean "no answer", not text to quote back to the owner.
    private static string? FreeText(string text) => Placeholder().IsMatch(text) ? null : text;

    // "3. I still remember when we shipped X" and "3. …shipped X" both keep "shipped X": the prompt asks the owner to
    // finish that sentence, and some copy its start (or its ellipsis, or quotes) into the answer.
    private static string WithoutStart(string text, Regex start)
    {
        return start.Replace(text, "", 1).Trim().Trim('"', '“', '”').TrimStart('…', '.', ' ').Trim();
    }

    [GeneratedRegex(@"^[""“]?\s*(?:i\s+still\s+remember\s+when\s+we\b|i\s+still\s+remember\s+when\b)(?:\s*(?:\.\.\.|…))?", RegexOptions.IgnoreCase)]
    private static partial Regex MemoryStart();

    [GeneratedRegex(@"^[""“]?\s*i(?:'|’|\s+woul)d\s+be\s+glad\s+to\s+offer\s+you\b(?:\s*(?:\.\.\.|…))?", RegexOptions.IgnoreCase)]
    private static partial Regex OfferStart();

    [GeneratedRegex(@"^\s*(?:[#*]+\s*)?(?:(?<n>\d{1,3})\s*[.):\-]?\s+)?(?<name>[^\s:].*?)\s*[:*]*\s*$")]
    private static partial Regex DigestHeadingLine();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"^\W*(?:(?:n/?a|none|no|nope|nothing|nil)\W*)?$", RegexOptions.IgnoreCase)]
    private static partial Regex Placeholder();
}
