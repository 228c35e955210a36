using System.Globalization;
using System.Text;

namespace GoodwillFlow.Core.Shortlists;

/// <summary>
/// The shortlist as CSV for Excel: UTF-8 with BOM (or Excel guesses a legacy code page), CRLF, RFC 4180 quoting,
/// and formula-like cells neutralised (OWASP CSV injection) because names and companies come from the export.
/// </summary>
internal static class ShortlistCsv
{
    public const string Header = "Rank,Name,Company,Position,Score,Reasons,Opener,Profile URL";

    /// <summary>Separates reasons inside the Reasons cell; a newline would make rows tall in Excel.</summary>
    public const string ReasonSeparator = "; ";

    public static byte[] Render(Shortlist shortlist)
    {
        var csv = new StringBuilder();
        csv.Append(Header).Append("\r\n");
        foreach (var entry in shortlist.Entries)
        {
            var c = entry.Connection;
            AppendRow(
                csv,
                entry.Rank.ToString(CultureInfo.InvariantCulture),
                c.DisplayName,
                c.Company,
                c.Position,
                entry.Score.ToString(CultureInfo.InvariantCulture),
                string.Join(ReasonSeparator, entry.Reasons),
                entry.Opener,
                c.Url);
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

    private static void AppendRow(StringBuilder csv, params string?[] cells)
    {
        for (var i = 0; i < cells.Length; i++)
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
