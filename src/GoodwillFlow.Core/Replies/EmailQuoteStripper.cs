using System.Text.RegularExpressions;

namespace GoodwillFlow.Core.Replies;

/// <summary>Finds where the owner's new text ends in a reply: the quoted thread, the signature, the mobile footer.</summary>
internal static partial class EmailQuoteStripper
{
    /// <summary>How many lines an attribution ("On … wrote:") may be wrapped over.</summary>
    private const int AttributionMaxLines = 3;

    /// <summary>Splits a body into lines, whatever its line endings.</summary>
    public static string[] Lines(string body) => body.ReplaceLineEndings("\n").Split('\n');

    /// <summary>Returns the index of the first line that starts the quoted thread or the signature; the line count if none.</summary>
    public static int FindCut(IReadOnlyList<string> lines)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (line.TrimEnd() == "--" || SeparatorLine().IsMatch(line) || OriginalMessage().IsMatch(line)
                || MobileFooter().IsMatch(line) || IsHeaderBlock(lines, i) || IsAttribution(lines, i))
            {
                return i;
            }
        }

        return lines.Count;
    }

    /// <summary>Returns true for a quoted line ("> text", "&gt;" is not decoded here).</summary>
    public static bool IsQuoted(string line) => line.TrimStart().StartsWith('>');

    private static bool IsAttribution(IReadOnlyList<string> lines, int start)
    {
        if (!AttributionStart().IsMatch(lines[start]))
        {
            return false;
        }

        // Gmail wraps a long attribution ("On Tue, 3 Mar 2026 at 10:02, GoodwillFlow <\nprompts@…> wrote:").
        var joined = string.Empty;
        for (var i = start; i < lines.Count && i < start + AttributionMaxLines; i++)
        {
            if (i > start && string.IsNullOrWhiteSpace(lines[i]))
            {
                break;
            }

            joined += " " + lines[i].Trim();
            if (AttributionEnd().IsMatch(joined))
            {
                // A date or an address distinguishes it from an owner's sentence that happens to end in "wrote:".
                return joined.Any(char.IsDigit) || joined.Contains('@', StringComparison.Ordinal);
            }
        }

        return false;
    }

    private static bool IsHeaderBlock(IReadOnlyList<string> lines, int start)
    {
        if (!HeaderFrom().IsMatch(lines[start]))
        {
            return false;
        }

        // Outlook's quoted header: From:, then Sent:/Date: and To:/Subject: within the next few lines.
        var seen = 0;
        for (var i = start + 1; i < lines.Count && i <= start + 5; i++)
        {
            if (HeaderOther().IsMatch(lines[i]))
            {
                seen++;
            }
        }

        return seen >= 2;
    }

    [GeneratedRegex(@"^\s*_{10,}\s*$")]
    private static partial Regex SeparatorLine();

    [GeneratedRegex(@"^\s*-{2,}\s*(Original Message|Ursprüngliche Nachricht|Message d'origine|Mensaje original|Messaggio originale|Oorspronkelijk bericht|Mensagem original|Forwarded message)\s*-{2,}\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex OriginalMessage();

    [GeneratedRegex(@"^\s*(Sent from my \S.*|Sent from (Mail|Outlook|Yahoo Mail|Gmail)\b.*|Get Outlook for \S.*|Envoyé de mon \S.*|Von meinem \S.* gesendet|Enviado desde mi \S.*)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex MobileFooter();

    [GeneratedRegex(@"^\s*\**(From|De|Von|Van|Da)\s*:\**\s*\S", RegexOptions.IgnoreCase)]
    private static partial Regex HeaderFrom();

    [GeneratedRegex(@"^\s*\**(Sent|Date|To|Subject|Cc|Envoyé|Gesendet|Enviado|Inviato|Verzonden|Datum|À|An|Para|A|Aan|Objet|Betreff|Asunto|Oggetto|Onderwerp)\s*:", RegexOptions.IgnoreCase)]
    private static partial Regex HeaderOther();

    // English, French, German, Spanish, Italian, Dutch, Portuguese: "On …", "Le …", "Am …", "El …", "Il …", "Op …", "Em …".
    [GeneratedRegex(@"^\s*(On|Le|Am|El|Il|Op|Em)\s+\S", RegexOptions.IgnoreCase)]
    private static partial Regex AttributionStart();

    // German and Dutch put the sender after the verb: "Am … schrieb GoodwillFlow <…>:".
    [GeneratedRegex(@"((wrote|a écrit|escribió|ha scritto|escreveu)\s*:|\b(schrieb|schreef)\b.*:)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex AttributionEnd();
}
