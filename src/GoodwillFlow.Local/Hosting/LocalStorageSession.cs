using Azure.Storage.Blobs;
using GoodwillFlow.Local.Storage;
using GoodwillFlow.Workflow.Configuration;
using GoodwillFlow.Workflow.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GoodwillFlow.Local.Hosting;

/// <summary>
/// Storage for the commands that run beside (or without) <c>goodwill run</c>: upload, status and shortlist.
/// Uses the running runtime's storage when there is one; otherwise starts Azurite on the data folder for the
/// length of the command, so the commands work whether or not a campaign is running.
/// </summary>
public sealed class LocalStorageSession : IAsyncDisposable
{
    private readonly AzuriteProcess? _azurite;
    private readonly ServiceProvider _services;

    private LocalStorageSession(AzuriteProcess? azurite, ServiceProvider services, LocalRuntimeInfo? runtime)
    {
        _azurite = azurite;
        _services = services;
        Runtime = runtime;
    }

    /// <summary>Gets the running runtime, or null when none is running on this data folder.</summary>
    public LocalRuntimeInfo? Runtime { get; }

    /// <summary>Gets the campaign store.</summary>
    public ICampaignStore Store => _services.GetRequiredService<ICampaignStore>();

    /// <summary>Gets the blob service (uploads).</summary>
    public BlobServiceClient Blobs => _services.GetRequiredService<BlobServiceClient>();

    /// <summary>Opens storage for <paramref name="dataPath"/>, or for <paramref name="connectionString"/> when given.</summary>
    public static async Task<LocalStorageSession> OpenAsync(
        string dataPath, string? connectionString, ILoggerFactory? loggerFactory, CancellationToken cancellationToken)
    {
        var runtime = connectionString is null ? await LocalRuntimeInfo.ReadLiveAsync(dataPath, cancellationToken) : null;
        AzuriteProcess? azurite = null;
        connectionString ??= runtime?.StorageConnectionString;
        if (connectionString is null)
        {
            azurite = await AzuriteProcess.StartAsync(
                new AzuriteOptions { DataPath = Path.Combine(Path.GetFullPath(dataPath), "azurite") },
                (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<AzuriteProcess>(),
                cancellationToken);
            connectionString = azurite.ConnectionString;
        }

        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [StorageOptions.ConnectionName] = connectionString })
            .Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton(loggerFactory ?? NullLoggerFactory.Instance)
            .AddSingleton(typeof(ILogger<>), typeof(Logger<>))
            .AddSingleton(TimeProvider.System)
            .AddGoodwillStorage(configuration)
            .BuildServiceProvider();
        var session = new LocalStorageSession(azurite, services, runtime);
        await session.Store.InitializeAsync(cancellationToken);
        return session;
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }
}
