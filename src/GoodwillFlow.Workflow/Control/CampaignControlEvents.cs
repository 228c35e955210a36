using System.Text.Json;
using GoodwillFlow.Workflow.Http;
using GoodwillFlow.Workflow.Orchestration;
using GoodwillFlow.Workflow.Storage;
using Microsoft.DurableTask.Client;

namespace GoodwillFlow.Workflow.Control;

/// <summary>What became of a pause, resume or stop request.</summary>
public enum CampaignControlResult
{
    /// <summary>The event was raised; the orchestration acts on it when it next runs.</summary>
    Raised,

    /// <summary>There is no such campaign in storage.</summary>
    NotFound,

    /// <summary>The campaign exists but its orchestration no longer (or not yet) receives events.</summary>
    NotRunning,
}

/// <summary>The outcome of <see cref="CampaignControlEvents.RaiseAsync"/>.</summary>
/// <param name="Result">What happened.</param>
/// <param name="RuntimeStatus">The orchestration's runtime status when it was asked, or <c>not started</c>.</param>
/// <param name="EventName">The event raised, when one was.</param>
public sealed record CampaignControlOutcome(CampaignControlResult Result, string RuntimeStatus, string? EventName);

/// <summary>
/// The owner's control of a running campaign: pause, resume and stop as events on its orchestration. One code path for
/// every host: the campaign API (Functions and the local runtime) and <c>goodwill pause|resume|stop --account</c>, which
/// reaches the deployed task hub with the owner's own sign-in.
/// </summary>
public static class CampaignControlEvents
{
    /// <summary>The reason recorded when the owner pauses a campaign.</summary>
    public const string PausedByOwner = "Paused by the owner";

    /// <summary>Returns true for runtime states in which an orchestration still receives events.</summary>
    public static bool AcceptsEvents(OrchestrationRuntimeStatus status) =>
        status is OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Suspended;

    /// <summary>Raises the event for <paramref name="action"/> on the campaign's orchestration when it can receive it.</summary>
    public static async Task<CampaignControlOutcome> RaiseAsync(
        ICampaignStore store, DurableTaskClient durable, string campaignId, CampaignControl action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(durable);
        if (await store.FindCampaignAsync(campaignId, cancellationToken) is null)
        {
            return new CampaignControlOutcome(CampaignControlResult.NotFound, "not started", null);
        }

        var instance = await durable.GetInstanceAsync(campaignId, getInputsAndOutputs: false, cancellationToken);
        if (instance is null || !AcceptsEvents(instance.RuntimeStatus))
        {
            return new CampaignControlOutcome(CampaignControlResult.NotRunning, instance?.RuntimeStatus.ToString() ?? "not started", null);
        }

        var (eventName, payload) = action switch
        {
            CampaignControl.Pause => (CampaignEvents.Pause, (object?)PausedByOwner),
            CampaignControl.Resume => (CampaignEvents.Resume, null),
            CampaignControl.Stop => (CampaignEvents.Stop, null),
            _ => throw new ArgumentOutOfRangeException(nameof(action)),
        };
        await durable.RaiseEventAsync(campaignId, eventName, payload, cancellationToken);
        return new CampaignControlOutcome(CampaignControlResult.Raised, instance.RuntimeStatus.ToString(), eventName);
    }

    /// <summary>
    /// Saves a new cadence for the campaign and asks its orchestration to re-plan the unsent prompts with it. The time
    /// zone, window and start date are kept; only the pace and the days change.
    /// </summary>
    public static async Task<CampaignControlOutcome> ChangeCadenceAsync(
        ICampaignStore store,
        DurableTaskClient durable,
        string campaignId,
        int promptsPerDay,
        IReadOnlyList<DayOfWeek> days,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(durable);
        ArgumentNullException.ThrowIfNull(days);
        ArgumentOutOfRangeException.ThrowIfLessThan(promptsPerDay, 1);
        ArgumentOutOfRangeException.ThrowIfZero(days.Count);
        var changed = await store.UpdateCampaignAsync(
            campaignId,
            campaign => campaign with
            {
                Settings = campaign.Settings with
                {
                    Cadence = campaign.Settings.Cadence with { PromptsPerDay = promptsPerDay, Days = [.. days.Distinct()], TargetWeeks = null },
                },
            },
            cancellationToken);
        if (changed is null)
        {
            return new CampaignControlOutcome(CampaignControlResult.NotFound, "not started", null);
        }

        var instance = await durable.GetInstanceAsync(campaignId, getInputsAndOutputs: false, cancellationToken);
        if (instance is null || !AcceptsEvents(instance.RuntimeStatus))
        {
            return new CampaignControlOutcome(CampaignControlResult.NotRunning, instance?.RuntimeStatus.ToString() ?? "not started", null);
        }

        await durable.RaiseEventAsync(campaignId, CampaignEvents.Replan, null, cancellationToken);
        return new CampaignControlOutcome(CampaignControlResult.Raised, instance.RuntimeStatus.ToString(), CampaignEvents.Replan);
    }

    /// <summary>Reads the campaign's published progress report, or null when there is none or it is not readable.</summary>
    public static CampaignStatus? ReadCustomStatus(OrchestrationMetadata instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        try
        {
            return instance.ReadCustomStatusAs<CampaignStatus>();
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or NotSupportedException)
        {
            // A status written by an older build must not break a status view: show the runtime status alone.
            return null;
        }
    }
}
