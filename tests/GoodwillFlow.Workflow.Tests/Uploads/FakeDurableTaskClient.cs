using System.Collections.Concurrent;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace GoodwillFlow.Workflow.Tests.Uploads;

/// <summary>A Durable Task client that records scheduled instances and raised events, and knows their status.</summary>
internal sealed class FakeDurableTaskClient() : DurableTaskClient("fake")
{
    public ConcurrentDictionary<string, OrchestrationRuntimeStatus> Instances { get; } = new();

    public ConcurrentQueue<(string Name, string InstanceId, object? Input)> Scheduled { get; } = new();

    public ConcurrentQueue<(string InstanceId, string EventName, object? Payload)> RaisedEvents { get; } = new();

    /// <summary>Gets or sets how many of the next schedule calls fail, to simulate a crash before the start.</summary>
    public int FailNextSchedules { get; set; }

    public override Task<string> ScheduleNewOrchestrationInstanceAsync(
        TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default)
    {
        if (FailNextSchedules > 0)
        {
            FailNextSchedules--;
            throw new InvalidOperationException("Simulated crash before the orchestration started.");
        }

        var id = options?.InstanceId ?? Guid.NewGuid().ToString("N");
        if (!Instances.TryAdd(id, OrchestrationRuntimeStatus.Pending))
        {
            throw new InvalidOperationException($"An instance with id {id} already exists.");
        }

        Scheduled.Enqueue((orchestratorName.Name, id, input));
        return Task.FromResult(id);
    }

    public override Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        Task.FromResult(Instances.TryGetValue(instanceId, out var status)
            ? new OrchestrationMetadata(nameof(Orchestration.DripCampaignOrchestrator), instanceId) { RuntimeStatus = status }
            : null);

    public override Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default)
    {
        RaisedEvents.Enqueue((instanceId, eventName, eventPayload));
        return Task.CompletedTask;
    }

    public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null) =>
        throw new NotSupportedException();

    public override Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        throw new NotSupportedException();

    public override Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        throw new NotSupportedException();

    public override Task TerminateInstanceAsync(string instanceId, TerminateInstanceOptions? options = null, CancellationToken cancellation = default) =>
        throw new NotSupportedException();

    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        throw new NotSupportedException();

    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        throw new NotSupportedException();

    public override Task<PurgeResult> PurgeInstanceAsync(string instanceId, PurgeInstanceOptions? options = null, CancellationToken cancellation = default) =>
        throw new NotSupportedException();

    public override Task<PurgeResult> PurgeAllInstancesAsync(PurgeInstancesFilter filter, PurgeInstanceOptions? options = null, CancellationToken cancellation = default) =>
        throw new NotSupportedException();

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
