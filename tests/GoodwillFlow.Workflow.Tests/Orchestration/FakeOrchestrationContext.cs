using System.Collections.Concurrent;
using System.Text.Json;
using GoodwillFlow.Workflow.Orchestration;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

// Not ...Tests.Orchestration: that namespace would capture `Orchestration.DripCampaignOrchestrator` in the upload tests.
namespace GoodwillFlow.Workflow.Tests.DripCampaigns;

/// <summary>
/// Runs <see cref="DripCampaignOrchestrator"/> over weeks of virtual time in milliseconds. Orchestrator code runs on
/// one pump thread; when it is blocked on timers and events, the clock jumps to the next timer or scripted event.
/// Activities are dispatched by name through <see cref="GoodwillTasks"/> with JSON round trips, as the engine does;
/// retry policies wait on virtual timers; external events follow the SDK's rules (FIFO waits, buffering, and a
/// cancelled wait still takes the next event); ContinueAsNew starts the next generation with the new input.
/// </summary>
internal sealed class OrchestrationHarness(IServiceProvider services, FakeTimeProvider clock, string instanceId)
{
    private readonly List<(DateTimeOffset At, string Name, object? Payload, Func<Task>? Before)> _script = [];
    private readonly Dictionary<string, Queue<string?>> _buffered = new(StringComparer.Ordinal);

    public List<DripCampaignInput> Generations { get; } = [];

    public List<(DateTimeOffset At, CampaignStatus Status)> Statuses { get; } = [];

    public List<(DateTimeOffset At, string Name, int Attempt)> ActivityCalls { get; } = [];

    /// <summary>Gets the instants of every durable timer the orchestrator created (each one costs an episode in history).</summary>
    public List<DateTimeOffset> Timers { get; } = [];

    public FakeTimeProvider Clock => clock;

    public string InstanceId => instanceId;

    internal IServiceProvider Services => services;

    internal Dictionary<string, Queue<string?>> Buffered => _buffered;

    public CampaignStatus? LastStatus => Statuses.Count == 0 ? null : Statuses[^1].Status;

    /// <summary>
    /// Raises an external event when virtual time reaches <paramref name="at"/>, after running <paramref name="before"/>
    /// (what the HTTP handler does before it raises the event, such as storing the reply).
    /// </summary>
    public OrchestrationHarness RaiseAt(DateTimeOffset at, string name, object? payload = null, Func<Task>? before = null)
    {
        _script.Add((at, name, payload, before));
        return this;
    }

    /// <summary>Runs generations until the orchestration returns without continuing as new.</summary>
    public Task<DripCampaignResult> RunAsync(DripCampaignInput input, int maxGenerations = 200) =>
        Task.Factory.StartNew(() => Drive(input, maxGenerations), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    internal (DateTimeOffset At, string Name, object? Payload, Func<Task>? Before)? TakeScriptedEventDueBy(DateTimeOffset limit)
    {
        var next = _script.Where(e => e.At <= limit).OrderBy(e => e.At).Cast<(DateTimeOffset, string, object?, Func<Task>?)?>().FirstOrDefault();
        if (next is { } found)
        {
            _script.Remove(found);
        }

        return next;
    }

    internal DateTimeOffset? NextScriptedAt => _script.Count == 0 ? null : _script.Min(e => e.At);

    private DripCampaignResult Drive(DripCampaignInput input, int maxGenerations)
    {
        var previous = SynchronizationContext.Current;
        var pump = new PumpSynchronizationContext();
        SynchronizationContext.SetSynchronizationContext(pump);
        try
        {
            for (var generation = 0; generation < maxGenerations; generation++)
            {
                Generations.Add(input);
                var context = new FakeOrchestrationContext(this, input);
                var run = new DripCampaignOrchestrator().RunAsync(context, input);
                while (!run.IsCompleted)
                {
                    if (pump.TryRunOne())
                    {
                        continue;
                    }

                    if (context.ActivitiesInFlight > 0)
                    {
                        pump.WaitAndRunOne(TimeSpan.FromSeconds(10));
                        continue;
                    }

                    if (!context.AdvanceClock())
                    {
                        throw new InvalidOperationException(
                            $"The orchestration waits for an event that is never raised (status: {LastStatus}).");
                    }
                }

                var result = run.GetAwaiter().GetResult();
                if (context.ContinuedAs is not { } next)
                {
                    return result;
                }

                if (!context.PreserveUnprocessedEvents)
                {
                    _buffered.Clear();
                }

                input = next;
            }

            throw new InvalidOperationException($"The orchestration did not finish within {maxGenerations} generations.");
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }

    private sealed class PumpSynchronizationContext : SynchronizationContext
    {
        private readonly BlockingCollection<(SendOrPostCallback Callback, object? State)> _queue = [];

        public override void Post(SendOrPostCallback d, object? state) => _queue.Add((d, state));

        public override void Send(SendOrPostCallback d, object? state) => throw new NotSupportedException();

        public bool TryRunOne()
        {
            if (!_queue.TryTake(out var item))
            {
                return false;
            }

            item.Callback(item.State);
            return true;
        }

        public void WaitAndRunOne(TimeSpan timeout)
        {
            if (!_queue.TryTake(out var item, timeout))
            {
                throw new TimeoutException("An activity did not finish.");
            }

            item.Callback(item.State);
        }
    }
}

internal sealed class FakeOrchestrationContext(OrchestrationHarness harness, DripCampaignInput input) : TaskOrchestrationContext
{
    private readonly List<(DateTimeOffset FireAt, TaskCompletionSource Source)> _timers = [];
    private readonly Dictionary<string, Queue<(Type Type, Action<object?> Complete)>> _waiters = new(StringComparer.Ordinal);
    private int _taskId;

    public int ActivitiesInFlight { get; private set; }

    public DripCampaignInput? ContinuedAs { get; private set; }

    public bool PreserveUnprocessedEvents { get; private set; }

    public override TaskName Name => nameof(DripCampaignOrchestrator);

    public override string InstanceId => harness.InstanceId;

    public override ParentOrchestrationInstance? Parent => null;

    public override DateTime CurrentUtcDateTime => harness.Clock.GetUtcNow().UtcDateTime;

    public override bool IsReplaying => false;

    protected override ILoggerFactory LoggerFactory => NullLoggerFactory.Instance;

    public override T GetInput<T>() => (T)(object)input;

    public override async Task<TResult> CallActivityAsync<TResult>(TaskName name, object? input = null, TaskOptions? options = null)
    {
        var (_, factory) = GoodwillTasks.Activities.Single(a => a.Name == name.Name);
        var policy = options?.Retry?.Policy;
        var attempts = policy?.MaxNumberOfAttempts ?? 1;
        var wait = policy?.FirstRetryInterval ?? TimeSpan.Zero;
        var taskId = ++_taskId;
        Exception failure = null!;
        for (var attempt = 1; ; attempt++)
        {
            harness.ActivityCalls.Add((harness.Clock.GetUtcNow(), name.Name, attempt));
            var activity = factory(harness.Services);
            ActivitiesInFlight++;
            try
            {
                // Inputs and outputs cross a JSON boundary in every real host; so do they here.
                var typedInput = JsonSerializer.Deserialize(JsonSerializer.Serialize(input), activity.InputType);
                var output = await activity.RunAsync(new FakeActivityContext(name, harness.InstanceId), typedInput);
                return JsonSerializer.Deserialize<TResult>(JsonSerializer.Serialize(output, activity.OutputType))!;
            }
            catch (Exception ex) when (ex is not TaskFailedException)
            {
                failure = ex;
                if (options?.Retry?.Handler is null && attempt >= attempts)
                {
                    throw new TaskFailedException(name.Name, taskId, ex);
                }
            }
            finally
            {
                ActivitiesInFlight--;
            }

            if (options?.Retry?.Handler is { } handler)
            {
                // A retry handler waits on its own timers and decides; as the SDK does, it sees the failure's details.
                var details = new TaskFailureDetails(failure.GetType().FullName!, failure.Message, failure.StackTrace, null, null);
                if (!await handler(new RetryContext(this, attempt, details, TimeSpan.Zero, CancellationToken.None)))
                {
                    throw new TaskFailedException(name.Name, taskId, failure);
                }

                continue;
            }

            await CreateTimer(CurrentUtcDateTime + wait, CancellationToken.None);
            wait = TimeSpan.FromTicks((long)(wait.Ticks * (policy?.BackoffCoefficient ?? 1)));
        }
    }

    public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
    {
        var source = new TaskCompletionSource();
        var entry = (new DateTimeOffset(DateTime.SpecifyKind(fireAt, DateTimeKind.Utc)), source);
        _timers.Add(entry);
        harness.Timers.Add(entry.Item1);
        cancellationToken.Register(() =>
        {
            _timers.Remove(entry);
            source.TrySetCanceled(cancellationToken);
        });
        return source.Task;
    }

    public override Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default)
    {
        if (harness.Buffered.TryGetValue(eventName, out var buffered) && buffered.Count > 0)
        {
            return Task.FromResult(Deserialize<T>(buffered.Dequeue()));
        }

        var source = new TaskCompletionSource<T>();
        if (!_waiters.TryGetValue(eventName, out var queue))
        {
            _waiters[eventName] = queue = new();
        }

        queue.Enqueue((typeof(T), value => source.TrySetResult((T)value!)));
        cancellationToken.Register(() => source.TrySetCanceled(cancellationToken));
        return source.Task;
    }

    public override void SetCustomStatus(object? customStatus) =>
        harness.Statuses.Add((harness.Clock.GetUtcNow(), (CampaignStatus)customStatus!));

    public override void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true)
    {
        ContinuedAs = (DripCampaignInput)newInput!;
        PreserveUnprocessedEvents = preserveUnprocessedEvents;
    }

    public override Task<TResult> CallSubOrchestratorAsync<TResult>(TaskName orchestratorName, object? input = null, TaskOptions? options = null) =>
        throw new NotSupportedException();

    public override void SendEvent(string instanceId, string eventName, object payload) => throw new NotSupportedException();

    public override Guid NewGuid() => throw new NotSupportedException("The orchestrator must not need GUIDs.");

    /// <summary>Jumps to the next timer or scripted event and fires it; false when nothing will ever fire.</summary>
    public bool AdvanceClock()
    {
        DateTimeOffset? nextTimer = _timers.Count == 0 ? null : _timers.Min(t => t.FireAt);
        var nextEvent = harness.NextScriptedAt;
        if (nextTimer is null && nextEvent is null)
        {
            return false;
        }

        if (nextEvent is { } eventAt && (nextTimer is null || eventAt <= nextTimer))
        {
            MoveClockTo(eventAt);
            var (_, name, payload, before) = harness.TakeScriptedEventDueBy(eventAt)!.Value;
            before?.Invoke().GetAwaiter().GetResult();
            Deliver(name, JsonSerializer.Serialize(payload));
            return true;
        }

        var timer = _timers.First(t => t.FireAt == nextTimer);
        _timers.Remove(timer);
        MoveClockTo(timer.FireAt);
        timer.Source.TrySetResult();
        return true;
    }

    private void MoveClockTo(DateTimeOffset at)
    {
        if (at > harness.Clock.GetUtcNow())
        {
            harness.Clock.SetUtcNow(at);
        }
    }

    private void Deliver(string name, string? json)
    {
        if (_waiters.TryGetValue(name, out var queue) && queue.Count > 0)
        {
            var (type, complete) = queue.Dequeue();
            complete(json is null ? null : JsonSerializer.Deserialize(json, type));
            return;
        }

        if (!harness.Buffered.TryGetValue(name, out var buffer))
        {
            harness.Buffered[name] = buffer = new();
        }

        buffer.Enqueue(json);
    }

    private static T Deserialize<T>(string? json) => json is null ? default! : JsonSerializer.Deserialize<T>(json)!;

    private sealed class FakeActivityContext(TaskName name, string instanceId) : TaskActivityContext
    {
        public override TaskName Name => name;

        public override string InstanceId => instanceId;
    }
}
