using System.Net;
using System.Text.RegularExpressions;

namespace GoodwillFlow.Core.Tests.Email;

internal static partial class HtmlAssert
{
    /// <summary>The decoded targets of every link in the HTML, in order.</summary>
    public static string[] Links(string html) =>
        HrefPattern().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToArray();

    /// <summary>Asserts the email is safe and simple enough for mail clients: no scripts, no style sheets, balanced layout tags.</summary>
    public static void IsSelfContainedEmailHtml(string html)
    {
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<style", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("name=\"viewport\"", html, StringComparison.Ordinal);
        foreach (var tag in new[] { "table", "tr", "td", "p", "a", "ul", "li", "h1", "h2", "div" })
        {
            var opened = Regex.Matches(html, $"<{tag}[ >]").Count;
            var closed = Regex.Matches(html, $"</{tag}>").Count;
            Assert.True(opened == closed, $"<{tag}> opened {opened} times, closed {closed} times");
        }
    }

    [GeneratedRegex("href=\"([^\"]*)\"")]
    private static partial Regex HrefPattern();
}
