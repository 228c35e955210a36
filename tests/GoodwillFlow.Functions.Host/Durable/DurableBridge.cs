using System.Text.Json;
using GoodwillFlow.Functions.Host.Protocol;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Azure.Functions.Worker.Grpc.Messages;
using P = Microsoft.DurableTask.Protobuf;

namespace GoodwillFlow.Functions.Host.Durable;

/// <summary>
/// Plays the Durable extension's part of the host: it takes work items from the Durable Task sidecar (as a worker of
/// <c>TaskHubSidecarService</c> would) and runs each one as an <c>InvocationRequest</c> of the matching function, then
/// reports the outcome to the sidecar.
/// </summary>
/// <remarks>
/// The encodings are what Microsoft.Azure.Functions.Worker.Extensions.DurableTask 1.21.1 expects (see README.md):
/// an orchestration trigger gets the base64-encoded <c>OrchestratorRequest</c> as a string and returns the base64
/// <c>OrchestratorResponse</c> as its return value; an activity trigger gets the activity's serialized input as a string
/// and returns its result as JSON.
/// </remarks>
internal sealed class DurableBridge : IAsyncDisposable
{
    private readonly FunctionsTestHost _host;
    private readonly GrpcChannel _channel;
    private readonly P.TaskHubSidecarService.TaskHubSidecarServiceClient _sidecar;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;

    private DurableBridge(FunctionsTestHost host, Uri sidecarAddress)
    {
        _host = host;
        _channel = GrpcChannel.ForAddress(sidecarAddress);
        _sidecar = new P.TaskHubSidecarService.TaskHubSidecarServiceClient(_channel);
        _loop = Task.Run(() => RunAsync(_stopping.Token));
    }

    public static DurableBridge Start(FunctionsTestHost host, Uri sidecarAddress) => new(host, sidecarAddress);

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        try
        {
            await _loop.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
        }

        await _channel.ShutdownAsync();
        _channel.Dispose();
        _stopping.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                using var stream = _sidecar.GetWorkItems(new P.GetWorkItemsRequest(), cancellationToken: cancellationToken);
                await foreach (var item in stream.ResponseStream.ReadAllAsync(cancellationToken))
                {
                    _ = Task.Run(() => HandleAsync(item, cancellationToken), cancellationToken);
                }
            }
            catch (Exception) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Grpc.Core.RpcException e)
            {
                _host.Log($"durable: work item stream ended ({e.StatusCode}); reconnecting");
                await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
            }
        }
    }

    private async Task HandleAsync(P.WorkItem item, CancellationToken cancellationToken)
    {
        try
        {
            switch (item.RequestCase)
            {
                case P.WorkItem.RequestOneofCase.OrchestratorRequest:
                    await RunOrchestratorAsync(item.OrchestratorRequest, item.CompletionToken, cancellationToken);
                    break;
                case P.WorkItem.RequestOneofCase.ActivityRequest:
                    await RunActivityAsync(item.ActivityRequest, item.CompletionToken, cancellationToken);
                    break;
                case P.WorkItem.RequestOneofCase.HealthPing:
                    break;
                default:
                    _host.Log($"durable: ignored a {item.RequestCase} work item");
                    break;
            }
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            _host.Log($"durable: work item failed in the bridge: {e}");
        }
        catch (Exception)
        {
            // Stopping.
        }
    }

    private async Task RunOrchestratorAsync(P.OrchestratorRequest request, string completionToken, CancellationToken cancellationToken)
    {
        var name = request.PastEvents.Concat(request.NewEvents)
            .Select(e => e.ExecutionStarted?.Name)
            .FirstOrDefault(n => n is not null)
            ?? throw new InvalidOperationException($"Orchestration {request.InstanceId} has no ExecutionStarted event.");
        var function = Find(name, "orchestrationTrigger");
        var trigger = new TypedData { String = Convert.ToBase64String(request.ToByteArray()) };
        var response = await _host.InvokeAsync(function, trigger, InstanceMetadata(request.InstanceId), cancellationToken);

        P.OrchestratorResponse result;
        if (FunctionsTestHost.Failure(response) is { } failure)
        {
            // The host fails the orchestration when the worker cannot run it at all.
            result = new P.OrchestratorResponse { InstanceId = request.InstanceId };
            result.Actions.Add(new P.OrchestratorAction
            {
                CompleteOrchestration = new P.CompleteOrchestrationAction
                {
                    OrchestrationStatus = P.OrchestrationStatus.Failed,
                    FailureDetails = new P.TaskFailureDetails { ErrorType = "FunctionInvocationFailed", ErrorMessage = failure },
                },
            });
        }
        else
        {
            result = P.OrchestratorResponse.Parser.ParseFrom(Convert.FromBase64String(response.ReturnValue.String));
        }

        result.CompletionToken = completionToken;
        await _sidecar.CompleteOrchestratorTaskAsync(result, cancellationToken: cancellationToken);
    }

    private async Task RunActivityAsync(P.ActivityRequest request, string completionToken, CancellationToken cancellationToken)
    {
        var function = Find(request.Name, "activityTrigger");
        var input = UnwrapParameters(request.Input);
        var trigger = input is null ? new TypedData() : new TypedData { String = input };
        var response = await _host.InvokeAsync(function, trigger, InstanceMetadata(request.OrchestrationInstance.InstanceId), cancellationToken);
        var result = new P.ActivityResponse
        {
            InstanceId = request.OrchestrationInstance.InstanceId,
            TaskId = request.TaskId,
            CompletionToken = completionToken,
        };
        if (FunctionsTestHost.Failure(response) is { } failure)
        {
            result.FailureDetails = new P.TaskFailureDetails
            {
                ErrorType = response.Result.Exception?.Source ?? "FunctionInvocationFailed",
                ErrorMessage = failure,
                StackTrace = response.Result.Exception?.StackTrace,
            };
        }
        else
        {
            result.Result = AsJson(response.ReturnValue);
        }

        await _sidecar.CompleteActivityTaskAsync(result, cancellationToken: cancellationToken);
    }

    private WorkerFunction Find(string name, string triggerType) =>
        _host.Functions.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase) && f.TriggerType == triggerType)
        ?? throw new InvalidOperationException($"The worker has no {triggerType} function named {name}.");

    private static Dictionary<string, TypedData> InstanceMetadata(string instanceId) =>
        new() { ["instanceId"] = new TypedData { String = instanceId } };

    /// <summary>
    /// The activity's own input. The Durable Task Framework stores an activity's input as a JSON array of its
    /// parameters (<c>[{...}]</c>); the host's Durable extension passes the worker the single element, so the bridge does too.
    /// </summary>
    private static string? UnwrapParameters(string? input)
    {
        if (string.IsNullOrEmpty(input) || input[0] != '[')
        {
            return input;
        }

        using var parameters = JsonDocument.Parse(input);
        return parameters.RootElement.GetArrayLength() switch
        {
            0 => null,
            1 => parameters.RootElement[0].GetRawText(),
            _ => input,
        };
    }

    /// <summary>An activity's return value as the JSON the orchestration's data converter reads.</summary>
    private static string? AsJson(TypedData? value) => value?.DataCase switch
    {
        TypedData.DataOneofCase.Json => value.Json,
        TypedData.DataOneofCase.String => JsonSerializer.Serialize(value.String),
        TypedData.DataOneofCase.Int => value.Int.ToString(System.Globalization.CultureInfo.InvariantCulture),
        TypedData.DataOneofCase.Double => value.Double.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        TypedData.DataOneofCase.None or null => null,
        _ => throw new InvalidOperationException($"An activity returned {value.DataCase}, which the bridge does not map."),
    };
}
