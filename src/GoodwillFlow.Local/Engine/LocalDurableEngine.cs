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

    /// <summary>How long stopping waits for the storage backend to let go of its partitions.</summary>
    private static readonly TimeSpan ShutdownWait = TimeSpan.FromSeconds(15);

    /// <summary>How long a control message taken by a process stays hidden: short, so a restart takes over a killed run's work.</summary>
    private static readonly TimeSpan ControlQueueVisibility = TimeSpan.FromSeconds(20);

    private readonly WebApplication _sidecar;
    private readonly AzureStorageOrchestrationService _service;

    private readonly bool _runsOrchestrations;

    private LocalDurableEngine(WebApplication sidecar, AzureStorageOrchestrationService service, Uri address, bool runsOrchestrations)
    {
        _sidecar = sidecar;
        _service = service;
        _runsOrchestrations = runsOrchestrations;
        Address = address;
        Channel = GrpcChannel.ForAddress(address);
    }

    /// <summary>Gets the sidecar's address.</summary>
    public Uri Address { get; }

    /// <summary>Gets a channel to the sidecar for <c>UseGrpc</c>.</summary>
    public GrpcChannel Channel { get; }

    /// <summary>Creates the task hub in storage if needed and starts the sidecar on a free loopback port.</summary>
    /// <param name="storageConnectionString">The storage (Azurite) the task hub lives in.</param>
    /// <param name="loggerFactory">Logging for the backend.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <param name="clientProvider">
    /// The backend's storage clients, when they need options of their own (the runtime bench counts their requests);
    /// by default, plain clients over <paramref name="storageConnectionString"/>.
    /// </param>
    /// <param name="options">How work is handed back after a crash; the defaults when null.</param>
    public static async Task<LocalDurableEngine> StartAsync(
        string storageConnectionString,
        ILoggerFactory loggerFactory,
        CancellationToken cancellationToken,
        StorageAccountClientProvider? clientProvider = null,
        LocalEngineOptions? options = null)
    {
        options ??= new LocalEngineOptions();
        var settings = new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = TaskHubName,
            StorageAccountClientProvider = clientProvider ?? new StorageAccountClientProvider(storageConnectionString),
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
            ControlQueueVisibilityTimeout = ControlQueueVisibility,
            WorkItemQueueVisibilityTimeout = options.WorkItemVisibilityTimeout,
        };
        var service = new AzureStorageOrchestrationService(settings);
        await service.CreateIfNotExistsAsync();
        return await HostAsync(service, TaskHubGrpcServerMode.ApiServerAndDispatcher, loggerFactory, cancellationToken);
    }

    /// <summary>
    /// Starts the sidecar as a client only, over a task hub whose orchestrations another process runs (the deployed
    /// Functions app): clients read instances and raise events through it; it never takes work items or leases.
    /// </summary>
    /// <param name="settings">The task hub's storage, name and partition layout (see <see cref="DeployedTaskHub"/>).</param>
    /// <param name="loggerFactory">Logging for the backend.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static Task<LocalDurableEngine> StartClientAsync(
        AzureStorageOrchestrationServiceSettings settings, ILoggerFactory loggerFactory, CancellationToken cancellationToken) =>
        HostAsync(new AzureStorageOrchestrationService(settings), TaskHubGrpcServerMode.ApiServerOnly, loggerFactory, cancellationToken);

    private static async Task<LocalDurableEngine> HostAsync(
        AzureStorageOrchestrationService service, TaskHubGrpcServerMode mode, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);
        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Listen(System.Net.IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));

        // Detailed errors carry the storage error code (for example a missing data role) to the client's exception.
        builder.Services.AddGrpc(grpc => grpc.EnableDetailedErrors = true);
        builder.Services.Configure<TaskHubGrpcServerOptions>(server => server.Mode = mode);
        builder.Services.AddSingleton<IOrchestrationService>(new SparingLockRenewals(service, ControlQueueVisibility / 2));
        builder.Services.AddSingleton<IOrchestrationServiceClient>(service);
        builder.Services.AddSingleton<TaskHubGrpcServer>();
        var app = builder.Build();
        app.MapGrpcService<TaskHubGrpcServer>();
        await app.StartAsync(cancellationToken);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new LocalDurableEngine(app, service, new Uri(address), mode == TaskHubGrpcServerMode.ApiServerAndDispatcher);
    }

    /// <summary>Stops the sidecar. Stop every worker connected to it first, or shutdown waits for their open streams.</summary>
    public async ValueTask DisposeAsync()
    {
        await Channel.ShutdownAsync();
        Channel.Dispose();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _sidecar.StopAsync(timeout.Token);
        await _sidecar.DisposeAsync();
        if (_runsOrchestrations)
        {
            try
            {
                // After a long run under load the partition manager's shutdown has waited ten minutes on leases before
                // giving up; everything durable is already in storage, so the engine is not worth waiting on that long.
                await _service.StopAsync(isForced: true).WaitAsync(ShutdownWait);
            }
            catch (TimeoutException)
            {
                // Its queues and leases are left to expire; the next start takes them over.
            }
        }
    }
}
