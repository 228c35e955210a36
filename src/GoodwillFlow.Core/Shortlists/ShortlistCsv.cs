using System.Globalization;
using System.Text;
using GoodwillFlow.Core.Connections;
using GoodwillFlow.Core.Replies;

namespace GoodwillFlow.Core.Shortlists;

/// <summary>
/// The shortlist as CSV for a spreadsheet: one row per person and one column per field (see <see cref="Columns"/>),
/// UTF-8 with BOM (or Excel guesses a legacy code page), CRLF, RFC 4180 quoting, and formula-like cells neutralised
/// (OWASP CSV injection) because names, companies and answers come from outside. The tiers come first, then the
/// pay-it-forward section as rows whose tier is <see cref="PayItForwardTier"/>.
/// </summary>
internal static class ShortlistCsv
{
    /// <summary>The columns, in order; documented in the README ("Shortlist exports").</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "Tier", "Rank", "Name", "Company", "Position", "Profile URL", "Relationship", "Shared memory",
        "How you know each other", "Could help", "You could offer", "Opener", "Ask", "Score",
    ];

    /// <summary>The tier cell of a pay-it-forward row.</summary>
    public const string PayItForwardTier = "Pay it forward";

    /// <summary>The header row.</summary>
    public static string Header { get; } = string.Join(',', Columns);

    public static byte[] Render(Shortlist shortlist)
    {
        var csv = new StringBuilder();
        csv.Append(Header).Append("\r\n");
        foreach (var entry in shortlist.Entries)
        {
            var a = entry.Answers;
            AppendRow(
                csv,
                entry.Connection,
                ShortlistTiers.Title(entry.Tier),
                entry.Rank,
                a,
                entry.Opener,
                entry.Ask,
                entry.Score.ToString(CultureInfo.InvariantCulture));
        }

        var rank = 0;
        foreach (var entry in shortlist.PayItForward)
        {
            var cells = Person(entry.Connection, PayItForwardTier, ++rank);
            cells.AddRange([RelationshipWord(entry.Relationship), "", "", "", entry.Offer, "", "", ""]);
            AppendCells(csv, cells);
        }

        var preamble = Encoding.UTF8.GetPreamble();
        var body = Encoding.UTF8.GetBytes(csv.ToString());
        return [.. preamble, .. body];
    }

    /// <summary>Returns the cell as written: neutralised if formula-like, then quoted if needed.</summary>
    internal static string Cell(string? value)
    {
        value ??= string.Empty;
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 || value.StartsWith(' ') || value.EndsWith(' ')
            ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;
    }

    /// <summary>Gets the ways to help as comma-separated words (refer, introduce, advise): they never contain a comma.</summary>
    internal static string HelpWords(HelpKind help) => string.Join(", ", HelpList(help));

    /// <summary>Gets the ways to help as words, strongest first.</summary>
    internal static IEnumerable<string> HelpList(HelpKind help)
    {
        if (help.HasFlag(HelpKind.Refer))
        {
            yield return "refer";
        }

        if (help.HasFlag(HelpKind.Introduce))
        {
            yield return "introduce";
        }

        if (help.HasFlag(HelpKind.Advise))
        {
            yield return "advise";
        }
    }

    /// <summary>Gets the relationship as a word (boss, report, peer, client, classmate, met-once); empty when not answered.</summary>
    internal static string RelationshipWord(RelationshipKind kind) => OneClickChoice.ValueOf(kind);

    private static void AppendRow(StringBuilder csv, Connection c, string tier, int rank, ReplyAnswers a, string opener, string ask, string score)
    {
        var cells = Person(c, tier, rank);
        cells.AddRange(
        [
            RelationshipWord(a.Relationship),
            OwnerWords.Quote(a.SharedProject, int.MaxValue),
            OwnerWords.Quote(a.HowWeKnow, int.MaxValue),
            HelpWords(a.CouldHelp),
            OwnerWords.Quote(a.CanOffer, int.MaxValue),
            opener,
            ask,
            score,
        ]);
        AppendCells(csv, cells);
    }

    private static List<string?> Person(Connection c, string tier, int rank) =>
        [tier, rank.ToString(CultureInfo.InvariantCulture), c.DisplayName, c.Company, c.Position, c.Url];

    private static void AppendCells(StringBuilder csv, List<string?> cells)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0)
            {
                csv.Append(',');
            }

            csv.Append(Cell(cells[i]));
        }

        csv.Append("\r\n");
    }
}
