using GoodwillFlow.Workflow.Orchestration;
using GoodwillFlow.Workflow.Storage;

namespace GoodwillFlow.Workflow.Http;

/// <summary>The control actions of <c>POST /api/campaigns/{id}/pause|resume|stop</c>.</summary>
public enum CampaignControl
{
    /// <summary>Pause sending (<see cref="CampaignEvents.Pause"/>).</summary>
    Pause,

    /// <summary>Resume sending (<see cref="CampaignEvents.Resume"/>).</summary>
    Resume,

    /// <summary>Stop now and compile the shortlist (<see cref="CampaignEvents.Stop"/>).</summary>
    Stop,
}

/// <summary>The JSON of <c>GET /api/campaigns/{id}</c>.</summary>
/// <param name="CampaignId">The campaign.</param>
/// <param name="State">The stored lifecycle state.</param>
/// <param name="Reason">Why it is paused or stopped, if it is.</param>
/// <param name="SourceName">The uploaded file's name.</param>
/// <param name="CreatedAt">When the campaign was created.</param>
/// <param name="Progress">Counts from storage.</param>
/// <param name="Orchestration">The orchestration's state, or null when there is no instance.</param>
public sealed record CampaignStatusResponse(
    string CampaignId,
    CampaignState State,
    string? Reason,
    string SourceName,
    DateTimeOffset CreatedAt,
    CampaignProgress Progress,
    OrchestrationStatusResponse? Orchestration);

/// <summary>The orchestration part of <see cref="CampaignStatusResponse"/>.</summary>
/// <param name="RuntimeStatus">The Durable Task runtime status (Running, Completed, Terminated, ...).</param>
/// <param name="CustomStatus">The campaign's own progress report, when it has published one.</param>
/// <param name="CreatedAt">When the instance was created.</param>
/// <param name="LastUpdatedAt">When the instance last changed.</param>
public sealed record OrchestrationStatusResponse(
    string RuntimeStatus,
    CampaignStatus? CustomStatus,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastUpdatedAt);

/// <summary>The JSON of an accepted control request (202).</summary>
/// <param name="CampaignId">The campaign.</param>
/// <param name="Action">What was asked (pause, resume, stop).</param>
/// <param name="StatusUrl">Where to follow the effect.</param>
public sealed record CampaignControlResponse(string CampaignId, string Action, Uri StatusUrl);
