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
        h2{font-size:1.2rem;margin:24px 0 4px}
        .tier-note{color:var(--muted);margin:0 0 12px}
        .legacy{background:var(--card);border-radius:12px;padding:16px;border-top:4px solid var(--accent);box-shadow:0 1px 3px rgba(0,0,0,.12)}
        .legacy h2{margin:0 0 8px}
        .legacy p{margin:0}
        blockquote p{margin:0}
        .why{margin:0 0 2px;font-weight:500}
        .figures{margin:0 0 8px;color:var(--muted);font-size:.875rem}
        .ask{margin-top:6px}
        .label{color:var(--muted);font-size:.85rem;font-weight:600;margin:8px 0 2px}
        .forward li{margin:0 0 6px}
        """;

    public static byte[] Render(Shortlist shortlist)
    {
        var html = new StringBuilder(4096 + (shortlist.Entries.Count * 1024));
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n")
            .Append("<meta name=\"referrer\" content=\"no-referrer\">\n")
            .Append("<title>Your outreach shortlist</title>\n<style>\n").Append(Style).Append("</style>\n</head>\n<body>\n<main>\n")
            .Append("<h1>Your outreach shortlist</h1>\n<p class=\"summary\">").Append(Encode(Summary(shortlist))).Append("</p>\n");

        html.Append("<section class=\"legacy\">\n<h2>Your legacy of goodwill</h2>\n<p>")
            .Append(Encode(shortlist.Legacy.Paragraph)).Append("</p>\n</section>\n");

        if (shortlist.Entries.Count == 0)
        {
            html.Append("<p class=\"empty\">No one to contact first yet. Answer a few prompts and compile again.</p>\n");
        }

        foreach (var tier in shortlist.Entries.GroupBy(e => e.Tier))
        {
            html.Append("<section>\n<h2>").Append(Encode(ShortlistTiers.Title(tier.Key))).Append("</h2>\n<p class=\"tier-note\">")
                .Append(Encode(ShortlistTiers.Description(tier.Key))).Append("</p>\n<ol>\n");
            foreach (var entry in tier)
            {
                AppendCard(html, entry);
            }

            html.Append("</ol>\n</section>\n");
        }

        if (shortlist.PayItForward.Count > 0)
        {
            html.Append("<section class=\"forward\">\n<h2>Pay it forward</h2>\n<p class=\"tier-note\">")
                .Append("People you could help now, whether or not they can help you. Goodwill grows from what you give.</p>\n<ul>\n");
            foreach (var entry in shortlist.PayItForward)
            {
                html.Append("<li><strong>").Append(Encode(Name(entry.Connection))).Append("</strong>");
                var about = string.Join(" · ", new[] { GoodwillScorer.RelationshipReason(entry.Relationship), Blank(entry.Connection.Company) }.OfType<string>());
                if (about.Length > 0)
                {
                    html.Append(" <span class=\"role\">(").Append(Encode(about)).Append(")</span>");
                }

                html.Append(": you could offer “").Append(Encode(entry.Offer)).Append("”</li>\n");
            }

            html.Append("</ul>\n</section>\n");
        }

        html.Append("</main>\n</body>\n</html>\n");
        return Encoding.UTF8.GetBytes(html.ToString());
    }

    /// <summary>Gets the line under the title: how many to contact first, from how many replies, and who was left out.</summary>
    internal static string Summary(Shortlist shortlist)
    {
        var count = shortlist.Entries.Count;
        var summary = new StringBuilder()
            .Append(count == 1 ? "1 person" : $"{count.ToString(CultureInfo.InvariantCulture)} people")
            .Append(" to contact first, in tiers by what to ask. Compiled ")
            .Append(shortlist.CompiledAt.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture))
            .Append(" from ").Append(shortlist.RepliesConsidered.ToString(CultureInfo.InvariantCulture))
            .Append(shortlist.RepliesConsidered == 1 ? " reply" : " replies");
        if (shortlist.LeftOut > 0)
        {
            summary.Append("; ").Append(shortlist.LeftOut.ToString(CultureInfo.InvariantCulture))
                .Append(" left out (skipped, not remembered, or a low perception)");
        }

        if (shortlist.WeakTies > 0)
        {
            summary.Append("; ").Append(shortlist.WeakTies.ToString(CultureInfo.InvariantCulture))
                .Append(shortlist.WeakTies == 1 ? " weak tie" : " weak ties").Append(" (met once or faded, no way to help) kept for later");
        }

        return summary.Append('.').ToString();
    }

    private static void AppendCard(StringBuilder html, ShortlistEntry entry)
    {
        var c = entry.Connection;
        html.Append("<li class=\"card\">\n<div class=\"head\"><span class=\"rank\">#")
            .Append(entry.Rank.ToString(CultureInfo.InvariantCulture))
            .Append("</span><span class=\"name\">");
        var name = Encode(Name(c));
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

        // An entry built by the compiler has its reasons in three parts; one built elsewhere has only the flat list.
        var grouped = entry.OwnerWords.Count + entry.Why.Count + entry.Figures.Count > 0;
        var words = grouped ? entry.OwnerWords : entry.Reasons;
        if (words.Count > 0)
        {
            html.Append("<ul>\n");
            foreach (var reason in words)
            {
                html.Append("<li>").Append(Encode(reason)).Append("</li>\n");
            }

            html.Append("</ul>\n");
        }

        if (entry.Why.Count > 0)
        {
            html.Append("<p class=\"why\">").Append(Encode(string.Join(" · ", entry.Why))).Append("</p>\n");
        }

        if (entry.Figures.Count > 0)
        {
            html.Append("<p class=\"figures\">").Append(Encode(string.Join(" · ", entry.Figures))).Append("</p>\n");
        }

        html.Append("<p class=\"label\">Suggested message</p>\n<blockquote><p>").Append(Encode(entry.Opener)).Append("</p>");
        if (entry.Ask.Length > 0)
        {
            html.Append("<p class=\"ask\">").Append(Encode(entry.Ask)).Append("</p>");
        }

        html.Append("</blockquote>\n</li>\n");
    }

    /// <summary>Returns the URL only when it is an absolute http(s) URL, so a <c>javascript:</c> value is never a link.</summary>
    internal static string? ProfileLink(string? url) =>
        Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri.AbsoluteUri
            : null;

    private static string Name(Connections.Connection c) => c.DisplayName.Length > 0 ? c.DisplayName : "(no name)";

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string Encode(string value) => Encoder.Encode(value);
}
