using GoodwillFlow.Local.Hosting;
using Microsoft.Extensions.Logging;

namespace GoodwillFlow.Cli.Tests.LocalRuntime;

/// <summary>
/// One in-process local runtime shared by the tests of a class (starting Azurite, the engine and Kestrel costs seconds).
/// The upload watcher's timer is slowed right down: the tests call <see cref="UploadWatcherPass"/> themselves.
/// </summary>
public sealed class LocalRuntimeFixture : IAsyncLifetime
{
    private GoodwillFlow.Local.Hosting.LocalRuntime? _runtime;

    /// <summary>Gets the folder the runtime keeps its data in.</summary>
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "goodwill-fixture-" + Guid.NewGuid().ToString("N")[..8]);

    /// <summary>Gets the running runtime.</summary>
    public GoodwillFlow.Local.Hosting.LocalRuntime Runtime => _runtime ?? throw new InvalidOperationException("Not started.");

    /// <summary>Runs one pass of the upload watcher.</summary>
    public Task<int> UploadWatcherPass(CancellationToken cancellationToken) => Runtime.Uploads.PollOnceAsync(cancellationToken);

    /// <summary>Stops the runtime cleanly.</summary>
    public async Task StopAsync()
    {
        if (_runtime is not null)
        {
            await _runtime.DisposeAsync();
            _runtime = null;
        }
    }

    /// <inheritdoc/>
    public Task InitializeAsync() => StartAsync();

    /// <inheritdoc/>
    public async Task DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task StartAsync()
    {
        var options = new LocalRuntimeOptions { DataPath = Path.Combine(Folder, "data"), HttpPort = 0, UploadPollInterval = TimeSpan.FromHours(1) };
        options.Settings["Goodwill:OwnerEmail"] = "owner@example.com";
        options.Settings["Goodwill:FixedInterval"] = "00:00:00.200";
        options.Settings["Goodwill:GracePeriod"] = "00:00:30";
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        _runtime = await GoodwillFlow.Local.Hosting.LocalRuntime.StartAsync(options, null, l => l.SetMinimumLevel(LogLevel.Warning), timeout.Token);
    }
}
