using System.Text.RegularExpressions;

namespace GoodwillFlow.Cli.Local;

/// <summary>
/// Prints each new prompt written to the outbox with its reply link, so an owner running locally can answer from the
/// console. Printed to the owner's own terminal, never to the log.
/// </summary>
internal sealed partial class OutboxAnnouncer(string outboxPath, TextWriter output)
{
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly HashSet<string> _campaignsShown = new(StringComparer.Ordinal);

    /// <summary>Marks what is already in the outbox as seen.</summary>
    public void SkipExisting()
    {
        foreach (var file in Files())
        {
            _seen.Add(file);
        }
    }

    /// <summary>Prints the messages written since the last call.</summary>
    public void AnnounceNew()
    {
        foreach (var file in Files().Where(_seen.Add))
        {
            var message = OutboxMessage.TryRead(file);
            if (message is null)
            {
                continue;
            }

            output.WriteLine(message.ReplyPageUrl is { } link
                ? $"  ✉ {message.Subject}\n    answer: {link}"
                : $"  ✉ {message.Subject}  ({Path.GetFileName(file)})");

            // The campaign page once per campaign: every email carries a fresh link to it, so the first one will do.
            if (message is { CampaignPageUrl: { } page, CampaignId: { } campaign } && _campaignsShown.Add(campaign))
            {
                output.WriteLine($"    your campaign page: {page}");
            }
        }
    }

    private IEnumerable<string> Files() =>
        Directory.Exists(outboxPath)
            ? Directory.EnumerateFiles(outboxPath, "*.eml").Order(StringComparer.Ordinal)
            : [];
}

/// <summary>The parts of an outbox .eml that the console and the scripted demo owner need.</summary>
/// <param name="Path">The file.</param>
/// <param name="Subject">The decoded subject.</param>
/// <param name="ReplyPageUrl">The reply page link (without a one-click choice), if the message has one.</param>
/// <param name="ReplyTo">The Reply-To address, if any.</param>
internal sealed partial record OutboxMessage(string Path, string Subject, Uri? ReplyPageUrl, string? ReplyTo)
{
    /// <summary>Gets the owner's campaign page link ("Your campaign"), if the message has one.</summary>
    public Uri? CampaignPageUrl { get; init; }

    /// <summary>Gets the campaign the message belongs to (from its tags header), if it names one.</summary>
    public string? CampaignId { get; init; }

    /// <summary>Reads an outbox .eml; null when it cannot be read yet (still being written).</summary>
    public static OutboxMessage? TryRead(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (IOException)
        {
            return null;
        }

        var html = System.IO.Path.ChangeExtension(path, ".html");
        var body = File.Exists(html) ? File.ReadAllText(html) : text;
        var subject = DecodeSubject(HeaderValue(text, "Subject") ?? "(no subject)");
        var link = ReplyLink().Match(body) is { Success: true } m ? new Uri(System.Net.WebUtility.HtmlDecode(m.Groups["url"].Value)) : null;
        return new OutboxMessage(path, subject, link, HeaderValue(text, "Reply-To"))
        {
            CampaignPageUrl = CampaignLink().Match(body) is { Success: true } c ? new Uri(System.Net.WebUtility.HtmlDecode(c.Groups["url"].Value)) : null,
            CampaignId = CampaignTag().Match(HeaderValue(text, "X-GoodwillFlow-Tags") ?? "") is { Success: true } t ? t.Groups["id"].Value : null,
        };
    }

    private static string? HeaderValue(string message, string name)
    {
        var match = Regex.Match(message, $"^{name}:[ \\t]*(?<v>.*(?:\\r?\\n[ \\t].*)*)", RegexOptions.Multiline | RegexOptions.IgnoreCase);
        return match.Success ? Regex.Replace(match.Groups["v"].Value, @"\r?\n[ \t]+", " ").Trim() : null;
    }

    private static string DecodeSubject(string value) =>
        EncodedWord().Replace(value, m =>
        {
            var bytes = m.Groups["enc"].Value.Equals("B", StringComparison.OrdinalIgnoreCase)
                ? Convert.FromBase64String(m.Groups["text"].Value)
                : QDecode(m.Groups["text"].Value);
            return System.Text.Encoding.UTF8.GetString(bytes);
        }).Replace("?= =?", "", StringComparison.Ordinal);

    private static byte[] QDecode(string text)
    {
        var bytes = new List<byte>();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '=' && i + 2 < text.Length)
            {
                bytes.Add(Convert.ToByte(text.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.Add(text[i] == '_' ? (byte)' ' : (byte)text[i]);
            }
        }

        return [.. bytes];
    }

    [GeneratedRegex(@"href=""(?<url>https?://[^""?]+/api/r/[a-z2-7]+)""", RegexOptions.IgnoreCase)]
    private static partial Regex ReplyLink();

    [GeneratedRegex(@"href=""(?<url>https?://[^""?]+/api/c/[a-z2-7]+)""", RegexOptions.IgnoreCase)]
    private static partial Regex CampaignLink();

    [GeneratedRegex(@"(?:^|;\s*)campaign=(?<id>[0-9a-f]{16})")]
    private static partial Regex CampaignTag();

    [GeneratedRegex(@"=\?utf-8\?(?<enc>[BQ])\?(?<text>[^?]*)\?=", RegexOptions.IgnoreCase)]
    private static partial Regex EncodedWord();
}
