using GoodwillFlow.Functions.Host;
using GoodwillFlow.Local.Engine;
using GoodwillFlow.Testing.Azurite;
using GoodwillFlow.Workflow.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace GoodwillFlow.Functions.Tests.Worker;

/// <summary>
/// Everything the published worker needs on this machine, started once per test class: Azurite, the Durable Task
/// sidecar over it (the local runtime's engine: the Azure Storage backend the Functions host uses), and the test host
/// running the worker process. Emails go to an outbox folder; the drip runs at sub-second intervals.
/// </summary>
public sealed class FunctionsWorkerFixture : IAsyncLifetime
{
    public const string OwnerEmail = "owner@example.com";

    private readonly SemaphoreSlim _starting = new(1, 1);
    private readonly AzuriteFixture _azurite = new();
    private LocalDurableEngine? _engine;
    private ServiceProvider? _storage;

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "goodwill-worker-" + Guid.NewGuid().ToString("N")[..8]);

    public string OutboxPath => Path.Combine(Folder, "outbox");

    public string InboundSecret { get; } = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(12));

    public FunctionsTestHost Host { get; private set; } = null!;

    public string StorageConnectionString => _azurite.ConnectionString;

    /// <summary>Gets the app's store and files, read directly from Azurite (what an operator would see in storage).</summary>
    public IServiceProvider Storage => _storage!;

    public TimeSpan StartTime { get; private set; }

    public Task InitializeAsync() => _azurite.InitializeAsync();

    /// <summary>Starts the sidecar and the worker on the published app once; later calls return at once.</summary>
    public async Task EnsureStartedAsync(string appDirectory, CancellationToken cancellationToken)
    {
        await _starting.WaitAsync(cancellationToken);
        try
        {
            if (_engine is not null)
            {
                return;
            }

            var start = System.Diagnostics.Stopwatch.GetTimestamp();
            _engine = await LocalDurableEngine.StartAsync(_azurite.ConnectionString, NullLoggerFactory.Instance, cancellationToken);
            var port = FunctionsTestHost.FreeLoopbackPort();
            var options = new FunctionsTestHostOptions
            {
                AppDirectory = appDirectory,
                StorageConnectionString = _azurite.ConnectionString,
                DurableSidecarAddress = _engine.Address,
                TaskHubName = LocalDurableEngine.TaskHubName,
                HttpPort = port,
            };
            options.Settings["Goodwill:OwnerEmail"] = OwnerEmail;
            options.Settings["Goodwill:FixedInterval"] = "00:00:00.300";
            options.Settings["Goodwill:GracePeriod"] = "00:00:02";
            options.Settings["Email:Provider"] = "Outbox";
            options.Settings["Email:OutboxPath"] = OutboxPath;
            options.Settings["Email:FromAddress"] = "goodwill@localhost";
            options.Settings["Email:InboundDomain"] = "inbound.example.com";
            options.Settings["ReplyLinks:PublicBaseUrl"] = $"http://127.0.0.1:{port}";
            options.Settings["ReplyLinks:SigningKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
            options.Settings["ReplyLinks:InboundSecret"] = InboundSecret;
            Host = await FunctionsTestHost.StartAsync(options, cancellationToken);

            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = _azurite.ConnectionString })
                .Build();
            _storage = new ServiceCollection().AddGoodwillStorage(configuration).BuildServiceProvider();
            StartTime = System.Diagnostics.Stopwatch.GetElapsedTime(start);
        }
        finally
        {
            _starting.Release();
        }
    }

    public async Task DisposeAsync()
    {
        // The worker first (it holds Durable client channels), then the sidecar, then storage.
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }

        if (_engine is not null)
        {
            await _engine.DisposeAsync();
        }

        if (_storage is not null)
        {
            await _storage.DisposeAsync();
        }

        await _azurite.DisposeAsync();
        _starting.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
