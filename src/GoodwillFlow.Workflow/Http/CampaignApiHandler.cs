using System.Text.Json.Serialization;
using System.Text.Json;
using GoodwillFlow.Core.Connections;
using GoodwillFlow.Core.Shortlists;
using GoodwillFlow.Workflow.Control;
using GoodwillFlow.Workflow.Orchestration;
using GoodwillFlow.Workflow.Shortlists;
using GoodwillFlow.Workflow.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GoodwillFlow.Workflow.Http;

/// <summary>
/// The owner's campaign API: status, the shortlist compiled on demand, pause/resume/stop, and delete. In Azure these
/// need a function key; the local runtime serves them on 127.0.0.1 only.
/// </summary>
public sealed class CampaignApiHandler(
    ICampaignStore store,
    ICampaignFiles files,
    IOptions<HttpHandlerOptions> options,
    TimeProvider time,
    ILogger<CampaignApiHandler> logger)
{
    /// <summary>The <c>format</c> query values of the shortlist endpoint.</summary>
    public const string AllowedFormats = "html, csv, json";

    private const string JsonContentType = "application/json; charset=utf-8";
    private const string ProblemContentType = "application/problem+json; charset=utf-8";

    /// <summary>Gets the JSON shape of every response here: camelCase names, enums as strings.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>Returns true for runtime states in which an orchestration still receives events.</summary>
    public static bool AcceptsEvents(OrchestrationRuntimeStatus status) => CampaignControlEvents.AcceptsEvents(status);

    /// <summary><c>GET /api/campaigns/{id}</c>: the stored state and progress, and the orchestration's runtime and custom status.</summary>
    public async Task<IResult> GetStatusAsync(HttpRequest request, string id, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(durable);
        if (!ConnectionId.IsValid(id))
        {
            return BadId();
        }

        var campaign = await store.FindCampaignAsync(id, cancellationToken);
        if (campaign is null)
        {
            return NotFound(id);
        }

        var progress = await store.GetProgressAsync(id, cancellationToken);
        var instance = await durable.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken);
        var orchestration = instance is null
            ? null
            : new OrchestrationStatusResponse(instance.RuntimeStatus.ToString(), ReadCustomStatus(instance), instance.CreatedAt, instance.LastUpdatedAt);
        var body = new CampaignStatusResponse(
            campaign.CampaignId, campaign.State, campaign.StateReason, campaign.SourceName, campaign.CreatedAt, progress, orchestration);
        return Json(StatusCodes.Status200OK, body);
    }

    /// <summary>
    /// <c>GET /api/campaigns/{id}/shortlist?format=html|csv|json</c> (html by default): compiled now from the replies so
    /// far; csv comes as a download named <c>goodwill-shortlist-{id}.csv</c>.
    /// </summary>
    public async Task<IResult> GetShortlistAsync(HttpRequest request, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!ConnectionId.IsValid(id))
        {
            return BadId();
        }

        var formatText = request.Query["format"].FirstOrDefault();
        ShortlistFormat format;
        if (string.IsNullOrWhiteSpace(formatText))
        {
            format = ShortlistFormat.Html;
        }
        else if (!TryParseFormat(formatText, out format))
        {
            return Problem(StatusCodes.Status400BadRequest, "Unknown shortlist format", $"format must be one of: {AllowedFormats}.");
        }

        var campaign = await store.FindCampaignAsync(id, cancellationToken);
        if (campaign is null)
        {
            return NotFound(id);
        }

        var shortlist = await CampaignShortlist.CompileAsync(store, campaign, time.GetUtcNow(), cancellationToken);
        var bytes = ShortlistRenderer.Render(shortlist, format);
        var headers = format == ShortlistFormat.Csv
            ? new Dictionary<string, string> { ["Content-Disposition"] = $"attachment; filename=goodwill-shortlist-{id}.csv" }
            : null;
        return BodyResult.Data(StatusCodes.Status200OK, ShortlistRenderer.ContentType(format), bytes, headers);
    }

    /// <summary>
    /// <c>POST /api/campaigns/{id}/pause|resume|stop</c>: raises the control event. 202 with the status URL; 404 for
    /// an unknown campaign; 409 when its orchestration is not running.
    /// </summary>
    public async Task<IResult> ControlAsync(
        HttpRequest request, string id, CampaignControl action, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(durable);
        if (!ConnectionId.IsValid(id))
        {
            return BadId();
        }

        var outcome = await CampaignControlEvents.RaiseAsync(store, durable, id, action, cancellationToken);
        if (outcome.Result == CampaignControlResult.NotFound)
        {
            return NotFound(id);
        }

        if (outcome.Result == CampaignControlResult.NotRunning)
        {
            return Problem(
                StatusCodes.Status409Conflict,
                "The campaign is not running",
                $"Its orchestration is {outcome.RuntimeStatus}, so there is nothing to {action.ToString().ToLowerInvariant()}.");
        }

        HttpLog.ControlRaised(logger, id, outcome.EventName!);

        var statusUrl = StatusUrl(request, id);
        var result = Json(
            StatusCodes.Status202Accepted,
            new CampaignControlResponse(id, action.ToString().ToLowerInvariant(), statusUrl),
            new Dictionary<string, string> { ["Location"] = statusUrl.ToString() });
        return result;
    }

    /// <summary>
    /// <c>DELETE /api/campaigns/{id}</c>: terminates the orchestration if it is running, purges its history, and deletes
    /// the campaign's files (uploads and shortlists) and stored data (connections, send marks, replies).
    /// </summary>
    /// <remarks>
    /// 204 when everything is gone. Idempotent: a second DELETE finds nothing and answers 404. When the terminated
    /// orchestration has not stopped within <see cref="HttpHandlerOptions.DeleteWaitTimeout"/>, the owner's data is
    /// deleted anyway and the answer is 202; a later DELETE purges the remaining history (and answers 204).
    /// </remarks>
    public async Task<IResult> DeleteAsync(HttpRequest request, string id, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(durable);
        if (!ConnectionId.IsValid(id))
        {
            return BadId();
        }

        var campaign = await store.FindCampaignAsync(id, cancellationToken);
        var instance = await durable.GetInstanceAsync(id, getInputsAndOutputs: false, cancellationToken);
        if (campaign is null && instance is null)
        {
            return NotFound(id);
        }

        var purged = instance is null || await TerminateAndPurgeAsync(id, instance, durable, cancellationToken);

        // The owner's data goes even when the history must wait: it is what the owner asked to remove.
        if (campaign is not null)
        {
            await files.DeleteCampaignFilesAsync(id, [campaign.SourceName], cancellationToken);
            await store.DeleteCampaignAsync(id, cancellationToken);
        }

        HttpLog.CampaignDeleted(logger, id, purged);
        return purged
            ? BodyResult.NoContent()
            : Problem(
                StatusCodes.Status202Accepted,
                "Data deleted; history purge pending",
                "The campaign's data is deleted. Its orchestration is still stopping; send DELETE again shortly to purge its history.");
    }

    private async Task<bool> TerminateAndPurgeAsync(
        string id, OrchestrationMetadata instance, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        if (!instance.IsCompleted)
        {
            await durable.TerminateInstanceAsync(id, "Deleted by the owner", cancellationToken);
            var timeout = options.Value.DeleteWaitTimeout;
            using var timeoutSource = new CancellationTokenSource(timeout, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
            try
            {
                await durable.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: false, linked.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                HttpLog.DeleteTerminationSlow(logger, id, timeout);
                return false;
            }
        }

        await durable.PurgeInstanceAsync(id, cancellationToken);
        return true;
    }

    private static CampaignStatus? ReadCustomStatus(OrchestrationMetadata instance) => CampaignControlEvents.ReadCustomStatus(instance);

    private static bool TryParseFormat(string text, out ShortlistFormat format)
    {
        format = default;
        foreach (var candidate in Enum.GetValues<ShortlistFormat>())
        {
            if (ShortlistRenderer.FileExtension(candidate).Equals(text.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                format = candidate;
                return true;
            }
        }

        return false;
    }

    private static Uri StatusUrl(HttpRequest request, string id) =>
        new($"{request.Scheme}://{request.Host.ToUriComponent()}{request.PathBase.ToUriComponent()}/{GoodwillRoutes.Prefix}{GoodwillRoutes.Campaign.Replace("{id}", id, StringComparison.Ordinal)}");

    private static BodyResult BadId() => Problem(
        StatusCodes.Status400BadRequest,
        "Not a campaign id",
        $"Campaign ids are {ConnectionId.Length} lowercase hexadecimal characters, as shown by 'goodwill status'.");

    private static BodyResult NotFound(string id) =>
        Problem(StatusCodes.Status404NotFound, "No such campaign", $"There is no campaign {id}. It may have been deleted.");

    private static BodyResult Json<T>(int statusCode, T body, IReadOnlyDictionary<string, string>? headers = null) =>
        BodyResult.Data(statusCode, JsonContentType, JsonSerializer.SerializeToUtf8Bytes(body, JsonOptions), headers);

    private static BodyResult Problem(int statusCode, string title, string detail) =>
        BodyResult.Data(
            statusCode,
            ProblemContentType,
            JsonSerializer.SerializeToUtf8Bytes(
                new Dictionary<string, object> { ["title"] = title, ["status"] = statusCode, ["detail"] = detail },
                JsonOptions));
}
