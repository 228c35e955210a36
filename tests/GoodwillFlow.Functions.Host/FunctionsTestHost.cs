using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using GoodwillFlow.Functions.Host.Durable;
using GoodwillFlow.Functions.Host.Http;
using GoodwillFlow.Functions.Host.Protocol;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Azure.Functions.Worker.Grpc.Messages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GoodwillFlow.Functions.Host;

/// <summary>
/// A small stand-in for the Azure Functions host, for tests: it serves <c>FunctionRpc</c> on 127.0.0.1, starts the
/// published worker as a child process, indexes and loads its functions over the worker's own protocol, and then
/// triggers them the way the host's extensions do: HTTP through an HTTP front door proxied to the worker's ASP.NET
/// Core server, blob events with <c>model_binding_data</c>, and Durable work items from the Durable Task sidecar.
/// See README.md beside this file for what is faithful to the real host and what is pinned to package versions.
/// </summary>
public sealed class FunctionsTestHost : IAsyncDisposable
{
    private readonly FunctionsTestHostOptions _options;
    private readonly WebApplication _app;
    private readonly WorkerChannel _channel;
    private readonly ConcurrentQueue<string> _hostLog = new();
    private Uri _grpcAddress = null!;
    private WorkerProcess? _worker;
    private DurableBridge? _durable;

    private FunctionsTestHost(FunctionsTestHostOptions options, WebApplication app, WorkerChannel channel)
    {
        _options = options;
        _app = app;
        _channel = channel;
    }

    /// <summary>Gets the functions the worker indexed, in the order it reported them.</summary>
    public IReadOnlyList<WorkerFunction> Functions { get; private set; } = [];

    /// <summary>Gets the worker's capabilities from its <c>WorkerInitResponse</c> (for example <c>HttpUri</c>).</summary>
    public IReadOnlyDictionary<string, string> WorkerCapabilities { get; private set; } = new Dictionary<string, string>();

    /// <summary>Gets the HTTP front door's base address: requests to <c>{BaseAddress}api/...</c> reach the HTTP functions.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Gets the key that functions with <c>AuthorizationLevel.Function</c> require.</summary>
    public string FunctionKey => _options.FunctionKey;

    /// <summary>Gets the number of invocations that ended in failure (the host would log and, for HTTP, answer 500).</summary>
    public int FailedInvocations => _failedInvocations;

    private int _failedInvocations;

    /// <summary>Starts the gRPC server and the front door, then the worker, and waits until every function is loaded.</summary>
    public static async Task<FunctionsTestHost> StartAsync(FunctionsTestHostOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var channel = new WorkerChannel();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddGrpc(grpc =>
        {
            grpc.MaxReceiveMessageSize = null;
            grpc.MaxSendMessageSize = null;
        });
        builder.Services.AddSingleton(channel);
        var grpcPort = FreeLoopbackPort();
        var httpPort = options.HttpPort == 0 ? FreeLoopbackPort() : options.HttpPort;
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // The worker speaks gRPC over cleartext HTTP/2 (prior knowledge); the front door speaks HTTP/1.1 like a browser.
            kestrel.Listen(IPAddress.Loopback, grpcPort, listen => listen.Protocols = HttpProtocols.Http2);
            kestrel.Listen(IPAddress.Loopback, httpPort, listen => listen.Protocols = HttpProtocols.Http1);
        });
        var app = builder.Build();
        var host = new FunctionsTestHost(options, app, channel)
        {
            _grpcAddress = new Uri($"http://127.0.0.1:{grpcPort}/"),
            BaseAddress = new Uri($"http://127.0.0.1:{httpPort}/"),
        };
        app.MapGrpcService<WorkerChannel>();
        HttpFrontDoor.Map(app, host, httpPort);
        try
        {
            await host.StartCoreAsync(cancellationToken);
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Delivers a "blob created" event to the blob-triggered function watching <paramref name="container"/>, as the
    /// host's blob extension does for an Event Grid notification: <c>model_binding_data</c> that the worker's converter
    /// turns into a <c>BlobClient</c>.
    /// </summary>
    /// <returns>Null when the function succeeded, or the failure the worker reported.</returns>
    public async Task<string?> DeliverBlobCreatedAsync(string container, string blobName, CancellationToken cancellationToken)
    {
        var function = Functions.Single(f => f.TriggerType == "blobTrigger"
            && ((string)f.Trigger["path"]!).StartsWith(container + "/", StringComparison.Ordinal));
        var content = JsonSerializer.SerializeToUtf8Bytes(new
        {
            Connection = (string?)function.Trigger["connection"] ?? "AzureWebJobsStorage",
            ContainerName = container,
            BlobName = blobName,
        });
        var trigger = new TypedData
        {
            ModelBindingData = new ModelBindingData
            {
                Version = "1.0",
                Source = "AzureStorageBlobs",
                ContentType = "application/json",
                Content = ByteString.CopyFrom(content),
            },
        };
        var metadata = new Dictionary<string, TypedData>
        {
            ["name"] = new() { String = blobName },
            ["BlobTrigger"] = new() { String = $"{container}/{blobName}" },
        };
        var response = await InvokeAsync(function, trigger, metadata, cancellationToken);
        return Failure(response);
    }

    /// <summary>Gets every log line the worker sent over gRPC or wrote to its console (the last 2,000 of each).</summary>
    public IReadOnlyList<string> WorkerLogs => [.. _channel.Logs, .. _worker?.Output ?? []];

    /// <summary>Gets the worker's log lines (over gRPC and its console) and the host's own, for a failing test's message.</summary>
    public string DescribeLogs(int lastLines = 80)
    {
        var lines = _channel.Logs.Concat(_worker?.Output ?? []).Concat(_hostLog).ToList();
        return string.Join('\n', lines.Skip(Math.Max(0, lines.Count - lastLines)));
    }

    /// <summary>Stops the Durable bridge, kills the worker process, then stops the server.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_durable is not null)
        {
            await _durable.DisposeAsync();
        }

        if (_worker is not null)
        {
            await _worker.DisposeAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _app.StopAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
        }

        await _app.DisposeAsync();
    }

    /// <summary>Sends one <c>InvocationRequest</c> (trigger data, the other input bindings, trigger metadata) and waits for its response.</summary>
    internal async Task<InvocationResponse> InvokeAsync(
        WorkerFunction function, TypedData trigger, IDictionary<string, TypedData>? triggerMetadata, CancellationToken cancellationToken, string? invocationId = null)
    {
        invocationId ??= Guid.NewGuid().ToString();
        // The host always sends a W3C trace context; the worker dereferences it for every invocation.
        var request = new InvocationRequest
        {
            InvocationId = invocationId,
            FunctionId = function.FunctionId,
            TraceContext = new RpcTraceContext
            {
                TraceParent = $"00-{System.Diagnostics.ActivityTraceId.CreateRandom()}-{System.Diagnostics.ActivitySpanId.CreateRandom()}-01",
                TraceState = "",
            },
        };
        request.InputData.Add(new ParameterBinding { Name = (string)function.Trigger["name"]!, Data = trigger });
        foreach (var binding in function.Bindings.Where(b => (string?)b["direction"] is "In" or "in" && b != function.Trigger))
        {
            request.InputData.Add(new ParameterBinding { Name = (string)binding["name"]!, Data = InputFor(binding) });
        }

        if (triggerMetadata is not null)
        {
            request.TriggerMetadata.Add(triggerMetadata);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.InvocationTimeout);
        try
        {
            var answer = await _channel.RequestAsync(invocationId, new StreamingMessage { RequestId = Guid.NewGuid().ToString(), InvocationRequest = request }, timeout.Token);
            if (answer.InvocationResponse.Result.Status != StatusResult.Types.Status.Success)
            {
                Interlocked.Increment(ref _failedInvocations);
                Log($"{function.Name} {invocationId} failed: {Failure(answer.InvocationResponse)}\n{answer.InvocationResponse.Result.Exception?.StackTrace}");
            }

            return answer.InvocationResponse;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            _channel.Send(new StreamingMessage { InvocationCancel = new InvocationCancel { InvocationId = invocationId } });
            throw new TimeoutException($"{function.Name} did not answer invocation {invocationId} within {_options.InvocationTimeout}.\n{DescribeLogs()}");
        }
    }

    internal void Log(string line) => _hostLog.Enqueue("host: " + line);

    internal static string? Failure(InvocationResponse response) =>
        response.Result.Status == StatusResult.Types.Status.Success
            ? null
            : $"{response.Result.Status}: {response.Result.Exception?.Message} {response.Result.Result}".Trim();

    private TypedData InputFor(JsonObject binding) => (string?)binding["type"] switch
    {
        // What the Durable extension's client binding sends (field names as the worker extension reads them).
        "durableClient" => new TypedData
        {
            String = JsonSerializer.Serialize(new
            {
                rpcBaseUrl = (_options.DurableSidecarAddress ?? throw new InvalidOperationException("No Durable sidecar address is configured.")).ToString(),
                taskHubName = _options.TaskHubName,
                connectionName = "AzureWebJobsStorage",
                requiredQueryStringParameters = $"code={_options.FunctionKey}",
                httpBaseUrl = new Uri(BaseAddress, "runtime/webhooks/durabletask").ToString(),
                maxGrpcMessageSizeInBytes = 4 * 1024 * 1024,

                // grpcHttpClientTimeout is left out: 1.21.1 fails to read "hh:mm:ss" here ("Invalid leading zero"),
                // and without it the extension keeps its default.
            }),
        },
        _ => new TypedData(),
    };

    private async Task StartCoreAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.StartTimeout);
        await _app.StartAsync(timeout.Token);

        var workerId = Guid.NewGuid().ToString();
        var requestId = Guid.NewGuid().ToString();
        _worker = WorkerProcess.Start(_options, _grpcAddress, workerId, requestId);
        try
        {
            var started = await _channel.Started.WaitAsync(timeout.Token);
            if (started != workerId)
            {
                throw new InvalidOperationException($"The worker started with id {started}, not {workerId}.");
            }

            var init = (await _channel.RequestAsync(requestId, new StreamingMessage
            {
                RequestId = requestId,
                WorkerInitRequest = new WorkerInitRequest
                {
                    HostVersion = "4.0.0-goodwill-test-host",
                    FunctionAppDirectory = _options.AppDirectory,
                    WorkerDirectory = _options.AppDirectory,
                },
            }, timeout.Token)).WorkerInitResponse;
            EnsureSuccess(init.Result, "WorkerInitRequest");
            WorkerCapabilities = init.Capabilities.ToDictionary(kv => kv.Key, kv => kv.Value);

            var metadataRequestId = Guid.NewGuid().ToString();
            var metadata = (await _channel.RequestAsync(metadataRequestId, new StreamingMessage
            {
                RequestId = metadataRequestId,
                FunctionsMetadataRequest = new FunctionsMetadataRequest { FunctionAppDirectory = _options.AppDirectory },
            }, timeout.Token)).FunctionMetadataResponse;
            EnsureSuccess(metadata.Result, "FunctionsMetadataRequest");

            await Task.WhenAll(metadata.FunctionMetadataResults.Select(async indexed =>
            {
                var load = (await _channel.RequestAsync(indexed.FunctionId, new StreamingMessage
                {
                    RequestId = Guid.NewGuid().ToString(),
                    FunctionLoadRequest = new FunctionLoadRequest
                    {
                        FunctionId = indexed.FunctionId,
                        Metadata = WorkerFunction.ForLoad(indexed, _options.AppDirectory),
                    },
                }, timeout.Token)).FunctionLoadResponse;
                EnsureSuccess(load.Result, $"FunctionLoadRequest for {indexed.Name}");
            }));
            Functions = metadata.FunctionMetadataResults.Select(WorkerFunction.From).ToList();
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The worker did not start and load its functions within {_options.StartTimeout}.\n{DescribeLogs()}");
        }

        if (_options.DurableSidecarAddress is { } sidecar)
        {
            _durable = DurableBridge.Start(this, sidecar);
        }
    }

    /// <summary>Returns a TCP port on 127.0.0.1 that was free a moment ago.</summary>
    public static int FreeLoopbackPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void EnsureSuccess(StatusResult result, string step)
    {
        if (result.Status != StatusResult.Types.Status.Success)
        {
            throw new InvalidOperationException($"The worker failed {step}: {result.Exception?.Message} {result.Result}\n{DescribeLogs()}");
        }
    }
}
