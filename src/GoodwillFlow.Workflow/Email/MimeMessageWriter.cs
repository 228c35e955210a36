using System.Globalization;
using System.Text;

namespace GoodwillFlow.Workflow.Email;

/// <summary>
/// Writes an RFC 5322 / MIME <c>multipart/alternative</c> message: encoded-words (RFC 2047) for non-ASCII header
/// text, quoted-printable bodies (RFC 2045) so the .eml stays readable in a text editor, CRLF line ends.
/// </summary>
internal static class MimeMessageWriter
{
    private const int MaxEncodedLine = 76;

    // 45 bytes make 60 base64 characters: with "=?utf-8?B?" and "?=" an encoded-word stays within 75 characters.
    private const int MaxEncodedWordBytes = 45;
    private const int EncodedWordOverhead = 12;

    /// <summary>The parts of a message, already chosen by the caller.</summary>
    internal sealed record Parts(
        string From,
        string? FromName,
        string To,
        string? ReplyTo,
        string Subject,
        DateTimeOffset Date,
        string MessageId,
        string TextBody,
        string HtmlBody,
        IReadOnlyDictionary<string, string> Tags);

    public static string Write(Parts parts)
    {
        var boundary = "=_goodwill_" + Guid.NewGuid().ToString("N");
        var mail = new StringBuilder();
        Header(mail, "From", Mailbox(parts.From, parts.FromName));
        Header(mail, "To", Mailbox(parts.To, null));
        if (!string.IsNullOrWhiteSpace(parts.ReplyTo))
        {
            Header(mail, "Reply-To", Mailbox(parts.ReplyTo, null));
        }

        Header(mail, "Subject", EncodeText(parts.Subject, "Subject: ".Length));
        Header(mail, "Date", parts.Date.ToUniversalTime().ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture));
        Header(mail, "Message-ID", $"<{parts.MessageId}>");
        if (parts.Tags.Count > 0)
        {
            Header(mail, "X-GoodwillFlow-Tags", EncodeText(string.Join("; ", parts.Tags.Select(t => $"{t.Key}={t.Value}")), "X-GoodwillFlow-Tags: ".Length));
        }

        Header(mail, "MIME-Version", "1.0");
        Header(mail, "Content-Type", $"multipart/alternative;\r\n boundary=\"{boundary}\"");
        mail.Append("\r\n");
        mail.Append("This is a multi-part message in MIME format.\r\n");
        Part(mail, boundary, "text/plain; charset=utf-8", parts.TextBody);
        Part(mail, boundary, "text/html; charset=utf-8", parts.HtmlBody);
        mail.Append("--").Append(boundary).Append("--\r\n");
        return mail.ToString();
    }

    /// <summary>Returns <paramref name="text"/> as is when it is plain printable ASCII, else as RFC 2047 encoded-words.</summary>
    /// <param name="text">The header text.</param>
    /// <param name="firstLineUsed">Characters already on the first line (the header name), so that line stays within 76 too.</param>
    public static string EncodeText(string text, int firstLineUsed)
    {
        // Line breaks in a header would end it (header injection); they become spaces.
        var flat = text.Replace("\r\n", " ", StringComparison.Ordinal).Replace('\r', ' ').Replace('\n', ' ');
        if (flat.All(c => c is >= ' ' and <= '~') && flat.Length <= 900)
        {
            return flat;
        }

        var words = new List<string>();
        var chunk = new List<byte>(MaxEncodedWordBytes);
        var budget = Math.Clamp((MaxEncodedLine - firstLineUsed - EncodedWordOverhead) / 4 * 3, 3, MaxEncodedWordBytes);
        Span<byte> buffer = stackalloc byte[4];
        foreach (var rune in flat.EnumerateRunes())
        {
            var length = rune.EncodeToUtf8(buffer);

            // Never split a character's bytes across two encoded-words.
            if (chunk.Count > 0 && chunk.Count + length > budget)
            {
                words.Add(EncodedWord(chunk));
                chunk.Clear();
                budget = MaxEncodedWordBytes;
            }

            for (var i = 0; i < length; i++)
            {
                chunk.Add(buffer[i]);
            }
        }

        if (chunk.Count > 0 || words.Count == 0)
        {
            words.Add(EncodedWord(chunk));
        }

        // Folded: each encoded-word on its own continuation line; the whitespace between them is not part of the text.
        return string.Join("\r\n ", words);
    }

    /// <summary>Encodes <paramref name="text"/> as quoted-printable UTF-8 with CRLF hard breaks and soft breaks at 76 characters.</summary>
    public static string EncodeQuotedPrintable(string text)
    {
        var output = new StringBuilder(text.Length + (text.Length / 8));
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
        for (var l = 0; l < lines.Length; l++)
        {
            if (l > 0)
            {
                output.Append("\r\n");
            }

            var bytes = Encoding.UTF8.GetBytes(lines[l]);
            var column = 0;
            for (var i = 0; i < bytes.Length; i++)
            {
                var b = bytes[i];
                var literal = (b is >= 33 and <= 126 && b != (byte)'=') || (b is (byte)' ' or (byte)'\t' && i < bytes.Length - 1);
                var token = literal ? ((char)b).ToString() : $"={b:X2}";

                // Leave room for the '=' of a soft break.
                if (column + token.Length > MaxEncodedLine - 1)
                {
                    output.Append("=\r\n");
                    column = 0;
                }

                output.Append(token);
                column += token.Length;
            }
        }

        return output.ToString();
    }

    private static string EncodedWord(List<byte> bytes) => $"=?utf-8?B?{Convert.ToBase64String(bytes.ToArray())}?=";

    private static string Mailbox(string address, string? displayName)
    {
        if (address.AsSpan().IndexOfAny('\r', '\n') >= 0 || address.Contains('<', StringComparison.Ordinal) || address.Contains('>', StringComparison.Ordinal))
        {
            throw new ArgumentException("An email address may not contain line breaks or angle brackets.", nameof(address));
        }

        if (string.IsNullOrWhiteSpace(displayName))
        {
            return $"<{address}>";
        }

        var encoded = EncodeText(displayName, "Reply-To: ".Length);
        var name = encoded.StartsWith("=?", StringComparison.Ordinal)
            ? encoded
            : "\"" + encoded.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
        return $"{name} <{address}>";
    }

    private static void Header(StringBuilder mail, string name, string value) =>
        mail.Append(name).Append(": ").Append(value).Append("\r\n");

    private static void Part(StringBuilder mail, string boundary, string contentType, string body)
    {
        mail.Append("--").Append(boundary).Append("\r\n");
        Header(mail, "Content-Type", contentType);
        Header(mail, "Content-Transfer-Encoding", "quoted-printable");
        mail.Append("\r\n");
        mail.Append(EncodeQuotedPrintable(body));
        mail.Append("\r\n");
    }
}
