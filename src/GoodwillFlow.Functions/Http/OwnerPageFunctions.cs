using GoodwillFlow.Workflow.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace GoodwillFlow.Functions.Http;

/// <summary>The owner's campaign page: anonymous, because the signed owner token in the path authorises it.</summary>
public sealed class OwnerPageFunctions(OwnerPageHandler handler)
{
    /// <summary><c>GET /api/c/{token}</c>: progress, the live shortlist, the answers and the controls; changes nothing.</summary>
    [Function(nameof(ShowCampaignPage))]
    public Task<IResult> ShowCampaignPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = GoodwillRoutes.OwnerPage)] HttpRequest request,
        string token,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        handler.GetAsync(request, token, client, cancellationToken);

    /// <summary><c>GET /api/c/{token}/shortlist?format=html|csv|json</c>: the shortlist compiled now.</summary>
    [Function(nameof(DownloadCampaignShortlist))]
    public Task<IResult> DownloadCampaignShortlist(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = GoodwillRoutes.OwnerShortlist)] HttpRequest request,
        string token,
        CancellationToken cancellationToken) =>
        handler.GetShortlistAsync(request, token, cancellationToken);

    /// <summary><c>POST /api/c/{token}/{action}</c>: pause, resume, stop, cadence, delete, new-link or ahead, then 303 back.</summary>
    [Function(nameof(ControlCampaignPage))]
    public Task<IResult> ControlCampaignPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = GoodwillRoutes.OwnerAction)] HttpRequest request,
        string token,
        string action,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        handler.PostAsync(request, token, action, client, cancellationToken);
}
