using System.Net;
using System.Net.Mail;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace GoodwillFlow.Workflow.Http;

/// <summary>Reads the fields of a SendGrid Inbound Parse post: addresses, reply tokens, and the body as plain text.</summary>
internal static partial class InboundMail
{
    /// <summary>The most text handed to the reply parser: answers are short, the rest is quoted thread.</summary>
    public const int MaxTextLength = 64 * 1024;

    /// <summary>Returns the envelope's recipients and sender; empty when the JSON is missing or malformed.</summary>
    public static (IReadOnlyList<string> To, string? From) ParseEnvelope(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return ([], null);
        }

        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 8 });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return ([], null);
            }

            var to = new List<string>();
            if (root.TryGetProperty("to", out var toElement))
            {
                if (toElement.ValueKind == JsonValueKind.Array)
                {
                    to.AddRange(toElement.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!));
                }
                else if (toElement.ValueKind == JsonValueKind.String)
                {
                    to.Add(toElement.GetString()!);
                }
            }

            var from = root.TryGetProperty("from", out var fromElement) && fromElement.ValueKind == JsonValueKind.String
                ? fromElement.GetString()
                : null;
            return (to, from);
        }
        catch (JsonException)
        {
            return ([], null);
        }
    }

    /// <summary>
    /// Returns the tokens of every <c>reply+{token}@</c> (or <c>me+{token}@</c>, plus addressing) address in the fields, lowercased: tokens are lowercase base32,
    /// and mail systems may upper-case the local part.
    /// </summary>
    public static IEnumerable<string> TokensFromAddresses(IEnumerable<string?> fields) =>
        fields.Where(f => !string.IsNullOrEmpty(f))
            .SelectMany(f => ReplyAddress().Matches(f!).Select(m => m.Groups["token"].Value.ToLowerInvariant()))
            .Distinct(StringComparer.Ordinal);

    /// <summary>Returns the tokens of reply-page links (<c>/api/r/{token}</c>) in the body, lowercased.</summary>
    public static IEnumerable<string> TokensFromBody(IEnumerable<string?> bodies) =>
        bodies.Where(b => !string.IsNullOrEmpty(b))
            .SelectMany(b => ReplyPageLink().Matches(b!).Select(m => m.Groups["token"].Value.ToLowerInvariant()))
            .Distinct(StringComparer.Ordinal);

    /// <summary>Returns the bare address of a <c>From</c> value (<c>"Name" &lt;a@b&gt;</c> or <c>a@b</c>), or null.</summary>
    public static string? Address(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (MailAddress.TryCreate(value.Trim(), out var address))
        {
            return address.Address;
        }

        // Display names MailAddress cannot read (undecoded =?UTF-8?...?= words, stray commas) still end in <address>.
        var bracketed = AngleAddress().Match(value);
        return bracketed.Success && MailAddress.TryCreate(bracketed.Groups["address"].Value, out address) ? address.Address : null;
    }

    /// <summary>
    /// Turns an HTML mail body into plain text: quoted messages (<c>blockquote</c>), styles, scripts and tags
    /// removed, line breaks kept, entities decoded.
    /// </summary>
    public static string HtmlToText(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var text = RemoveElements(html, "head");
        text = RemoveElements(text, "style");
        text = RemoveElements(text, "script");
        text = RemoveElements(text, "blockquote");
        text = LineBreak().Replace(text, "\n");
        text = BlockEnd().Replace(text, "\n");
        text = Tag().Replace(text, "");
        text = WebUtility.HtmlDecode(text).Replace('\u00a0', ' ');
        var lines = text.ReplaceLineEndings("\n").Split('\n').Select(l => l.TrimEnd());
        return ManyBlankLines().Replace(string.Join('\n', lines), "\n\n").Trim();
    }

    /// <summary>Removes every <c>&lt;name&gt;…&lt;/name&gt;</c>, nested ones included, in one linear pass.</summary>
    private static string RemoveElements(string html, string name)
    {
        var open = "<" + name;
        var close = "</" + name;
        if (html.IndexOf(open, StringComparison.OrdinalIgnoreCase) < 0)
        {
            return html;
        }

        var result = new StringBuilder(html.Length);
        var depth = 0;
        var i = 0;
        while (i < html.Length)
        {
            if (IsTagAt(html, i, open))
            {
                depth++;
                i = SkipTag(html, i);
                continue;
            }

            if (depth > 0 && IsTagAt(html, i, close))
            {
                depth--;
                i = SkipTag(html, i);
                continue;
            }

            if (depth == 0)
            {
                result.Append(html[i]);
            }

            i++;
        }

        return result.ToString();
    }

    private static bool IsTagAt(string html, int index, string prefix) =>
        string.Compare(html, index, prefix, 0, prefix.Length, StringComparison.OrdinalIgnoreCase) == 0
        && index + prefix.Length < html.Length
        && html[index + prefix.Length] is '>' or '/' or ' ' or '\t' or '\r' or '\n';

    private static int SkipTag(string html, int index)
    {
        var end = html.IndexOf('>', index);
        return end < 0 ? html.Length : end + 1;
    }

    [GeneratedRegex(@"\+(?<token>[a-z2-7]{8,100})@", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex ReplyAddress();

    [GeneratedRegex(@"/api/r/(?<token>[a-z2-7]{8,100})(?![a-z0-9])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex ReplyPageLink();

    [GeneratedRegex(@"<(?<address>[^<>\s]+@[^<>\s]+)>\s*$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex AngleAddress();

    [GeneratedRegex(@"<br\s*/?>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex LineBreak();

    [GeneratedRegex(@"</(?:p|div|li|tr|h[1-6]|table)\s*>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex BlockEnd();

    [GeneratedRegex(@"<[^>]*>", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Tag();

    [GeneratedRegex(@"\n{3,}", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex ManyBlankLines();
}
