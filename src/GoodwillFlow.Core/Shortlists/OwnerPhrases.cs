using System.Text.RegularExpressions;

namespace GoodwillFlow.Core.Shortlists;

/// <summary>
/// Fits the owner's free-text answers into a message addressed to the connection: the shared memory after
/// "I still remember …" and the offer after "I'd be glad to …". Whatever does not fit a sentence (a line about the
/// connection as "she" or "he", several sentences, text too long for one line) is refused, and stays in the reasons.
/// </summary>
internal static partial class OwnerPhrases
{
    /// <summary>The sentence the prompt asks the owner to finish for the shared memory.</summary>
    public const string MemoryStart = "I still remember when we";

    /// <summary>The sentence the prompt asks the owner to finish for what they could offer.</summary>
    public const string OfferStart = "I'd be glad to offer you";

    /// <summary>The longest owner's phrase put in a message, in characters; longer text is cut at a clause or left out.</summary>
    public const int MaxLength = 110;

    private static readonly HashSet<string> Determiners = new(StringComparer.OrdinalIgnoreCase)
    {
        "the", "a", "an", "this", "that", "these", "those", "one", "some", "every", "all",
    };

    private static readonly HashSet<string> Possessives = new(StringComparer.OrdinalIgnoreCase) { "our", "my", "your" };

    // Past-tense verbs that do not end in -ed, so "built the…" reads as "when we built the…".
    private static readonly HashSet<string> IrregularPast = new(StringComparer.OrdinalIgnoreCase)
    {
        "built", "rebuilt", "ran", "made", "won", "wrote", "rewrote", "took", "got", "went", "did", "had", "led", "met",
        "spent", "fought", "taught", "began", "brought", "sat", "kept", "found", "gave", "saw", "put", "set", "cut",
        "broke", "drove", "flew", "grew", "knew", "threw", "sold", "told", "held", "stood", "understood", "paid",
        "shut", "split", "spun", "stuck", "struck", "swam", "sang", "hit", "lost", "left", "lent", "heard", "bought",
        "caught", "thought", "read", "were", "was",
    };

    // Verbs an offer can start with: "review your CV" reads as "I'd be glad to review your CV".
    private static readonly HashSet<string> OfferVerbs = new(StringComparer.OrdinalIgnoreCase)
    {
        "help", "review", "introduce", "intro", "share", "give", "mentor", "connect", "refer", "recommend", "write",
        "proofread", "coach", "advise", "host", "lend", "send", "show", "teach", "pair", "walk", "talk", "read",
        "look", "put", "make", "return", "vouch", "support", "endorse", "meet", "buy", "sponsor", "tell", "cover",
    };

    /// <summary>
    /// Returns the sentence that recalls the shared memory ("I still remember when we shipped X together.",
    /// "I still remember our work on the payments rewrite."), or null when the answer does not fit a line to the connection.
    /// </summary>
    public static string? MemorySentence(string? answer, string firstName)
    {
        if (Prepare(answer, firstName, MemoryStarts()) is not { } phrase)
        {
            return null;
        }

        var words = phrase.Split(' ', 2);
        var first = words[0];
        var rest = words.Length > 1 ? " " + words[1] : "";
        if (first.Equals("we", StringComparison.OrdinalIgnoreCase) || first.Equals("you", StringComparison.OrdinalIgnoreCase))
        {
            return $"I still remember when {first.ToLowerInvariant()}{rest}.";
        }

        if (first is "I" or "i")
        {
            return $"I still remember when I{rest}.";
        }

        if (Possessives.Contains(first))
        {
            return $"I still remember {first.ToLowerInvariant()}{rest}.";
        }

        if (Determiners.Contains(first))
        {
            return $"I still remember our work on {first.ToLowerInvariant()}{rest}.";
        }

        if (IsPastVerb(first))
        {
            return $"I still remember when we {Lower(first)}{rest}.";
        }

        if (first.EndsWith("ing", StringComparison.OrdinalIgnoreCase) && first.Length > 4 && IsLowerWord(first))
        {
            return $"I still remember {Lower(first)}{rest} with you.";
        }

        return $"I still remember our work on {phrase}.";
    }

    /// <summary>
    /// Returns the sentence that offers something ("I'd be glad to offer you feedback on your talk.",
    /// "I'd be glad to review your portfolio."), or null when the answer does not fit a line to the connection.
    /// </summary>
    public static string? OfferSentence(string? answer, string firstName)
    {
        if (Prepare(answer, firstName, OfferStarts()) is not { } phrase)
        {
            return null;
        }

        var words = phrase.Split(' ', 2);
        var rest = words.Length > 1 ? " " + words[1] : "";

        // "help hiring senior engineers" is help the owner offers, not "to help hiring".
        var gerundFollows = words.Length > 1 && words[1].Split(' ', 2)[0].EndsWith("ing", StringComparison.OrdinalIgnoreCase);
        return OfferVerbs.Contains(words[0]) && words.Length > 1 && !gerundFollows
            ? $"I'd be glad to {Lower(words[0])}{rest}."
            : $"I'd be glad to offer you {LowerDeterminer(words[0])}{rest}.";
    }

    /// <summary>
    /// Cleans an answer for use inside a sentence: one line, the prompt's sentence start removed if the owner repeated
    /// it, "he/his/her" about the connection turned to "you/your", trailing punctuation dropped; null when it cannot be
    /// used (blank, a sentence about the connection, several sentences that do not cut cleanly, or too long).
    /// </summary>
    private static string? Prepare(string? answer, string firstName, Regex starts)
    {
        if (OwnerWords.Quote(answer, int.MaxValue) is not { } text || Placeholder().IsMatch(text))
        {
            return null;
        }

        text = starts.Replace(text, "", 1).Trim();
        text = text.TrimStart('…', '.', ' ', ',', ':', '-', '—', '"', '“', '\'');

        // Only the first sentence or clause: "We launched it. It was great" keeps "We launched it".
        var end = SentenceEnd().Match(text);
        if (end.Success)
        {
            text = text[..end.Index];
        }

        text = text.TrimEnd(' ', '.', '!', '?', ';', ',', ':', '-', '—', '"', '”', '\'', '…');
        if (text.Length == 0 || text.Length > MaxLength && CutAtClause(text) is not { } cut)
        {
            return null;
        }

        if (text.Length > MaxLength)
        {
            text = CutAtClause(text)!;
        }

        // A line about the connection ("She was my manager", "Maya pushed for my promotion") cannot be said to them.
        var firstWord = text.Split(' ', 2)[0];
        if (ThirdPersonSubject().IsMatch(text)
            || (firstName.Length > 0 && firstWord.Equals(firstName, StringComparison.OrdinalIgnoreCase))
            || text.Contains('\n', StringComparison.Ordinal))
        {
            return null;
        }

        return ToSecondPerson(text);
    }

    // The first clause carries the memory ("the payments rewrite, which took eighteen months, …"); what follows a
    // comma or a dash is detail a one-line message can do without.
    private static string? CutAtClause(string text)
    {
        var cut = ClauseBreak().Match(text);
        return cut.Success && cut.Index >= 8 && cut.Index <= MaxLength ? text[..cut.Index].TrimEnd() : null;
    }

    // "his talk" → "your talk", "helped him" → "helped you", "her team" → "your team", "thanked her" → "thanked you".
    private static string ToSecondPerson(string text) =>
        ObjectPronoun().Replace(text, m =>
        {
            var word = m.Groups["w"].Value.ToLowerInvariant();
            var possessive = word == "his" || (word == "her" && m.Groups["next"].Success && !Function().IsMatch(m.Groups["next"].Value));
            return (possessive ? "your" : "you") + m.Groups["after"].Value;
        });

    private static bool IsPastVerb(string word) =>
        IsLowerWord(word) && ((word.Length > 4 && word.EndsWith("ed", StringComparison.Ordinal)) || IrregularPast.Contains(word));

    // "shipped" or "Shipped", not "SQL" or "Atlas2".
    private static bool IsLowerWord(string word) =>
        word.Length > 0 && (char.IsLower(word[0]) || (char.IsUpper(word[0]) && word.Skip(1).All(char.IsLower)));

    private static string Lower(string word) => word.Length > 1 && char.IsUpper(word[0]) && word[1..].All(char.IsLower) ? word.ToLowerInvariant() : word;

    private static string LowerDeterminer(string word) => Determiners.Contains(word) || Possessives.Contains(word) ? word.ToLowerInvariant() : word;

    [GeneratedRegex(@"^(?:i\s+still\s+remember(?:\s+when)?(?:\s+we\b)?|still\s+remember(?:\s+when)?(?:\s+we\b)?)", RegexOptions.IgnoreCase)]
    private static partial Regex MemoryStarts();

    [GeneratedRegex(@"^(?:i['’]?d\s+be\s+glad\s+to\s+offer(?:\s+(?:you|him|her|them))?|i\s+(?:can|could|would)\s+offer(?:\s+(?:you|him|her|them))?|i\s+(?:can|could|'d|’d|would)\b|i\s+could\s+help\s+\w+\s+with)", RegexOptions.IgnoreCase)]
    private static partial Regex OfferStarts();

    // A full stop, "!", "?" or ";" followed by more words ends the first sentence; "e.g." and "3.5" do not.
    [GeneratedRegex(@"(?<!\b(?:e\.g|i\.e|etc|vs|Mr|Ms|Mrs|Dr|St))(?:[.!?;]|\s[—-]\s)\s+(?=\S)")]
    private static partial Regex SentenceEnd();

    // "None", "n/a", "-" typed into a box on the reply page mean "no answer", never words for a message.
    [GeneratedRegex(@"^\W*(?:(?:n/?a|none|no|nope|nothing|nil|not really|null)\W*)?$", RegexOptions.IgnoreCase)]
    private static partial Regex Placeholder();

    [GeneratedRegex(@",\s|\s[—–-]\s|\s\(")]
    private static partial Regex ClauseBreak();

    [GeneratedRegex(@"\b(?:she|he|she's|he's|she'd|he'd|she'll|he'll)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ThirdPersonSubject();

    [GeneratedRegex(@"\b(?<w>his|him|her)\b(?<after>\s+(?<next>[\p{L}'’-]+))?", RegexOptions.IgnoreCase)]
    private static partial Regex ObjectPronoun();

    [GeneratedRegex(@"^(?:and|or|but|to|for|with|on|in|at|from|by|about|when|while|after|before|through|so|as|the|a|an|into|onto|over|out|up)$", RegexOptions.IgnoreCase)]
    private static partial Regex Function();
}
