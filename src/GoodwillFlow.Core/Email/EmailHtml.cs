using System.Globalization;
using System.Net;
using System.Text;

namespace GoodwillFlow.Core.Email;

/// <summary>
/// Builds the HTML of GoodwillFlow's emails: one centred table at most 600 px wide, inline styles only, no scripts,
/// no images, so it reads the same in Gmail, Outlook (Word rendering) and on a phone. Every text and attribute passed
/// in is HTML-encoded here, so callers cannot forget to.
/// </summary>
internal sealed class EmailHtml
{
    private const string Font = "font-family:Arial,Helvetica,sans-serif;";
    private const string Ink = "#1f2933";
    private const string Muted = "#52606d";
    private const string Accent = "#0b6e4f";

    private readonly StringBuilder body = new();

    /// <summary>HTML-encodes text for element content or a double-quoted attribute.</summary>
    public static string Encode(string? text) => WebUtility.HtmlEncode(text ?? "");

    /// <summary>Adds a small grey line above the title.</summary>
    public EmailHtml Eyebrow(string text) =>
        Append($"<p style=\"margin:0 0 4px 0;{Font}font-size:13px;color:{Muted};text-transform:uppercase;letter-spacing:0.5px;\">{Encode(text)}</p>");

    /// <summary>Adds the title.</summary>
    public EmailHtml Title(string text) =>
        Append($"<h1 style=\"margin:0 0 12px 0;{Font}font-size:24px;line-height:1.25;color:{Ink};\">{Encode(text)}</h1>");

    /// <summary>Adds a section heading.</summary>
    public EmailHtml Heading(string text) =>
        Append($"<h2 style=\"margin:24px 0 8px 0;{Font}font-size:18px;line-height:1.3;color:{Ink};\">{Encode(text)}</h2>");

    /// <summary>Adds a paragraph.</summary>
    public EmailHtml Paragraph(string text, bool muted = false) =>
        Append($"<p style=\"margin:0 0 12px 0;{Font}font-size:16px;line-height:1.5;color:{(muted ? Muted : Ink)};\">{Encode(text)}</p>");

    /// <summary>Adds a paragraph with a link inside it: <paramref name="before"/>, the link, <paramref name="after"/>.</summary>
    public EmailHtml ParagraphWithLink(string before, Uri url, string linkText, string after = "") =>
        Append($"<p style=\"margin:0 0 12px 0;{Font}font-size:16px;line-height:1.5;color:{Ink};\">{Encode(before)}{Link(url, linkText)}{Encode(after)}</p>");

    /// <summary>Adds lines as a compact block (for context such as company and tenure).</summary>
    public EmailHtml Lines(IEnumerable<string> lines) =>
        Append($"<p style=\"margin:0 0 16px 0;{Font}font-size:16px;line-height:1.5;color:{Muted};\">{string.Join("<br>", lines.Select(Encode))}</p>");

    /// <summary>Adds a bulleted list.</summary>
    public EmailHtml Bullets(IEnumerable<string> items)
    {
        body.Append("<ul style=\"margin:0 0 12px 0;padding-left:20px;\">");
        foreach (var item in items)
        {
            body.Append(CultureInfo.InvariantCulture, $"<li style=\"margin:0 0 4px 0;{Font}font-size:16px;line-height:1.5;color:{Ink};\">{Encode(item)}</li>");
        }

        body.Append("</ul>");
        return this;
    }

    /// <summary>Adds a numbered list whose numbers are written out (so they survive copy and paste into a reply).</summary>
    public EmailHtml Numbered(IEnumerable<(int Number, string Text)> items)
    {
        body.Append("<table role=\"presentation\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" style=\"margin:0 0 12px 0;\">");
        foreach (var (number, text) in items)
        {
            body.Append(CultureInfo.InvariantCulture, $"<tr><td valign=\"top\" style=\"padding:0 8px 6px 0;{Font}font-size:16px;line-height:1.5;color:{Ink};font-weight:bold;\">{number}.</td>");
            body.Append(CultureInfo.InvariantCulture, $"<td valign=\"top\" style=\"padding:0 0 6px 0;{Font}font-size:16px;line-height:1.5;color:{Ink};\">{Encode(text)}</td></tr>");
        }

        body.Append("</table>");
        return this;
    }

    /// <summary>Adds a row of small buttons that wrap on a narrow screen.</summary>
    public EmailHtml ChoiceButtons(IEnumerable<(Uri Url, string Label)> buttons)
    {
        body.Append("<p style=\"margin:0 0 16px 0;line-height:2.6;\">");
        foreach (var (url, label) in buttons)
        {
            body.Append(CultureInfo.InvariantCulture, $"<a href=\"{Encode(url.AbsoluteUri)}\" style=\"display:inline-block;margin:0 6px 6px 0;padding:8px 14px;border:1px solid {Accent};border-radius:18px;{Font}font-size:15px;line-height:1.2;color:{Accent};text-decoration:none;white-space:nowrap;\">{Encode(label)}</a> ");
        }

        body.Append("</p>");
        return this;
    }

    /// <summary>Adds one prominent button, built as a table cell so Outlook keeps its padding and colour.</summary>
    public EmailHtml PrimaryButton(Uri url, string label) =>
        Append(
            "<table role=\"presentation\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" style=\"margin:4px 0 20px 0;\"><tr>"
            + $"<td bgcolor=\"{Accent}\" style=\"border-radius:6px;background-color:{Accent};\">"
            + $"<a href=\"{Encode(url.AbsoluteUri)}\" style=\"display:inline-block;padding:12px 20px;{Font}font-size:16px;font-weight:bold;color:#ffffff;text-decoration:none;\">{Encode(label)}</a>"
            + "</td></tr></table>");

    /// <summary>Adds a quoted block (an example reply, a suggested opener), one line per entry.</summary>
    public EmailHtml Quote(params IEnumerable<string> lines) =>
        Append($"<p style=\"margin:0 0 12px 0;padding:8px 12px;border-left:3px solid {Accent};background-color:#f0f4f3;{Font}font-size:15px;line-height:1.5;color:{Ink};\">{string.Join("<br>", lines.Select(Encode))}</p>");

    /// <summary>Adds a thin rule.</summary>
    public EmailHtml Rule() =>
        Append("<hr style=\"border:0;border-top:1px solid #e4e7eb;margin:20px 0;\">");

    /// <summary>Adds pre-built HTML from this class's helpers (never raw values).</summary>
    public EmailHtml Fragment(EmailHtml other)
    {
        body.Append(other.body);
        return this;
    }

    /// <summary>Returns an encoded link.</summary>
    public static string Link(Uri url, string text) =>
        $"<a href=\"{Encode(url.AbsoluteUri)}\" style=\"color:{Accent};text-decoration:underline;word-break:break-all;\">{Encode(text)}</a>";

    /// <summary>Wraps the body in the document: the hidden preheader (the inbox preview line), the card and a footer.</summary>
    public string Build(string title, string preheader, string footer)
    {
        var html = new StringBuilder(body.Length + 2048);
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">");
        html.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        html.Append(CultureInfo.InvariantCulture, $"<title>{Encode(title)}</title></head>");
        html.Append("<body style=\"margin:0;padding:0;background-color:#f4f5f7;\">");
        html.Append(CultureInfo.InvariantCulture, $"<div style=\"display:none;max-height:0;overflow:hidden;\">{Encode(preheader)}</div>");
        html.Append("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" bgcolor=\"#f4f5f7\" style=\"background-color:#f4f5f7;\"><tr><td align=\"center\" style=\"padding:16px 8px;\">");
        html.Append("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" bgcolor=\"#ffffff\" style=\"max-width:600px;background-color:#ffffff;border-radius:8px;\"><tr><td style=\"padding:24px 20px;\">");
        html.Append(body);
        html.Append("</td></tr></table>");
        html.Append(CultureInfo.InvariantCulture, $"<p style=\"max-width:600px;margin:12px auto 0 auto;{Font}font-size:12px;line-height:1.5;color:{Muted};text-align:center;\">{Encode(footer)}</p>");
        html.Append("</td></tr></table></body></html>");
        return html.ToString();
    }

    private EmailHtml Append(string html)
    {
        body.Append(html);
        return this;
    }
}
