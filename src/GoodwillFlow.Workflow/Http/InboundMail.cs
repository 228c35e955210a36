using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using MimeKit;

namespace GoodwillFlow.Workflow.Http;

/// <summary>Reads the fields of a SendGrid Inbound Parse post: addresses, reply tokens, and the body as plain text.</summary>
internal static partial class InboundMail
{
    /// <summary>The most text handed to the reply parser: answers are short, the rest is quoted thread.</summary>
    public const int MaxTextLength = 64 * 1024;

    /// <summary>Longer From values are not one person's address.</summary>
    private const int MaxAddressHeaderLength = 2048;

    private static readonly ParserOptions AddressParser = new()
    {
        AllowAddressesWithoutDomain = false,
        AllowUnquotedCommasInAddresses = true,
        MaxAddressGroupDepth = 2,
    };

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

    /// <summary>
    /// Returns the address of a <c>From</c> or envelope value that names exactly one mailbox (<c>"Name" &lt;a@b&gt;</c> or
    /// <c>a@b</c>), or null when it names none, several, or a group: a header listing a stranger and the owner must not
    /// pass as the owner's. Parsed by MimeKit, which decodes encoded-words in display names and keeps them out of the
    /// address.
    /// </summary>
    public static string? Address(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > MaxAddressHeaderLength)
        {
            return null;
        }

        return InternetAddressList.TryParse(AddressParser, value.Trim(), out var list)
            && list.Count == 1
            && list[0] is MailboxAddress { Route.Count: 0 } mailbox
            && mailbox.Address.IndexOf('@', StringComparison.Ordinal) is > 0 and var at
            && at < mailbox.Address.Length - 1
                ? mailbox.Address
                : null;
    }

    /// <summary>
    /// Why the mail cannot be taken as the owner's, or null when it can: the From header must name the owner alone, the
    /// envelope sender must be the owner too, SendGrid's SPF result must not be <c>fail</c> or <c>softfail</c>, and a DKIM
    /// signature of the owner's domain must not have failed unless another one of it passed. The reasons are categories, safe to log.
    /// </summary>
    public static string? SenderProblem(string ownerEmail, string? fromHeader, string? envelopeFrom, string? spf, string? dkim)
    {
        var owner = Address(ownerEmail);
        if (owner is null)
        {
            return "the campaign has no owner address";
        }

        if (!string.Equals(Address(fromHeader), owner, StringComparison.OrdinalIgnoreCase))
        {
            return "sender is not the owner";
        }

        if (!string.Equals(Address(envelopeFrom), owner, StringComparison.OrdinalIgnoreCase))
        {
            return "envelope sender is not the owner";
        }

        var spfResult = spf?.Trim();
        if (string.Equals(spfResult, "fail", StringComparison.OrdinalIgnoreCase) || string.Equals(spfResult, "softfail", StringComparison.OrdinalIgnoreCase))
        {
            return "SPF check failed";
        }

        // One good signature is enough (DKIM's own rule); a failed one with none passing means altered or forged mail.
        var ownerDomain = owner[(owner.LastIndexOf('@') + 1)..];
        var aligned = DkimResults(dkim).Where(r => Aligned(r.Domain, ownerDomain)).Select(r => r.Result).ToList();
        if (aligned.Contains("fail", StringComparer.OrdinalIgnoreCase) && !aligned.Contains("pass", StringComparer.OrdinalIgnoreCase))
        {
            return "DKIM check failed for the owner's domain";
        }

        return null;
    }

    /// <summary>Reads SendGrid's <c>dkim</c> field, <c>{@example.com : pass, @sendgrid.net : fail}</c>, into domain and result pairs.</summary>
    public static IEnumerable<(string Domain, string Result)> DkimResults(string? dkim) =>
        string.IsNullOrWhiteSpace(dkim)
            ? []
            : DkimResult().Matches(dkim).Take(20).Select(m => (m.Groups["domain"].Value, m.Groups["result"].Value)).ToList();

    /// <summary>Reads SendGrid's <c>charsets</c> field (JSON: field name to charset name); empty when missing or malformed.</summary>
    public static IReadOnlyDictionary<string, string> ParseCharsets(string? json)
    {
        var charsets = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (string.IsNullOrWhiteSpace(json))
        {
            return charsets;
        }

        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 4 });
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                foreach (var field in document.RootElement.EnumerateObject().Take(64))
                {
                    if (field.Value.ValueKind == JsonValueKind.String)
                    {
                        charsets[field.Name] = field.Value.GetString()!;
                    }
                }
            }
        }
        catch (JsonException)
        {
            // A malformed field leaves every part to its own Content-Type charset or UTF-8.
        }

        return charsets;
    }

    /// <summary>A signature of the owner's domain, or of a parent domain of it (relaxed alignment, as DMARC has it).</summary>
    private static bool Aligned(string signingDomain, string ownerDomain) =>
        ownerDomain.Equals(signingDomain, StringComparison.OrdinalIgnoreCase)
        || ownerDomain.EndsWith("." + signingDomain, StringComparison.OrdinalIgnoreCase);

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

    [GeneratedRegex(@"@(?<domain>[a-z0-9][a-z0-9.-]{0,252})\s*:\s*(?<result>[a-z]{1,20})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex DkimResult();

    [GeneratedRegex(@"<br\s*/?>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex LineBreak();

    [GeneratedRegex(@"</(?:p|div|li|tr|h[1-6]|table)\s*>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex BlockEnd();

    [GeneratedRegex(@"<[^>]*>", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Tag();

    [GeneratedRegex(@"\n{3,}", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex ManyBlankLines();
}
