using System.Text;
using GoodwillFlow.Core.ReplyPage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;

namespace GoodwillFlow.Workflow.Http;

/// <summary>
/// A response with a fixed body, content type and headers. It needs nothing from the request's services, so the
/// Functions host, Kestrel and tests execute it identically.
/// </summary>
internal sealed class BodyResult(int statusCode, string contentType, byte[] body, IReadOnlyDictionary<string, string> headers)
    : IResult, IStatusCodeHttpResult, IContentTypeHttpResult
{
    private static readonly Dictionary<string, string> PageHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Cache-Control"] = "no-store",
        ["X-Robots-Tag"] = "noindex, nofollow",
        ["Referrer-Policy"] = "no-referrer",
        ["X-Content-Type-Options"] = "nosniff",
        ["X-Frame-Options"] = "DENY",
        ["Content-Security-Policy"] = ReplyPageRenderer.ContentSecurityPolicy,
    };

    private static readonly Dictionary<string, string> PrivateDataHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Cache-Control"] = "no-store",
        ["X-Content-Type-Options"] = "nosniff",
    };

    /// <inheritdoc/>
    public int? StatusCode => statusCode;

    /// <inheritdoc/>
    public string ContentType => contentType;

    /// <summary>Gets the body bytes.</summary>
    public byte[] Body => body;

    /// <summary>Gets the extra headers.</summary>
    public IReadOnlyDictionary<string, string> Headers => headers;

    /// <summary>An HTML page of the reply site: no caching, no indexing, no referrer, the strict CSP.</summary>
    public static BodyResult Page(int statusCode, string html) =>
        new(statusCode, "text/html; charset=utf-8", Encoding.UTF8.GetBytes(html), PageHeaders);

    /// <summary>An HTML page served with its own <paramref name="contentSecurityPolicy"/> (a page whose stylesheet differs from the reply page's).</summary>
    public static BodyResult Page(int statusCode, string html, string contentSecurityPolicy) =>
        new(statusCode, "text/html; charset=utf-8", Encoding.UTF8.GetBytes(html), new Dictionary<string, string>(PageHeaders, StringComparer.OrdinalIgnoreCase)
        {
            ["Content-Security-Policy"] = contentSecurityPolicy,
        });

    /// <summary>A 303 See Other to <paramref name="location"/> (post-redirect-get), never cached.</summary>
    public static BodyResult SeeOther(string location) =>
        new(StatusCodes.Status303SeeOther, "", [], new Dictionary<string, string>(PrivateDataHeaders, StringComparer.OrdinalIgnoreCase)
        {
            ["Location"] = location,
            ["Referrer-Policy"] = "no-referrer",
        });

    /// <summary>A short plain-text answer (Inbound Parse acknowledgements).</summary>
    public static BodyResult Text(int statusCode, string text) =>
        new(statusCode, "text/plain; charset=utf-8", Encoding.UTF8.GetBytes(text), PrivateDataHeaders);

    /// <summary>A document holding the owner's data (status, shortlist): never cached.</summary>
    public static BodyResult Data(int statusCode, string contentType, byte[] body, IReadOnlyDictionary<string, string>? extraHeaders = null)
    {
        if (extraHeaders is null)
        {
            return new(statusCode, contentType, body, PrivateDataHeaders);
        }

        var all = new Dictionary<string, string>(PrivateDataHeaders, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in extraHeaders)
        {
            all[name] = value;
        }

        return new(statusCode, contentType, body, all);
    }

    /// <summary>An empty 204.</summary>
    public static BodyResult NoContent() => new(StatusCodes.Status204NoContent, "", [], PrivateDataHeaders);

    /// <inheritdoc/>
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.StatusCode = statusCode;
        if (contentType.Length > 0)
        {
            response.ContentType = contentType;
        }

        foreach (var (name, value) in headers)
        {
            response.Headers[name] = value;
        }

        if (body.Length == 0)
        {
            return;
        }

        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, httpContext.RequestAborted);
    }
}
