using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using DurableTask.AzureStorage;
using GoodwillFlow.Local.Engine;
using GoodwillFlow.Workflow.Configuration;
using GoodwillFlow.Workflow.Storage;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Client.Grpc;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GoodwillFlow.Cli.Account;

/// <summary>
/// A deployed campaign's storage and task hub, reached from the owner's machine with the same code the local runtime
/// uses: the Table store for campaigns, progress and replies, and a Durable Task client through a client-only sidecar
/// over the account's task hub (so events are raised without the Functions host or a function key).
/// </summary>
internal sealed class AccountSession : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly StorageAccountClientProvider _durableStorage;
    private LocalDurableEngine? _engine;
    private GrpcDurableTaskClient? _client;

    private AccountSession(AccountTarget target, ServiceProvider services, StorageAccountClientProvider durableStorage)
    {
        Target = target;
        _services = services;
        _durableStorage = durableStorage;
    }

    /// <summary>Gets the account.</summary>
    public AccountTarget Target { get; }

    /// <summary>Gets or sets the service the current step uses, so a refusal names the right role.</summary>
    public StorageService Step { get; set; } = StorageService.Table;

    /// <summary>Gets the campaign store over the account's tables.</summary>
    public ICampaignStore Store => _services.GetRequiredService<ICampaignStore>();

    /// <summary>Creates the clients; nothing is contacted until the first call.</summary>
    public static AccountSession Open(AccountTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var values = new Dictionary<string, string?>();
        if (target.ConnectionString is { } connectionString)
        {
            values[StorageOptions.ConnectionName] = connectionString;
        }
        else
        {
            values[$"{StorageOptions.ConnectionName}:accountName"] = target.AccountName;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var settings = StorageClientFactory.ReadSettings(configuration);

        // One credential for tables, blobs and queues, so the sign-in is asked for a token once.
        TokenCredential? credential = target.UsesSignIn ? new DefaultAzureCredential() : null;
        var tables = credential is null ? StorageClientFactory.CreateTableServiceClient(settings) : new TableServiceClient(settings.TableServiceUri!, credential);
        var blobs = credential is null ? StorageClientFactory.CreateBlobServiceClient(settings) : new BlobServiceClient(settings.BlobServiceUri!, credential);
        var durableStorage = credential is null
            ? new StorageAccountClientProvider(target.ConnectionString!)
            : new StorageAccountClientProvider(target.AccountName!, credential);

        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance)
            .AddSingleton(typeof(ILogger<>), typeof(Logger<>))
            .AddSingleton(TimeProvider.System)
            .AddSingleton(tables)
            .AddSingleton(blobs)
            .AddGoodwillStorage(configuration)
            .BuildServiceProvider();
        return new AccountSession(target, services, durableStorage);
    }

    /// <summary>
    /// Returns a Durable Task client for the app's task hub, or null when the app has not created its task hub yet
    /// (no orchestration ever started).
    /// </summary>
    public async Task<DurableTaskClient?> ConnectDurableAsync(CancellationToken cancellationToken)
    {
        if (_client is not null)
        {
            return _client;
        }

        Step = StorageService.Blob;
        var settings = await DeployedTaskHub.FindAsync(
            _services.GetRequiredService<TableServiceClient>(),
            _services.GetRequiredService<BlobServiceClient>(),
            _durableStorage,
            NullLoggerFactory.Instance,
            cancellationToken);
        if (settings is null)
        {
            return null;
        }

        Step = StorageService.Queue;
        _engine = await LocalDurableEngine.StartClientAsync(settings, NullLoggerFactory.Instance, cancellationToken);
        _client = new GrpcDurableTaskClient("goodwill", new GrpcDurableTaskClientOptions { Channel = _engine.Channel }, NullLogger.Instance);
        return _client;
    }

    /// <summary>
    /// Opens a session on <paramref name="target"/>, runs <paramref name="action"/>, and turns a missing sign-in, a missing
    /// role or an unknown account into one sentence on stderr.
    /// </summary>
    public static async Task<int> RunAsync(
        AccountTarget target, CliContext context, Func<AccountSession, CancellationToken, Task<int>> action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(action);
        await using var session = Open(target);
        try
        {
            return await action(session, cancellationToken);
        }
        catch (Exception e) when (AzureAccess.Explain(e, target, session.Step) is { } explanation)
        {
            await context.Error.WriteLineAsync(explanation);
            return ExitCodes.Rejected;
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.DisposeAsync();
        }

        if (_engine is not null)
        {
            await _engine.DisposeAsync();
        }

        await _services.DisposeAsync();
    }
}
