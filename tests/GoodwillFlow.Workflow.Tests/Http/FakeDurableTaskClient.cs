using System.Collections.Concurrent;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Converters;

namespace GoodwillFlow.Workflow.Tests.Http;

/// <summary>A DurableTaskClient that records what the handlers ask of it and answers with canned instances.</summary>
internal sealed class FakeDurableTaskClient() : DurableTaskClient("fake")
{
    private readonly ConcurrentDictionary<string, OrchestrationMetadata> _instances = new(StringComparer.Ordinal);

    public ConcurrentQueue<(string InstanceId, string EventName, object? Payload)> RaisedEvents { get; } = new();

    public ConcurrentQueue<string> Terminated { get; } = new();

    public ConcurrentQueue<string> Purged { get; } = new();

    /// <summary>When false, a terminated instance keeps running (a worker that is slow to stop).</summary>
    public bool StopsWhenTerminated { get; set; } = true;

    /// <summary>When set, RaiseEventAsync throws it (an unreachable backend).</summary>
    public Exception? RaiseFailure { get; set; }

    public void SetInstance(string instanceId, OrchestrationRuntimeStatus status, string? serializedCustomStatus = null) =>
        _instances[instanceId] = new OrchestrationMetadata("DripCampaignOrchestrator", instanceId)
        {
            RuntimeStatus = status,
            SerializedCustomStatus = serializedCustomStatus,
            CreatedAt = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero),
            LastUpdatedAt = new DateTimeOffset(2026, 3, 2, 9, 30, 0, TimeSpan.Zero),
            DataConverter = JsonDataConverter.Default,
        };

    public OrchestrationMetadata? Instance(string instanceId) => _instances.GetValueOrDefault(instanceId);

    public override Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        Task.FromResult(_instances.GetValueOrDefault(instanceId));

    public override Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default)
    {
        if (RaiseFailure is not null)
        {
            throw RaiseFailure;
        }

        RaisedEvents.Enqueue((instanceId, eventName, eventPayload));
        return Task.CompletedTask;
    }

    public override Task TerminateInstanceAsync(string instanceId, object? output = null, CancellationToken cancellation = default) =>
        Terminate(instanceId);

    public override Task TerminateInstanceAsync(string instanceId, TerminateInstanceOptions? options = null, CancellationToken cancellation = default) =>
        Terminate(instanceId);

    public override async Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(
        string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        while (true)
        {
            var instance = _instances.GetValueOrDefault(instanceId) ?? throw new InvalidOperationException("No such instance.");
            if (instance.IsCompleted)
            {
                return instance;
            }

            await Task.Delay(10, cancellation);
        }
    }

    public override Task<PurgeResult> PurgeInstanceAsync(string instanceId, PurgeInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        Purged.Enqueue(instanceId);
        return Task.FromResult(new PurgeResult(_instances.TryRemove(instanceId, out _) ? 1 : 0));
    }

    public override Task<PurgeResult> PurgeInstanceAsync(string instanceId, CancellationToken cancellation) =>
        PurgeInstanceAsync(instanceId, null, cancellation);

    public override Task<string> ScheduleNewOrchestrationInstanceAsync(
        TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default) =>
        throw new NotSupportedException("The HTTP handlers never start orchestrations.");

    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        throw new NotSupportedException();

    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        throw new NotSupportedException();

    public override Task<OrchestrationMetadata> WaitForInstanceStartAsync(
        string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        throw new NotSupportedException();

    public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null) =>
        throw new NotSupportedException();

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private Task Terminate(string instanceId)
    {
        Terminated.Enqueue(instanceId);
        if (StopsWhenTerminated && _instances.TryGetValue(instanceId, out var instance))
        {
            SetInstance(instanceId, OrchestrationRuntimeStatus.Terminated, instance.SerializedCustomStatus);
        }

        return Task.CompletedTask;
    }
}
