using System.Net;
using System.Text.Json;
using Azure.Storage.Blobs;
using GoodwillFlow.Local.Durability;
using GoodwillFlow.Local.Engine;
using GoodwillFlow.Local.Storage;
using GoodwillFlow.Local.Uploads;
using GoodwillFlow.Workflow;
using GoodwillFlow.Workflow.Configuration;
using GoodwillFlow.Workflow.Http;
using GoodwillFlow.Workflow.Orchestration;
using GoodwillFlow.Workflow.Storage;
using GoodwillFlow.Workflow.Uploads;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GoodwillFlow.Local.Hosting;

/// <summary>
/// GoodwillFlow running whole on one machine: Azurite for storage, the durable engine over it, and one host with the
/// Durable Task worker and client, the upload watcher, and the reply page and API on Kestrel at 127.0.0.1 —
/// all over the same <see cref="GoodwillServiceCollectionExtensions.AddGoodwillWorkflow"/> the Functions app uses.
/// </summary>
public sealed class LocalRuntime : IAsyncDisposable
{
    private readonly AzuriteProcess? _azurite;
    private readonly LocalDurableEngine _engine;
    private readonly WebApplication _app;
    private readonly string _runtimeFile;

    private LocalRuntime(AzuriteProcess? azurite, LocalDurableEngine engine, WebApplication app, Uri baseAddress, string runtimeFile, string storageConnectionString)
    {
        _azurite = azurite;
        _engine = engine;
        _app = app;
        BaseAddress = baseAddress;
        _runtimeFile = runtimeFile;
        StorageConnectionString = storageConnectionString;
    }

    /// <summary>Gets the base address of the reply page and API (http://127.0.0.1:port).</summary>
    public Uri BaseAddress { get; }

    /// <summary>Gets the storage connection string in use.</summary>
    public string StorageConnectionString { get; }

    /// <summary>Gets the app's services (store, files, durable client, ...).</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>Gets the durable client.</summary>
    public DurableTaskClient Client => _app.Services.GetRequiredService<DurableTaskClient>();

    /// <summary>Gets the upload watcher (tests and the demo poll it directly instead of waiting for its timer).</summary>
    public UploadWatcher Uploads => _app.Services.GetRequiredService<UploadWatcher>();

    /// <summary>Gets the inbound parse secret (the local stand-in for the one in Key Vault).</summary>
    public string InboundSecret => _app.Services.GetRequiredService<IOptions<ReplyLinkOptions>>().Value.InboundSecret;

    /// <summary>Gets the outbox folder.</summary>
    public string OutboxPath => _app.Services.GetRequiredService<IOptions<EmailOptions>>().Value.OutboxPath;

    /// <summary>Starts storage, the engine and the app host; campaigns that were running resume where they were.</summary>
    public static async Task<LocalRuntime> StartAsync(
        LocalRuntimeOptions options, IConfiguration? configuration, Action<ILoggingBuilder> configureLogging, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(configureLogging);
        var dataPath = Path.GetFullPath(options.DataPath);
        if (options.HttpPort != 0 && !PortIsFree(options.HttpPort))
        {
            // Checked before anything starts, so a taken port costs no Azurite start and stop.
            throw new LocalRuntimePortInUseException(options.HttpPort);
        }

        Directory.CreateDirectory(dataPath);
        using var loggerFactory = LoggerFactory.Create(configureLogging);

        var storage = options.StorageConnectionString ?? configuration?[StorageOptions.ConnectionName];
        AzuriteProcess? azurite = null;
        if (string.IsNullOrWhiteSpace(storage))
        {
            azurite = await AzuriteProcess.StartAsync(
                new AzuriteOptions { DataPath = Path.Combine(dataPath, "azurite"), InMemory = options.InMemoryStorage }, loggerFactory.CreateLogger<AzuriteProcess>(), cancellationToken);
            storage = azurite.ConnectionString;
        }

        LocalDurableEngine? engine = null;
        WebApplication? app = null;
        try
        {
            var engineLoggers = LoggerFactory.Create(logging =>
            {
                configureLogging(logging);
                logging.AddFilter("DurableTask", LogLevel.Warning).AddFilter("Microsoft.DurableTask", LogLevel.Warning);
            });
            var settings = CallerSettings(options, configuration);
            engine = await LocalDurableEngine.StartAsync(storage, engineLoggers, cancellationToken, options: EngineOptions(settings));
            var port = options.HttpPort == 0 ? LoopbackPort.Free() : options.HttpPort;
            var baseAddress = new Uri($"http://127.0.0.1:{port}");
            app = BuildApp(options, settings, configureLogging, dataPath, storage, engine, baseAddress);

            // Before the app serves anything: replies acknowledged before a crash go back into storage first.
            await app.Services.GetRequiredService<FileReplyJournal>().ReplayAsync(app.Services.GetRequiredService<ICampaignStore>(), cancellationToken);
            await app.Services.GetRequiredService<FileUploadJournal>().ReplayAsync(
                app.Services.GetRequiredService<BlobServiceClient>(), app.Services.GetRequiredService<ICampaignStore>(), cancellationToken);
            await app.StartAsync(cancellationToken);
            await app.Services.GetRequiredService<ICampaignStore>().InitializeAsync(cancellationToken);
            await app.Services.GetRequiredService<ICampaignFiles>().InitializeAsync(cancellationToken);

            var runtimeFile = Path.Combine(dataPath, LocalRuntimeInfo.FileName);
            await LocalRuntimeInfo.WriteAsync(runtimeFile, new LocalRuntimeInfo(Environment.ProcessId, baseAddress, storage), cancellationToken);
            return new LocalRuntime(azurite, engine, app, baseAddress, runtimeFile, storage);
        }
        catch (Exception e)
        {
            // Everything started so far stops, in reverse order, even when one part fails to stop: the worker and the
            // upload watcher (started before Kestrel) must not outlive the engine, nor Azurite the command.
            await StopQuietlyAsync(app is null ? null : StopAppAsync(app));
            await StopQuietlyAsync(engine?.DisposeAsync().AsTask());
            await StopQuietlyAsync(azurite?.DisposeAsync().AsTask());
            if (FindAddressInUse(e) is not null)
            {
                // Lost a race for the port after the check above.
                throw new LocalRuntimePortInUseException(options.HttpPort, e);
            }

            throw;
        }
    }

    /// <summary>The caller's configuration, then its <see cref="LocalRuntimeOptions.Settings"/> over it: what the engine and the app read.</summary>
    private static IConfiguration CallerSettings(LocalRuntimeOptions options, IConfiguration? configuration)
    {
        var merged = new ConfigurationBuilder();
        if (configuration is not null)
        {
            merged.AddConfiguration(configuration);
        }

        return merged.AddInMemoryCollection(options.Settings).Build();
    }

    /// <summary>The engine's options: the <c>LocalEngine</c> section of the caller's settings.</summary>
    private static LocalEngineOptions EngineOptions(IConfiguration settings)
    {
        var engine = new LocalEngineOptions();
        settings.GetSection(LocalEngineOptions.SectionName).Bind(engine);
        return engine.WorkItemVisibilityTimeout > TimeSpan.Zero
            ? engine
            : throw new InvalidOperationException($"{LocalEngineOptions.SectionName}:{nameof(LocalEngineOptions.WorkItemVisibilityTimeout)} must be a positive time span.");
    }

    private static bool PortIsFree(int port)
    {
        try
        {
            using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }

    private static Exception? FindAddressInUse(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is Microsoft.AspNetCore.Connections.AddressInUseException
                || e is System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.AddressAlreadyInUse })
            {
                return e;
            }
        }

        return null;
    }

    private static async Task StopAppAsync(WebApplication app)
    {
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15)))
        {
            await app.StopAsync(timeout.Token);
        }

        await app.DisposeAsync();
    }

    private static async Task StopQuietlyAsync(Task? stopping)
    {
        if (stopping is null)
        {
            return;
        }

        try
        {
            await stopping;
        }
        catch (Exception)
        {
            // Start-up already failed; that failure is the one to report.
        }
    }

    /// <summary>Puts a file into the uploads container, as <c>az storage blob upload</c> would in Azure.</summary>
    public Task UploadAsync(string filePath, IDictionary<string, string>? metadata, CancellationToken cancellationToken) =>
        LocalUploads.UploadAsync(Services.GetRequiredService<BlobServiceClient>(), filePath, metadata, Services.GetRequiredService<FileUploadJournal>(), cancellationToken);

    /// <summary>Stops the app host (worker first), then the engine, then Azurite.</summary>
    public async ValueTask DisposeAsync()
    {
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15)))
        {
            try
            {
                await _app.StopAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                // Stopped as far as it would go in time.
            }
        }

        await _app.DisposeAsync();
        await _engine.DisposeAsync();
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }

        try
        {
            File.Delete(_runtimeFile);
        }
        catch (IOException)
        {
            // A stale file is detected by its process id next time.
        }
    }

    private static WebApplication BuildApp(
        LocalRuntimeOptions options,
        IConfiguration settings,
        Action<ILoggingBuilder> configureLogging,
        string dataPath,
        string storage,
        LocalDurableEngine engine,
        Uri baseAddress)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        configureLogging(builder.Logging);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning)
            .AddFilter("Microsoft.DurableTask", LogLevel.Warning)
            .AddFilter("Grpc", LogLevel.Warning)
            .AddFilter("Microsoft.Extensions.Hosting", LogLevel.Warning);

        // Defaults for one machine, then the user's configuration, then the caller's explicit settings.
        var defaults = new Dictionary<string, string?>
        {
            [StorageOptions.ConnectionName] = storage,
            [$"{EmailOptions.SectionName}:{nameof(EmailOptions.Provider)}"] = nameof(EmailProvider.Outbox),
            [$"{EmailOptions.SectionName}:{nameof(EmailOptions.OutboxPath)}"] = Path.Combine(dataPath, "outbox"),
            [$"{EmailOptions.SectionName}:{nameof(EmailOptions.FromAddress)}"] = "goodwill@localhost",
            [$"{ReplyLinkOptions.SectionName}:{nameof(ReplyLinkOptions.PublicBaseUrl)}"] = baseAddress.ToString().TrimEnd('/'),
            [$"{ReplyLinkOptions.SectionName}:{nameof(ReplyLinkOptions.SigningKey)}"] =
                LocalSecrets.GetOrCreate(dataPath, "reply-signing-key", 32, Convert.ToBase64String),
            [$"{ReplyLinkOptions.SectionName}:{nameof(ReplyLinkOptions.InboundSecret)}"] =
                LocalSecrets.GetOrCreate(dataPath, "inbound-secret", 18, b => Convert.ToHexStringLower(b)),
        };
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(defaults);
        builder.Configuration.AddConfiguration(settings);
        builder.Configuration[StorageOptions.ConnectionName] = storage;

        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, baseAddress.Port));
        builder.Services.AddGoodwillWorkflow(builder.Configuration);
        builder.Services.AddDurableTaskWorker(worker =>
        {
            worker.UseGrpc(engine.Channel);
            worker.AddTasks(registry => registry.AddGoodwillTasks());
        });
        builder.Services.AddDurableTaskClient(client =>
        {
            client.UseGrpc(engine.Channel);
            client.RegisterDirectly();
        });
        builder.Services.AddSingleton(sp => new UploadWatcher(
            sp.GetRequiredService<BlobServiceClient>(),
            sp.GetRequiredService<ConnectionsUploadHandler>(),
            sp.GetRequiredService<DurableTaskClient>(),
            sp.GetRequiredService<ICampaignFiles>(),
            new UploadAttemptLog(dataPath, TimeProvider.System),
            options.UploadPollInterval,
            sp.GetRequiredService<ILogger<UploadWatcher>>()));
        builder.Services.AddHostedService(sp => sp.GetRequiredService<UploadWatcher>());
        builder.Services.AddHostedService<Mailbox.MailboxWatcherService>();
        builder.Services.AddSingleton(sp => new FileReplyJournal(dataPath, TimeProvider.System, sp.GetRequiredService<ILogger<FileReplyJournal>>()));
        builder.Services.AddSingleton<IReplyJournal>(sp => sp.GetRequiredService<FileReplyJournal>());
        builder.Services.AddHostedService(sp => new ReplyJournalTrimmer(sp.GetRequiredService<FileReplyJournal>(), TimeSpan.FromSeconds(15)));
        builder.Services.AddSingleton(sp => new FileUploadJournal(dataPath, TimeProvider.System, sp.GetRequiredService<ILogger<FileUploadJournal>>()));
        builder.Services.AddHostedService(sp => new UploadJournalTrimmer(
            sp.GetRequiredService<FileUploadJournal>(), sp.GetRequiredService<BlobServiceClient>(), sp.GetRequiredService<ICampaignStore>(), TimeSpan.FromSeconds(15)));

        var app = builder.Build();
        app.MapGoodwillEndpoints();
        return app;
    }
}

/// <summary>
/// The reply page's port on 127.0.0.1 is taken by another program. Nothing the runtime started is left running.
/// </summary>
public sealed class LocalRuntimePortInUseException : Exception
{
    /// <summary>Creates the exception for <paramref name="port"/>.</summary>
    public LocalRuntimePortInUseException(int port, Exception? innerException = null)
        : base($"Port {port} on 127.0.0.1 is already in use.", innerException) => Port = port;

    /// <summary>Gets the port that was taken.</summary>
    public int Port { get; }
}

/// <summary>What a running local runtime tells other <c>goodwill</c> commands, in <c>{data}/runtime.json</c>.</summary>
/// <param name="ProcessId">The process that runs it.</param>
/// <param name="BaseAddress">Its reply page and API address.</param>
/// <param name="StorageConnectionString">Its storage (a local Azurite: the public development key, not a secret).</param>
public sealed record LocalRuntimeInfo(int ProcessId, Uri BaseAddress, string StorageConnectionString)
{
    /// <summary>The file name inside the data folder.</summary>
    public const string FileName = "runtime.json";

    /// <summary>Reads the file and returns it when its process is still alive; otherwise null.</summary>
    public static async Task<LocalRuntimeInfo?> ReadLiveAsync(string dataPath, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Path.GetFullPath(dataPath), FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            await using var stream = File.OpenRead(path);
            var info = await JsonSerializer.DeserializeAsync<LocalRuntimeInfo>(stream, cancellationToken: cancellationToken);
            if (info is null)
            {
                return null;
            }

            using var process = System.Diagnostics.Process.GetProcessById(info.ProcessId);
            return process.HasExited ? null : info;
        }
        catch (Exception e) when (e is ArgumentException or JsonException or IOException or InvalidOperationException)
        {
            return null;
        }
    }

    internal static async Task WriteAsync(string path, LocalRuntimeInfo info, CancellationToken cancellationToken)
    {
        await using var stream = File.Create(path);
        await JsonSerializer.SerializeAsync(stream, info, cancellationToken: cancellationToken);
    }
}
