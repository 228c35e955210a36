using System.Text.Json.Nodes;
using GoodwillFlow.Functions.Host.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.Azure.Functions.Worker.Grpc.Messages;

namespace GoodwillFlow.Functions.Host.Http;

/// <summary>
/// The host's HTTP front door for functions that use the ASP.NET Core integration: find the function by method and
/// route (<c>api/</c> + the trigger's route), check the function key, send the <c>InvocationRequest</c>, and forward
/// the real request to the worker's own HTTP server (its <c>HttpUri</c> capability) with <c>x-ms-invocation-id</c>,
/// which is how the worker pairs the request with the invocation. The worker writes the response.
/// </summary>
internal static class HttpFrontDoor
{
    private const string RoutePrefix = "api/";

    private static readonly HttpClient Proxy = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Connection", "Transfer-Encoding", "Keep-Alive", "Upgrade", "Proxy-Connection", "TE", "Trailer",
    };

    public static void Map(WebApplication app, FunctionsTestHost host, int port) =>
        app.Map("/{**path}", context => HandleAsync(context, host)).RequireHost($"*:{port}");

    private static async Task HandleAsync(HttpContext context, FunctionsTestHost host)
    {
        var request = context.Request;
        var (function, routeValues) = Match(host.Functions, request.Method, request.Path);
        if (function is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        if (!string.Equals((string?)function.Trigger["authLevel"], "Anonymous", StringComparison.OrdinalIgnoreCase)
            && !string.Equals(request.Headers["x-functions-key"].FirstOrDefault() ?? request.Query["code"].FirstOrDefault(), host.FunctionKey, StringComparison.Ordinal))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        var invocationId = Guid.NewGuid().ToString();
        var trigger = new TypedData { Http = new RpcHttp { Method = request.Method, Url = request.GetEncodedUrl() } };
        var metadata = routeValues.ToDictionary(kv => kv.Key, kv => new TypedData { String = kv.Value?.ToString() ?? "" });
        var invocation = host.InvokeAsync(function, trigger, metadata, context.RequestAborted, invocationId);

        var workerUri = new Uri(host.WorkerCapabilities["HttpUri"]);
        using var forwarded = new HttpRequestMessage(new HttpMethod(request.Method), new Uri(workerUri, request.Path + request.QueryString));
        if (request.ContentLength > 0 || request.Headers.ContainsKey("Transfer-Encoding"))
        {
            forwarded.Content = new StreamContent(request.Body);
        }

        foreach (var (name, values) in request.Headers)
        {
            if (HopByHop.Contains(name))
            {
                continue;
            }

            if (!forwarded.Headers.TryAddWithoutValidation(name, values.ToArray()))
            {
                forwarded.Content?.Headers.TryAddWithoutValidation(name, values.ToArray());
            }
        }

        forwarded.Headers.TryAddWithoutValidation("x-ms-invocation-id", invocationId);
        using var response = await Proxy.SendAsync(forwarded, HttpCompletionOption.ResponseContentRead, context.RequestAborted);
        var body = await response.Content.ReadAsByteArrayAsync(context.RequestAborted);
        var outcome = await invocation;
        if (FunctionsTestHost.Failure(outcome) is not null)
        {
            // The host answers a failed invocation with a bare 500, whatever the worker wrote.
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return;
        }

        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            if (!HopByHop.Contains(name))
            {
                context.Response.Headers[name] = values.ToArray();
            }
        }

        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }

    private static (WorkerFunction? Function, RouteValueDictionary Values) Match(IReadOnlyList<WorkerFunction> functions, string method, PathString path)
    {
        foreach (var function in functions.Where(f => f.TriggerType == "httpTrigger"))
        {
            var trigger = function.Trigger;
            var methods = trigger["methods"] is JsonArray list ? list.Select(m => (string?)m).ToList() : [];
            if (methods.Count > 0 && !methods.Contains(method, StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }

            var template = TemplateParser.Parse(RoutePrefix + ((string?)trigger["route"] ?? function.Name));
            var values = new RouteValueDictionary();
            if (new TemplateMatcher(template, new RouteValueDictionary()).TryMatch(path, values))
            {
                return (function, values);
            }
        }

        return (null, []);
    }
}
