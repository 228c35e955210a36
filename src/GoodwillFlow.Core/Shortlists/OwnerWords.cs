using System.Text;

namespace GoodwillFlow.Core.Shortlists;

/// <summary>Prepares the owner's free text for a one-line reason or opener: whitespace collapsed, shortened at a word.</summary>
internal static class OwnerWords
{
    /// <summary>The longest quote in a reason, in characters.</summary>
    public const int ReasonLength = 140;

    /// <summary>The longest quote inside an opener, in characters.</summary>
    public const int OpenerLength = 80;

    /// <summary>Returns the text on one line, at most <paramref name="maxLength"/> characters; null when blank.</summary>
    public static string? Quote(string? text, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var oneLine = CollapseWhitespace(text);
        if (oneLine.Length <= maxLength)
        {
            return oneLine;
        }

        // Cut at the last space that keeps a sensible amount of the text; a surrogate pair is never split.
        var cut = oneLine.LastIndexOf(' ', maxLength - 1);
        if (cut < maxLength / 2)
        {
            cut = maxLength - 1;
            if (char.IsHighSurrogate(oneLine[cut - 1]))
            {
                cut--;
            }
        }

        return oneLine[..cut].TrimEnd(' ', ',', ';', ':', '-', '—', '.') + "…";
    }

    /// <summary>Like <see cref="Quote"/>, without trailing sentence punctuation, for use inside a sentence.</summary>
    public static string? Phrase(string? text, int maxLength) =>
        Quote(text, maxLength)?.TrimEnd('.', '!', '?', ';', ',', ':') is { Length: > 0 } phrase ? phrase : null;

    private static string CollapseWhitespace(string text)
    {
        if (IsOneLine(text))
        {
            // Most answers are one line already: no copy.
            return text;
        }

        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text.AsSpan().Trim())
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = true;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    private static bool IsOneLine(string text)
    {
        if (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1]))
        {
            return false;
        }

        var afterSpace = false;
        foreach (var c in text)
        {
            if (c == ' ')
            {
                if (afterSpace)
                {
                    return false;
                }

                afterSpace = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                return false;
            }
            else
            {
                afterSpace = false;
            }
        }

        return true;
    }
}
