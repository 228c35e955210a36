using DurableTask.AzureStorage;
using DurableTask.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GoodwillFlow.Local.Engine;

/// <summary>
/// The durable engine of the local runtime: the Durable Task gRPC sidecar over the Azure Storage backend (the one the
/// Functions host uses by default), served by Kestrel on a loopback port. Workers and clients connect with <c>UseGrpc</c>
/// through <see cref="Channel"/>. Orchestration state lives in storage, so campaigns survive a restart.
/// </summary>
public sealed class LocalDurableEngine : IAsyncDisposable
{
    /// <summary>The task hub name, the same as host.json's <c>extensions.durableTask.hubName</c>.</summary>
    public const string TaskHubName = "GoodwillFlow";

    private readonly WebApplication _sidecar;
    private readonly AzureStorageOrchestrationService _service;

    private LocalDurableEngine(WebApplication sidecar, AzureStorageOrchestrationService service, Uri address)
    {
        _sidecar = sidecar;
        _service = service;
        Address = address;
        Channel = GrpcChannel.ForAddress(address);
    }

    /// <summary>Gets the sidecar's address.</summary>
    public Uri Address { get; }

    /// <summary>Gets a channel to the sidecar for <c>UseGrpc</c>.</summary>
    public GrpcChannel Channel { get; }

    /// <summary>Creates the task hub in storage if needed and starts the sidecar on a free loopback port.</summary>
    public static async Task<LocalDurableEngine> StartAsync(
        string storageConnectionString, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        var settings = new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = TaskHubName,
            StorageAccountClientProvider = new StorageAccountClientProvider(storageConnectionString),
            LoggerFactory = loggerFactory,
            PartitionCount = 1,

            // Short polling so second-long demo cadences are not held up by the default 30 s idle back-off.
            MaxQueuePollingInterval = TimeSpan.FromSeconds(1),

            // One worker per data folder (`goodwill run` refuses a second), so no app lease: after a crash the default one
            // is retried only every 5 minutes, which would leave a restarted campaign idle that long.
            UseAppLease = false,

            // A process that was killed still holds its partition lease; a short lease lets the next run take over quickly.
            LeaseInterval = TimeSpan.FromSeconds(10),
            LeaseRenewInterval = TimeSpan.FromSeconds(3),
            LeaseAcquireInterval = TimeSpan.FromSeconds(2),

            // Messages a killed process had taken reappear after these; the defaults (5 minutes) would stall a restart.
            ControlQueueVisibilityTimeout = TimeSpan.FromSeconds(20),
            WorkItemQueueVisibilityTimeout = TimeSpan.FromMinutes(1),
        };
        var service = new AzureStorageOrchestrationService(settings);
        await service.CreateIfNotExistsAsync();

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);
        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Listen(System.Net.IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton<IOrchestrationService>(service);
        builder.Services.AddSingleton<IOrchestrationServiceClient>(service);
        builder.Services.AddSingleton<TaskHubGrpcServer>();
        var app = builder.Build();
        app.MapGrpcService<TaskHubGrpcServer>();
        await app.StartAsync(cancellationToken);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new LocalDurableEngine(app, service, new Uri(address));
    }

    /// <summary>Stops the sidecar. Stop every worker connected to it first, or shutdown waits for their open streams.</summary>
    public async ValueTask DisposeAsync()
    {
        await Channel.ShutdownAsync();
        Channel.Dispose();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _sidecar.StopAsync(timeout.Token);
        await _sidecar.DisposeAsync();
        await _service.StopAsync(isForced: true);
    }
}
