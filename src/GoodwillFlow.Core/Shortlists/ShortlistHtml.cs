using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace GoodwillFlow.Core.Shortlists;

/// <summary>
/// The shortlist as one self-contained HTML page: inline CSS, no scripts, no external assets, cards that stack on a
/// phone. Every value is HTML-encoded; a Content-Security-Policy meta tag blocks scripts even if one slipped through.
/// </summary>
internal static class ShortlistHtml
{
    // All ranges allowed so names stay readable in the source; markup-significant characters are still encoded.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private const string Style = """
        :root{color-scheme:light dark;--ink:#1d2330;--muted:#5b6475;--card:#fff;--bg:#f3f5f8;--accent:#2f6f5e}
        @media (prefers-color-scheme:dark){:root{--ink:#e8ebf1;--muted:#a3abbb;--card:#1c212b;--bg:#12161d;--accent:#7fc8b2}}
        *{box-sizing:border-box}
        body{margin:0;padding:16px;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:var(--bg)}
        main{max-width:760px;margin:0 auto}
        h1{font-size:1.5rem;margin:0 0 4px}
        .summary{color:var(--muted);margin:0 0 16px}
        ol{list-style:none;margin:0;padding:0;display:grid;gap:12px}
        .card{background:var(--card);border-radius:12px;padding:16px;box-shadow:0 1px 3px rgba(0,0,0,.12);overflow-wrap:anywhere}
        .head{display:flex;gap:12px;align-items:baseline;flex-wrap:wrap}
        .rank{color:var(--muted);font-weight:600}
        .name{font-size:1.15rem;font-weight:600;flex:1 1 auto}
        .name a{color:var(--accent)}
        .score{margin-left:auto;background:var(--accent);color:var(--card);border-radius:999px;padding:2px 10px;font-weight:600;white-space:nowrap}
        .role{color:var(--muted);margin:2px 0 8px}
        ul{margin:0 0 8px;padding-left:20px}
        blockquote{margin:0;padding:8px 12px;border-left:4px solid var(--accent);background:var(--bg);border-radius:4px}
        .empty{background:var(--card);border-radius:12px;padding:16px}
        """;

    public static byte[] Render(Shortlist shortlist)
    {
        var html = new StringBuilder(4096 + (shortlist.Entries.Count * 1024));
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n")
            .Append("<meta name=\"referrer\" content=\"no-referrer\">\n")
            .Append("<title>Your outreach shortlist</title>\n<style>\n").Append(Style).Append("</style>\n</head>\n<body>\n<main>\n")
            .Append("<h1>Your outreach shortlist</h1>\n<p class=\"summary\">");

        var count = shortlist.Entries.Count;
        html.Append(count == 1 ? "1 person" : $"{count.ToString(CultureInfo.InvariantCulture)} people")
            .Append(" to contact first, best first. Compiled ")
            .Append(Encode(shortlist.CompiledAt.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)))
            .Append(" from ").Append(shortlist.RepliesConsidered.ToString(CultureInfo.InvariantCulture))
            .Append(shortlist.RepliesConsidered == 1 ? " reply" : " replies");
        if (shortlist.LeftOut > 0)
        {
            html.Append("; ").Append(shortlist.LeftOut.ToString(CultureInfo.InvariantCulture))
                .Append(" left out (skipped, not remembered, or a low perception)");
        }

        html.Append(".</p>\n");

        if (count == 0)
        {
            html.Append("<p class=\"empty\">No one to list yet. Answer a few prompts and compile again.</p>\n");
        }
        else
        {
            html.Append("<ol>\n");
            foreach (var entry in shortlist.Entries)
            {
                AppendCard(html, entry);
            }

            html.Append("</ol>\n");
        }

        html.Append("</main>\n</body>\n</html>\n");
        return Encoding.UTF8.GetBytes(html.ToString());
    }

    private static void AppendCard(StringBuilder html, ShortlistEntry entry)
    {
        var c = entry.Connection;
        html.Append("<li class=\"card\">\n<div class=\"head\"><span class=\"rank\">#")
            .Append(entry.Rank.ToString(CultureInfo.InvariantCulture))
            .Append("</span><span class=\"name\">");
        var name = Encode(c.DisplayName.Length > 0 ? c.DisplayName : "(no name)");
        if (ProfileLink(c.Url) is { } link)
        {
            html.Append("<a href=\"").Append(Encode(link)).Append("\" rel=\"noopener noreferrer\" target=\"_blank\">")
                .Append(name).Append("</a>");
        }
        else
        {
            html.Append(name);
        }

        html.Append("</span><span class=\"score\" title=\"Goodwill score out of 100\">")
            .Append(entry.Score.ToString(CultureInfo.InvariantCulture)).Append("</span></div>\n");

        var role = string.Join(" · ", new[] { c.Position, c.Company }.Where(v => !string.IsNullOrWhiteSpace(v)));
        if (role.Length > 0)
        {
            html.Append("<p class=\"role\">").Append(Encode(role)).Append("</p>\n");
        }

        if (entry.Reasons.Count > 0)
        {
            html.Append("<ul>\n");
            foreach (var reason in entry.Reasons)
            {
                html.Append("<li>").Append(Encode(reason)).Append("</li>\n");
            }

            html.Append("</ul>\n");
        }

        html.Append("<blockquote>").Append(Encode(entry.Opener)).Append("</blockquote>\n</li>\n");
    }

    /// <summary>Returns the URL only when it is an absolute http(s) URL, so a <c>javascript:</c> value is never a link.</summary>
    internal static string? ProfileLink(string? url) =>
        Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri.AbsoluteUri
            : null;

    private static string Encode(string value) => Encoder.Encode(value);
}
