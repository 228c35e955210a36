using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask.Client;

namespace GoodwillFlow.Workflow.Http;

/// <summary>Maps the HTTP handlers as minimal-API endpoints for the local Kestrel runtime.</summary>
public static class GoodwillEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps every GoodwillFlow route at the same paths as the Functions app (<c>api/...</c>). Each endpoint is one
    /// line over the handler the <c>[Function]</c> shim calls; the <see cref="DurableTaskClient"/> comes from DI.
    /// The campaign API (status, shortlist, control, delete) answers only loopback callers: locally it has no
    /// function key, so the host binds 127.0.0.1 and this filter keeps it so behind a tunnel or a wider binding.
    /// </summary>
    public static IEndpointRouteBuilder MapGoodwillEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);

        endpoints.MapGet(Local(GoodwillRoutes.ReplyPage), (HttpRequest request, string token, ReplyPageHandler handler, CancellationToken ct) =>
            handler.GetAsync(request, token, ct));
        endpoints.MapPost(Local(GoodwillRoutes.ReplyPage), (HttpRequest request, string token, ReplyPageHandler handler, DurableTaskClient durable, CancellationToken ct) =>
            handler.PostAsync(request, token, durable, ct));
        endpoints.MapGet(Local(GoodwillRoutes.OwnerPage), (HttpRequest request, string token, OwnerPageHandler handler, DurableTaskClient durable, CancellationToken ct) =>
            handler.GetAsync(request, token, durable, ct));
        endpoints.MapGet(Local(GoodwillRoutes.OwnerShortlist), (HttpRequest request, string token, OwnerPageHandler handler, CancellationToken ct) =>
            handler.GetShortlistAsync(request, token, ct));
        endpoints.MapPost(Local(GoodwillRoutes.OwnerAction), (HttpRequest request, string token, string action, OwnerPageHandler handler, DurableTaskClient durable, CancellationToken ct) =>
            handler.PostAsync(request, token, action, durable, ct));
        endpoints.MapPost(Local(GoodwillRoutes.Inbound), (HttpRequest request, string secret, InboundParseHandler handler, DurableTaskClient durable, CancellationToken ct) =>
            handler.PostAsync(request, secret, durable, ct));

        var api = endpoints.MapGroup("").AddEndpointFilter(LoopbackOnly);
        api.MapGet(Local(GoodwillRoutes.Campaign), (HttpRequest request, string id, CampaignApiHandler handler, DurableTaskClient durable, CancellationToken ct) =>
            handler.GetStatusAsync(request, id, durable, ct));
        api.MapGet(Local(GoodwillRoutes.Shortlist), (HttpRequest request, string id, CampaignApiHandler handler, CancellationToken ct) =>
            handler.GetShortlistAsync(request, id, ct));
        api.MapPost(Local(GoodwillRoutes.Pause), (HttpRequest request, string id, CampaignApiHandler handler, DurableTaskClient durable, CancellationToken ct) =>
            handler.ControlAsync(request, id, CampaignControl.Pause, durable, ct));
        api.MapPost(Local(GoodwillRoutes.Resume), (HttpRequest request, string id, CampaignApiHandler handler, DurableTaskClient durable, CancellationToken ct) =>
            handler.ControlAsync(request, id, CampaignControl.Resume, durable, ct));
        api.MapPost(Local(GoodwillRoutes.Stop), (HttpRequest request, string id, CampaignApiHandler handler, DurableTaskClient durable, CancellationToken ct) =>
            handler.ControlAsync(request, id, CampaignControl.Stop, durable, ct));
        api.MapDelete(Local(GoodwillRoutes.Campaign), (HttpRequest request, string id, CampaignApiHandler handler, DurableTaskClient durable, CancellationToken ct) =>
            handler.DeleteAsync(request, id, durable, ct));
        return endpoints;
    }

    private static string Local(string route) => GoodwillRoutes.Prefix + route;

    private static async ValueTask<object?> LoopbackOnly(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var remote = context.HttpContext.Connection.RemoteIpAddress;
        return remote is null || IPAddress.IsLoopback(remote)
            ? await next(context)
            : BodyResult.Text(StatusCodes.Status404NotFound, "Not found.");
    }
}
