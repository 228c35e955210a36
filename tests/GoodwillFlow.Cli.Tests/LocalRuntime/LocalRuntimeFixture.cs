using GoodwillFlow.Testing.Hosting;

namespace GoodwillFlow.Cli.Tests.LocalRuntime;

/// <summary>
/// One in-process local runtime shared by the tests of a class (starting Azurite, the engine and Kestrel costs seconds).
/// The upload watcher's timer is slowed right down: the tests call <see cref="UploadWatcherPass"/> themselves.
/// </summary>
public sealed class LocalRuntimeFixture : IAsyncLifetime
{
    private LocalRuntimeTestHost? _host;

    /// <summary>Gets the test folder the runtime keeps its data in.</summary>
    public string Folder => Host.Folder;

    /// <summary>Gets the running runtime.</summary>
    public GoodwillFlow.Local.Hosting.LocalRuntime Runtime => Host.Runtime;

    private LocalRuntimeTestHost Host => _host ?? throw new InvalidOperationException("Not started.");

    /// <summary>Runs one pass of the upload watcher.</summary>
    public Task<int> UploadWatcherPass(CancellationToken cancellationToken) => Runtime.Uploads.PollOnceAsync(cancellationToken);

    /// <inheritdoc/>
    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        _host = await LocalRuntimeTestHost.StartAsync(
            TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(30), timeout.Token, o => o.UploadPollInterval = TimeSpan.FromHours(1));
    }

    /// <inheritdoc/>
    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
