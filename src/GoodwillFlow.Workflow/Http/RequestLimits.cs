using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace GoodwillFlow.Workflow.Http;

/// <summary>Request body limits applied before a handler reads a form.</summary>
internal static class RequestLimits
{
    /// <summary>
    /// Caps the request body where the server supports it (Kestrel), so a body sent without a Content-Length cannot
    /// grow past <paramref name="limit"/> either: reading past it fails with <see cref="BadHttpRequestException"/>,
    /// which the handlers turn into a friendly answer.
    /// </summary>
    public static void CapBody(HttpRequest request, long limit)
    {
        var feature = request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (feature is { IsReadOnly: false } && (feature.MaxRequestBodySize is null || feature.MaxRequestBodySize > limit))
        {
            feature.MaxRequestBodySize = limit;
        }
    }
}
