using System.Net;
using GoodwillFlow.Workflow.Replies;
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

        endpoints.MapGet(Routes.ReplyPage, (HttpRequest request, string token, ReplyPageHandler handler, CancellationToken ct) =>
            handler.GetAsync(request, token, ct));
        endpoints.MapPost(Routes.ReplyPage, (HttpRequest request, string token, ReplyPageHandler handler, DurableTaskClient durable, CancellationToken ct) =>
            handler.PostAsync(request, token, durable, ct));
        endpoints.MapPost(Routes.Inbound, (HttpRequest request, string secret, InboundParseHandler handler, DurableTaskClient durable, CancellationToken ct) =>
            handler.PostAsync(request, secret, durable, ct));

        var api = endpoints.MapGroup("").AddEndpointFilter(LoopbackOnly);
        api.MapGet(Routes.Campaign, (HttpRequest request, string id, CampaignApiHandler handler, DurableTaskClient durable, CancellationToken ct) =>
            handler.GetStatusAsync(request, id, durable, ct));
        api.MapGet(Routes.Shortlist, (HttpRequest request, string id, CampaignApiHandler handler, CancellationToken ct) =>
            handler.GetShortlistAsync(request, id, ct));
        api.MapPost(Routes.Pause, (HttpRequest request, string id, CampaignApiHandler handler, DurableTaskClient durable, CancellationToken ct) =>
            handler.ControlAsync(request, id, CampaignControl.Pause, durable, ct));
        api.MapPost(Routes.Resume, (HttpRequest request, string id, CampaignApiHandler handler, DurableTaskClient durable, CancellationToken ct) =>
            handler.ControlAsync(request, id, CampaignControl.Resume, durable, ct));
        api.MapPost(Routes.Stop, (HttpRequest request, string id, CampaignApiHandler handler, DurableTaskClient durable, CancellationToken ct) =>
            handler.ControlAsync(request, id, CampaignControl.Stop, durable, ct));
        api.MapDelete(Routes.Campaign, (HttpRequest request, string id, CampaignApiHandler handler, DurableTaskClient durable, CancellationToken ct) =>
            handler.DeleteAsync(request, id, durable, ct));
        return endpoints;
    }

    private static async ValueTask<object?> LoopbackOnly(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var remote = context.HttpContext.Connection.RemoteIpAddress;
        return remote is null || IPAddress.IsLoopback(remote)
            ? await next(context)
            : BodyResult.Text(StatusCodes.Status404NotFound, "Not found.");
    }

    /// <summary>The routes, identical to the Functions app's (its routes are these without the <c>api/</c> prefix).</summary>
    public static class Routes
    {
        /// <summary>The reply page.</summary>
        public const string ReplyPage = ReplyLinks.ReplyPageRoute;

        /// <summary>The SendGrid Inbound Parse webhook.</summary>
        public const string Inbound = "api/inbound/{secret}";

        /// <summary>A campaign's status (GET) and deletion (DELETE).</summary>
        public const string Campaign = "api/campaigns/{id}";

        /// <summary>A campaign's shortlist.</summary>
        public const string Shortlist = "api/campaigns/{id}/shortlist";

        /// <summary>Pause a campaign.</summary>
        public const string Pause = "api/campaigns/{id}/pause";

        /// <summary>Resume a campaign.</summary>
        public const string Resume = "api/campaigns/{id}/resume";

        /// <summary>Stop a campaign.</summary>
        public const string Stop = "api/campaigns/{id}/stop";
    }
}
