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

    private static int Width(string text)
    {
        var width = 0;
        var elements = StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext())
        {
            width += IsWide(Rune.GetRuneAt(text, elements.ElementIndex).Value) ? 2 : 1;
        }

        return width;
    }

    /// <summary>Emoji and East Asian wide characters take two terminal columns.</summary>
    private static bool IsWide(int codePoint) => codePoint is
        >= 0x1F000 and <= 0x1FAFF or
        >= 0x1100 and <= 0x115F or
        >= 0x2E80 and <= 0xA4CF or
        >= 0xAC00 and <= 0xD7A3 or
        >= 0xF900 and <= 0xFAFF or
        >= 0xFE30 and <= 0xFE4F or
        >= 0xFF00 and <= 0xFF60 or
        >= 0xFFE0 and <= 0xFFE6;

    private static string Clip(string text)
    {
        var info = new StringInfo(text);
        return info.LengthInTextElements <= MaxCellWidth
            ? text
            : info.SubstringByTextElements(0, MaxCellWidth - 1) + Ellipsis;
    }
}
