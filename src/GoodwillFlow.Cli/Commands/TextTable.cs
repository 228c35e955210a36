using System.Globalization;
using System.Text;

namespace GoodwillFlow.Cli.Commands;

/// <summary>Aligns short tables for the terminal, counting what a reader sees (text elements), not UTF-16 units.</summary>
internal static class TextTable
{
    private const int MaxCellWidth = 32;
    private const string Ellipsis = "…";

    /// <summary>Formats rows (the first is the heading) as left-aligned columns separated by two spaces.</summary>
    public static IEnumerable<string> Format(IReadOnlyList<string[]> rows)
    {
        var cells = rows.Select(row => row.Select(Clip).ToArray()).ToList();
        var columns = cells.Max(row => row.Length);
        var widths = Enumerable.Range(0, columns)
            .Select(c => cells.Max(row => c < row.Length ? Width(row[c]) : 0))
            .ToArray();

        foreach (var row in cells)
        {
            var line = new StringBuilder();
            for (var c = 0; c < row.Length; c++)
            {
                line.Append(row[c]);
                if (c < row.Length - 1)
                {
                    line.Append(' ', widths[c] - Width(row[c]) + 2);
                }
            }

            yield return line.ToString().TrimEnd();
        }
    }

    private static int Width(string text) => new StringInfo(text).LengthInTextElements;

    private static string Clip(string text)
    {
        var info = new StringInfo(text);
        return info.LengthInTextElements <= MaxCellWidth
            ? text
            : info.SubstringByTextElements(0, MaxCellWidth - 1) + Ellipsis;
    }
}
