using System.Globalization;
using System.Text;

namespace GoodwillFlow.Core.Email;

/// <summary>Plain-text helpers shared by the composers.</summary>
internal static class EmailText
{
    /// <summary>The longest name shown in a subject; longer ones are cut so the subject stays readable in an inbox.</summary>
    public const int MaxSubjectValueLength = 60;

    /// <summary>
    /// Makes a value from the export safe for a subject line: line breaks and control characters (header injection) and
    /// invisible formatting characters (bidirectional overrides that could disguise the subject) become spaces, runs of
    /// spaces collapse, and the value is cut at <see cref="MaxSubjectValueLength"/> characters.
    /// </summary>
    public static string ForSubject(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            var blank = char.IsWhiteSpace(c) || category is UnicodeCategory.Control or UnicodeCategory.Format
                or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;
            if (blank)
            {
                if (builder.Length > 0 && builder[^1] != ' ')
                {
                    builder.Append(' ');
                }
            }
            else
            {
                builder.Append(c);
            }
        }

        var text = builder.ToString().Trim();
        if (text.Length > MaxSubjectValueLength)
        {
            var cut = MaxSubjectValueLength;
            if (char.IsHighSurrogate(text[cut - 1]))
            {
                cut--;
            }

            text = text[..cut].TrimEnd() + "...";
        }

        return text;
    }
}
