using System.Net;

namespace GoodwillFlow.Core.ReplyPage;

/// <summary>
/// The document every page of the reply site is: one inline stylesheet, no scripts, no external assets, not indexed, no
/// referrer, sized for a phone. The stylesheet is allowed by its hash in the page's Content-Security-Policy.
/// </summary>
internal static class SelfContainedPage
{
    /// <summary>Wraps <paramref name="body"/> (already encoded HTML) in the document, with <paramref name="title"/> encoded.</summary>
    public static string Render(string title, string stylesheet, string body) =>
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">" +
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" +
        "<meta name=\"robots\" content=\"noindex, nofollow\">" +
        "<meta name=\"referrer\" content=\"no-referrer\">" +
        $"<title>{WebUtility.HtmlEncode(title)} · GoodwillFlow</title>" +
        $"<style>{stylesheet}</style></head><body><main>{body}</main></body></html>";
}
