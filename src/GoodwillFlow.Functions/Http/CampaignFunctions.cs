using GoodwillFlow.Workflow.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace GoodwillFlow.Functions.Http;

/// <summary>The owner's campaign API; every function needs a function key.</summary>
public sealed class CampaignFunctions(CampaignApiHandler handler)
{
    /// <summary><c>GET /api/campaigns/{id}</c>: status and progress.</summary>
    [Function(nameof(GetCampaignStatus))]
    public Task<IResult> GetCampaignStatus(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = GoodwillRoutes.Campaign)] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        handler.GetStatusAsync(request, id, client, cancellationToken);

    /// <summary><c>GET /api/campaigns/{id}/shortlist?format=html|csv|json</c>: the shortlist compiled now.</summary>
    [Function(nameof(GetCampaignShortlist))]
    public Task<IResult> GetCampaignShortlist(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = GoodwillRoutes.Shortlist)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        handler.GetShortlistAsync(request, id, cancellationToken);

    /// <summary><c>POST /api/campaigns/{id}/pause</c>.</summary>
    [Function(nameof(PauseCampaign))]
    public Task<IResult> PauseCampaign(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = GoodwillRoutes.Pause)] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        handler.ControlAsync(request, id, CampaignControl.Pause, client, cancellationToken);

    /// <summary><c>POST /api/campaigns/{id}/resume</c>.</summary>
    [Function(nameof(ResumeCampaign))]
    public Task<IResult> ResumeCampaign(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = GoodwillRoutes.Resume)] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        handler.ControlAsync(request, id, CampaignControl.Resume, client, cancellationToken);

    /// <summary><c>POST /api/campaigns/{id}/stop</c>.</summary>
    [Function(nameof(StopCampaign))]
    public Task<IResult> StopCampaign(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = GoodwillRoutes.Stop)] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        handler.ControlAsync(request, id, CampaignControl.Stop, client, cancellationToken);

    /// <summary><c>DELETE /api/campaigns/{id}</c>: purges the campaign's data and orchestration history.</summary>
    [Function(nameof(DeleteCampaign))]
    public Task<IResult> DeleteCampaign(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = GoodwillRoutes.Campaign)] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        handler.DeleteAsync(request, id, client, cancellationToken);
}
