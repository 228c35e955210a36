using System.Text.RegularExpressions;

namespace GoodwillFlow.Core.Replies;

/// <summary>Finds where the owner's new text ends in a reply: the quoted thread, the signature, the mobile footer.</summary>
/// <remarks>
/// Every pattern runs on a trimmed line no longer than <see cref="MaxMarkerLength"/>, and none has two adjacent
/// repeats that can match the same characters, so a hostile body cannot make matching slow.
/// </remarks>
internal static partial class EmailQuoteStripper
{
    /// <summary>How many lines an attribution ("On … wrote:") may be wrapped over.</summary>
    private const int AttributionMaxLines = 3;

    /// <summary>The longest line that can be a marker; real attributions, headers and footers are far shorter.</summary>
    private const int MaxMarkerLength = 400;

    /// <summary>Splits a body into lines, whatever its line endings.</summary>
    public static string[] Lines(string body) => body.ReplaceLineEndings("\n").Split('\n');

    /// <summary>Returns the index of the first line that starts the quoted thread or the signature; the line count if none.</summary>
    public static int FindCut(IReadOnlyList<string> lines)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            if (IsMarker(lines, i))
            {
                return i;
            }
        }

        return lines.Count;
    }

    /// <summary>Returns true when the line at <paramref name="index"/> starts the quoted thread, the signature or a footer.</summary>
    public static bool IsMarker(IReadOnlyList<string> lines, int index)
    {
        var line = lines[index];
        if (line.TrimEnd() == "--")
        {
            return true;
        }

        var trimmed = line.Trim();
        return trimmed.Length is > 0 and <= MaxMarkerLength
            && (SeparatorLine().IsMatch(trimmed) || OriginalMessage().IsMatch(trimmed) || MobileFooter().IsMatch(trimmed)
                || IsHeaderBlock(lines, index, trimmed) || IsAttribution(lines, index, trimmed));
    }

    /// <summary>Returns true for a quoted line ("> text"; an HTML-escaped "&amp;gt;" is not decoded here).</summary>
    public static bool IsQuoted(string line) => line.AsSpan().TrimStart().StartsWith('>');

    private static bool IsAttribution(IReadOnlyList<string> lines, int start, string first)
    {
        if (!AttributionStart().IsMatch(first))
        {
            return false;
        }

        // Gmail wraps a long attribution ("On Tue, 3 Mar 2026 at 10:02, GoodwillFlow <\nprompts@…> wrote:").
        var joined = first;
        for (var i = start + 1; i <= start + AttributionMaxLines && joined.Length <= MaxMarkerLength; i++)
        {
            if (joined.EndsWith(':') && (AttributionVerbAtEnd().IsMatch(joined) || SenderAfterVerb().IsMatch(joined)))
            {
                // A date or an address tells it apart from an owner's sentence that happens to end in "wrote:".
                return joined.Any(char.IsDigit) || joined.Contains('@', StringComparison.Ordinal);
            }

            if (i >= lines.Count || string.IsNullOrWhiteSpace(lines[i]))
            {
                return false;
            }

            joined += " " + lines[i].Trim();
        }

        return false;
    }

    private static bool IsHeaderBlock(IReadOnlyList<string> lines, int start, string first)
    {
        if (!HeaderFrom().IsMatch(first))
        {
            return false;
        }

        // Outlook's quoted header: From:, then Sent:/Date: and To:/Subject: within the next few lines.
        var seen = 0;
        for (var i = start + 1; i < lines.Count && i <= start + 5; i++)
        {
            var trimmed = lines[i].Trim();
            if (trimmed.Length <= MaxMarkerLength && HeaderOther().IsMatch(trimmed))
            {
                seen++;
            }
        }

        return seen >= 2;
    }

    [GeneratedRegex(@"^_{10,}$")]
    private static partial Regex SeparatorLine();

    [GeneratedRegex(@"^-{2,}\s*(?:Original Message|Ursprüngliche Nachricht|Message d'origine|Mensaje original|Messaggio originale|Oorspronkelijk bericht|Mensagem original|Forwarded message)\s*-{2,}$", RegexOptions.IgnoreCase)]
    private static partial Regex OriginalMessage();

    [GeneratedRegex(@"^(?:Sent from my \S.*|Sent from (?:Mail|Outlook|Yahoo Mail|Gmail)\b.*|Get Outlook for \S.*|Envoyé de mon \S.*|Von meinem \S.* gesendet|Enviado desde mi \S.*)$", RegexOptions.IgnoreCase)]
    private static partial Regex MobileFooter();

    [GeneratedRegex(@"^\**(?:From|De|Von|Van|Da) ?:\**\s?\S", RegexOptions.IgnoreCase)]
    private static partial Regex HeaderFrom();

    [GeneratedRegex(@"^\**(?:Sent|Date|To|Subject|Cc|Envoyé|Gesendet|Enviado|Inviato|Verzonden|Datum|À|An|Para|A|Aan|Objet|Betreff|Asunto|Oggetto|Onderwerp) ?:", RegexOptions.IgnoreCase)]
    private static partial Regex HeaderOther();

    // English, French, German, Spanish, Italian, Dutch, Portuguese: "On …", "Le …", "Am …", "El …", "Il …", "Op …", "Em …".
    [GeneratedRegex(@"^(?:On|Le|Am|El|Il|Op|Em)\s\S", RegexOptions.IgnoreCase)]
    private static partial Regex AttributionStart();

    [GeneratedRegex(@"(?:wrote|a écrit|escribió|ha scritto|escreveu)\s?:$", RegexOptions.IgnoreCase)]
    private static partial Regex AttributionVerbAtEnd();

    // German and Dutch put the sender after the verb: "Am … schrieb GoodwillFlow <…>:".
    [GeneratedRegex(@"\b(?:schrieb|schreef)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SenderAfterVerb();
}
