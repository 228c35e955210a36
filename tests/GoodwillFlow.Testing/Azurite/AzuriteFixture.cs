using GoodwillFlow.Local.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace GoodwillFlow.Testing.Azurite;

/// <summary>
/// Starts one Azurite per test class (as <c>IClassFixture&lt;AzuriteFixture&gt;</c>) or per collection, in a temporary folder
/// on free ports, installing the pinned npm package on first use. Use <see cref="ConnectionString"/> for Azure SDK clients.
/// Give each test its own table prefix / container names (e.g. <see cref="UniqueName"/>) so tests stay independent.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private readonly string _dataPath = Path.Combine(Path.GetTempPath(), "goodwill-azurite-" + Guid.NewGuid().ToString("N"));
    private AzuriteProcess? _azurite;

    /// <summary>Gets the connection string of the running emulator.</summary>
    public string ConnectionString => _azurite?.ConnectionString ?? throw new InvalidOperationException("Azurite is not running.");

    /// <summary>Returns a short unique lowercase name (valid for tables after a letter prefix, and for containers).</summary>
    public static string UniqueName(string prefix) => prefix + Guid.NewGuid().ToString("N")[..10];

    public async Task InitializeAsync() =>
        _azurite = await AzuriteProcess.StartAsync(new AzuriteOptions { DataPath = _dataPath }, NullLogger.Instance, CancellationToken.None);

    public async Task DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }

        try
        {
            Directory.Delete(_dataPath, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the temp folder is cleaned by the OS eventually.
        }
    }
}
