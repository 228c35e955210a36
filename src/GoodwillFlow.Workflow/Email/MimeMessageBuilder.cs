using System.Text;
using GoodwillFlow.Core.Email;
using GoodwillFlow.Workflow.Configuration;
using MimeKit;
using MimeKit.Encodings;
using MimeKit.Text;
using MimeKit.Utils;

namespace GoodwillFlow.Workflow.Email;

/// <summary>
/// Builds the one MIME message both the SMTP sender and the outbox use: <c>multipart/alternative</c> (plain text, then
/// HTML, quoted-printable so an .eml stays readable), the reply-to address, and a Message-ID that carries the prompt's
/// reply token (see <see cref="PromptMessageIds"/>), so a reply is matched by <c>In-Reply-To</c>/<c>References</c> too.
/// </summary>
public static class MimeMessageBuilder
{
    private const int MaxQuotedPrintableLine = 76;

    /// <summary>The header that carries the message's non-personal tags (kind, campaign, sequence).</summary>
    public const string TagsHeader = "X-GoodwillFlow-Tags";

    /// <summary>How every message is written: CRLF line ends, 7-bit headers (RFC 2047 encoded-words).</summary>
    public static FormatOptions Format { get; } = CreateFormat();

    /// <summary>Builds the message.</summary>
    /// <param name="message">What to send.</param>
    /// <param name="settings">The sender address and name.</param>
    /// <param name="date">The Date header.</param>
    public static MimeMessage Build(EmailMessage message, EmailOptions settings, DateTimeOffset date)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(settings);
        var from = string.IsNullOrWhiteSpace(settings.FromAddress) ? "goodwillflow@localhost" : settings.FromAddress.Trim();
        var mime = new MimeMessage();
        mime.From.Add(new MailboxAddress(string.IsNullOrWhiteSpace(settings.FromName) ? null : settings.FromName, Address(from)));
        mime.To.Add(new MailboxAddress(null, Address(message.To)));
        if (!string.IsNullOrWhiteSpace(message.ReplyTo))
        {
            mime.ReplyTo.Add(new MailboxAddress(null, Address(message.ReplyTo)));
        }

        // Line breaks in a header would end it (header injection); they become spaces.
        // Encoded with this builder's format (shorter encoded-words than MimeKit's default), not at assignment.
        var subject = new Header(HeaderId.Subject, "");
        subject.SetValue(Format, Encoding.UTF8, message.Subject.ReplaceLineEndings(" "));
        mime.Headers.Replace(subject);
        mime.Date = date;
        message.Tags.TryGetValue(EmailTags.ReplyToken, out var token);
        mime.MessageId = PromptMessageIds.Create(token, DomainOf(from));
        var tags = message.Tags.Where(t => t.Key != EmailTags.ReplyToken).ToList();
        if (tags.Count > 0)
        {
            var header = new Header(TagsHeader, "");
            header.SetValue(Format, Encoding.UTF8, string.Join("; ", tags.Select(t => $"{t.Key}={t.Value}")).ReplaceLineEndings(" "));
            mime.Headers.Add(header);
        }

        var alternative = new MultipartAlternative
        {
            Part(TextFormat.Plain, message.TextBody),
            Part(TextFormat.Html, message.HtmlBody),
        };
        mime.Body = alternative;
        return mime;
    }

    /// <summary>Writes <paramref name="message"/> exactly as SMTP sends it (CRLF, 7-bit).</summary>
    public static byte[] ToBytes(MimeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var buffer = new MemoryStream();
        message.WriteTo(Format, buffer);
        return buffer.ToArray();
    }

    private static TextPart Part(TextFormat format, string body)
    {
        // MimeKit's encoder writes up to maxLineLength + 1 characters before a soft break's '='; RFC 2045 allows 76 in all.
        var bytes = Encoding.UTF8.GetBytes(body.ReplaceLineEndings("\r\n"));
        var encoder = new QuotedPrintableEncoder(MaxQuotedPrintableLine - 2);
        var encoded = new byte[encoder.EstimateOutputLength(bytes.Length)];
        var length = encoder.Flush(bytes, 0, bytes.Length, encoded);
        var part = new TextPart(format)
        {
            ContentTransferEncoding = ContentEncoding.QuotedPrintable,
            Content = new MimeContent(new MemoryStream(encoded, 0, length, writable: false), ContentEncoding.QuotedPrintable),
        };
        part.ContentType.Charset = "utf-8";
        return part;
    }

    private static string Address(string address)
    {
        if (address.AsSpan().IndexOfAny("\r\n<>") >= 0)
        {
            throw new ArgumentException("An email address may not contain line breaks or angle brackets.", nameof(address));
        }

        return address.Trim();
    }

    private static string DomainOf(string address) =>
        address.LastIndexOf('@') is var at and >= 0 && at < address.Length - 1 ? address[(at + 1)..] : "localhost";

    private static FormatOptions CreateFormat()
    {
        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = NewLineFormat.Dos;
        format.International = false;

        // MimeKit fits encoded-words into MaxLineLength loosely; a smaller target keeps folded header lines within 78.
        format.MaxLineLength = 64;
        return format;
    }
}

/// <summary>
/// Message-IDs of prompts: <c>&lt;gw.{token}.{unique}@{domain}&gt;</c>. The signed reply token lives in the id itself,
/// so the id is "stored" with the mail: a reply's <c>In-Reply-To</c> or <c>References</c> leads back to the prompt
/// (the signature is checked like any token) without a lookup table to lose or migrate.
/// </summary>
public static partial class PromptMessageIds
{
    /// <summary>Creates a Message-ID (without angle brackets), carrying <paramref name="token"/> when given.</summary>
    public static string Create(string? token, string domain)
    {
        var unique = MimeUtils.GenerateMessageId(domain);
        return string.IsNullOrEmpty(token) ? unique : $"gw.{token}.{unique}";
    }

    /// <summary>Returns the reply tokens carried by any of <paramref name="messageIds"/> (with or without brackets).</summary>
    public static IEnumerable<string> Tokens(IEnumerable<string?> messageIds) =>
        messageIds.Where(id => !string.IsNullOrEmpty(id))
            .Select(id => TokenId().Match(id!))
            .Where(m => m.Success)
            .Select(m => m.Groups["token"].Value.ToLowerInvariant())
            .Distinct(StringComparer.Ordinal);

    [System.Text.RegularExpressions.GeneratedRegex(@"^<?gw\.(?<token>[a-z2-7]{8,100})\.", System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial System.Text.RegularExpressions.Regex TokenId();
}
