using System.Text.RegularExpressions;

namespace GoodwillFlow.Core.Replies;

/// <summary>Reads one answer's value in the owner's words: a relationship, a 1–5 scale, ways to help.</summary>
internal static partial class AnswerInterpreter
{
    /// <summary>Returns true when the text means "skip / I don't know this person".</summary>
    public static bool IsSkip(string text) => SkipWords().IsMatch(Normalise(text));

    /// <summary>Reads a relationship from natural words; <see cref="RelationshipKind.Unknown"/> when none is recognised.</summary>
    public static RelationshipKind Relationship(string text)
    {
        var value = Normalise(text);

        // Order matters: "I was her manager" and "reported to me" must win over "manager" and "report".
        if (DontRemember().IsMatch(value))
        {
            return RelationshipKind.DontRemember;
        }

        if (OwnerManagedThem().IsMatch(value))
        {
            return RelationshipKind.Report;
        }

        if (TheyManagedOwner().IsMatch(value))
        {
            return RelationshipKind.Boss;
        }

        return value switch
        {
            _ when ReportWords().IsMatch(value) => RelationshipKind.Report,
            _ when BossWords().IsMatch(value) => RelationshipKind.Boss,
            _ when ClientWords().IsMatch(value) => RelationshipKind.Client,
            _ when PeerWords().IsMatch(value) => RelationshipKind.Peer,
            _ when ClassmateWords().IsMatch(value) => RelationshipKind.Classmate,
            _ when MetOnceWords().IsMatch(value) => RelationshipKind.MetOnce,
            _ => RelationshipKind.Unknown,
        };
    }

    /// <summary>Reads a 1–5 scale ("4", "4/5", "4 out of 5", "four"); null when absent or out of range.</summary>
    public static int? Scale(string text)
    {
        var value = Normalise(text);
        var match = ScaleNumber().Match(value);
        if (match.Success)
        {
            var number = int.Parse(match.Groups["n"].ValueSpan, System.Globalization.CultureInfo.InvariantCulture);
            var outOf = match.Groups["of"].Success ? match.Groups["of"].Value : "5";
            return outOf == "5" && number is >= 1 and <= 5 ? number : null;
        }

        var word = ScaleWord().Match(value);
        return word.Success ? Array.IndexOf(NumberWords, word.Groups[1].Value) + 1 : null;
    }

    /// <summary>Reads the ways they could help; <paramref name="answered"/> is true for an explicit "no" too.</summary>
    public static HelpKind Help(string text, out bool answered)
    {
        var value = Normalise(text);
        var help = HelpKind.None;
        if (IntroduceWords().IsMatch(value))
        {
            help |= HelpKind.Introduce;
        }

        if (ReferWords().IsMatch(value))
        {
            help |= HelpKind.Refer;
        }

        if (AdviseWords().IsMatch(value))
        {
            help |= HelpKind.Advise;
        }

        // "No" only when nothing explicit was named; "all" only when not "no" ("not at all").
        if (help == HelpKind.None && !NoWords().IsMatch(value) && AllWays().IsMatch(value))
        {
            help = HelpKind.Introduce | HelpKind.Refer | HelpKind.Advise;
        }

        answered = help != HelpKind.None || NoWords().IsMatch(value);
        return help;
    }

    private static readonly string[] NumberWords = ["one", "two", "three", "four", "five"];

    /// <summary>Lowercases and straightens typographic apostrophes so "don’t" reads as "don't".</summary>
    internal static string Normalise(string text) =>
        text.Replace('\u2019', '\'').Replace('\u2018', '\'').Replace('`', '\'').Trim().ToLowerInvariant();

    [GeneratedRegex(@"^\W*(skip|pass|next|n/?a)\W*$|\bskip\b|\b(don'?t|do not|dont|didn'?t)\s+(really\s+)?know\b|\bnever\s+met\b|\bwho\s+is\s+(this|that|she|he)\b")]
    private static partial Regex SkipWords();

    [GeneratedRegex(@"\b((don'?t|do not|dont|can'?t|cannot|can not)\s+(really\s+)?(remember|recall)|no\s+idea|not\s+sure\s+who|forgot|dont-remember)\b")]
    private static partial Regex DontRemember();

    [GeneratedRegex(@"\b(reported\s+to\s+me|i\s+(was|am)\s+(his|her|their)\s+(boss|manager|lead|supervisor)|i\s+managed\s+(him|her|them)|(my|direct)\s+reports?|on\s+my\s+team|in\s+my\s+team)\b")]
    private static partial Regex OwnerManagedThem();

    [GeneratedRegex(@"\b(i\s+reported\s+to|reported\s+to\s+(him|her|them)|managed\s+me|(was|is)\s+my\s+(boss|manager|lead|supervisor))\b")]
    private static partial Regex TheyManagedOwner();

    [GeneratedRegex(@"\b(report|reports|subordinate)\b")]
    private static partial Regex ReportWords();

    [GeneratedRegex(@"\b(boss|manager|supervisor|line\s+manager|team\s+lead|my\s+lead)\b")]
    private static partial Regex BossWords();

    [GeneratedRegex(@"\b(client|clients|customer|customers)\b")]
    private static partial Regex ClientWords();

    [GeneratedRegex(@"\b(peer|peers|colleague|colleagues|co-?workers?|teammates?|team\s+mates?|worked\s+together|same\s+team)\b")]
    private static partial Regex PeerWords();

    [GeneratedRegex(@"\b(classmates?|class\s+mates?|school|university|college|uni|studied\s+together|alumni|alumnus|bootcamp)\b")]
    private static partial Regex ClassmateWords();

    [GeneratedRegex(@"\b(met[\s-]+once|met\s+(him|her|them)\s+once|met\s+only\s+once|only\s+met\s+((him|her|them)\s+)?once|met\s+at\s+an?\s+(conference|event|meetup))\b")]
    private static partial Regex MetOnceWords();

    [GeneratedRegex(@"(?<![\d.,])(?<n>\d+)(?:[.,]\d+)?(?:\s*(?:/|out\s+of|of)\s*(?<of>\d+))?")]
    private static partial Regex ScaleNumber();

    [GeneratedRegex(@"\b(one|two|three|four|five)\b")]
    private static partial Regex ScaleWord();

    [GeneratedRegex(@"\b(all|all\s+three|all\s+of\s+(them|the\s+above))\b")]
    private static partial Regex AllWays();

    [GeneratedRegex(@"\b(introduc\w*|intros?)\b")]
    private static partial Regex IntroduceWords();

    [GeneratedRegex(@"\b(refer|refers|referral|referrals|referring|reference)\b")]
    private static partial Regex ReferWords();

    [GeneratedRegex(@"\b(advise|advice|advising|adviser|advisor|mentor\w*|guidance)\b")]
    private static partial Regex AdviseWords();

    [GeneratedRegex(@"^\W*(no|none|nope|not|nothing|n/?a|unlikely|probably\s+not)\b")]
    private static partial Regex NoWords();
}
