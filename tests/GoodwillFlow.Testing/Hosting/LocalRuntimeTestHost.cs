using GoodwillFlow.Local.Hosting;
using GoodwillFlow.Testing.Exports;
using GoodwillFlow.Workflow.Storage;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GoodwillFlow.Testing.Hosting;

/// <summary>
/// A whole local runtime (its own Azurite, the engine, Kestrel on a free port) started in the test process, in a
/// temporary folder of its own that is deleted on dispose. The owner is <see cref="OwnerEmail"/>, the drip runs at
/// the given interval, and the upload watcher looks for new exports every 300 ms unless told otherwise.
/// </summary>
public sealed class LocalRuntimeTestHost : IAsyncDisposable
{
    /// <summary>The owner's address unless a test sets <c>Goodwill:OwnerEmail</c> itself.</summary>
    public const string OwnerEmail = "owner@example.com";

    private LocalRuntimeTestHost(string folder, LocalRuntime runtime)
    {
        Folder = folder;
        Runtime = runtime;
    }

    /// <summary>Gets the test's folder (the runtime's data is in its <c>data</c> subfolder).</summary>
    public string Folder { get; }

    /// <summary>Gets the running runtime.</summary>
    public LocalRuntime Runtime { get; }

    /// <summary>Gets the campaign store the runtime uses.</summary>
    public ICampaignStore Store => Runtime.Services.GetRequiredService<ICampaignStore>();

    /// <summary>Gets the campaign files (shortlists) the runtime stores.</summary>
    public ICampaignFiles Files => Runtime.Services.GetRequiredService<ICampaignFiles>();

    /// <summary>
    /// Starts a runtime whose drip sends a prompt every <paramref name="interval"/> and waits <paramref name="grace"/>
    /// for late replies (the product's default when null); <paramref name="configure"/> adds settings or changes the
    /// defaults, <paramref name="logging"/> replaces the warnings-only logging.
    /// </summary>
    public static async Task<LocalRuntimeTestHost> StartAsync(
        TimeSpan interval,
        TimeSpan? grace,
        CancellationToken cancellationToken,
        Action<LocalRuntimeOptions>? configure = null,
        Action<ILoggingBuilder>? logging = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "goodwill-host-" + Guid.NewGuid().ToString("N")[..8]);
        var options = new LocalRuntimeOptions { DataPath = Path.Combine(folder, "data"), HttpPort = 0, UploadPollInterval = TimeSpan.FromMilliseconds(300) };
        options.Settings["Goodwill:OwnerEmail"] = OwnerEmail;
        options.Settings["Goodwill:FixedInterval"] = interval.ToString("c", System.Globalization.CultureInfo.InvariantCulture);
        if (grace is { } period)
        {
            options.Settings["Goodwill:GracePeriod"] = period.ToString("c", System.Globalization.CultureInfo.InvariantCulture);
        }

        configure?.Invoke(options);
        try
        {
            var runtime = await LocalRuntime.StartAsync(options, null, logging ?? (l => l.SetMinimumLevel(LogLevel.Warning)), cancellationToken);
            return new LocalRuntimeTestHost(folder, runtime);
        }
        catch
        {
            DeleteFolder(folder);
            throw;
        }
    }

    /// <summary>Writes an export of <paramref name="people"/> into the test folder and puts it in the uploads container.</summary>
    public async Task UploadAsync(IEnumerable<ExportRow> people, CancellationToken cancellationToken) =>
        await Runtime.UploadAsync(ConnectionsExport.WriteFile(Folder, people), metadata: null, cancellationToken);

    /// <summary>Waits until the upload watcher (standing in for Event Grid) has started a campaign; returns its id.</summary>
    public Task<string> WaitForCampaignAsync(CancellationToken cancellationToken) =>
        EventuallyAsync(async () => (await Store.ListCampaignsAsync(cancellationToken)).FirstOrDefault()?.CampaignId, id => id is not null, cancellationToken)!;

    /// <summary>Uploads <paramref name="people"/> and runs the upload watcher once itself; returns the one campaign it started.</summary>
    public async Task<CampaignRecord> ImportAsync(IEnumerable<ExportRow> people, CancellationToken cancellationToken)
    {
        await UploadAsync(people, cancellationToken);
        await Runtime.Uploads.PollOnceAsync(cancellationToken);
        return (await Store.ListCampaignsAsync(cancellationToken)).Single();
    }

    /// <summary>
    /// Runs <paramref name="pass"/> (the owner answering what has arrived) every <paramref name="pause"/> until the
    /// campaign's orchestration has finished; returns how it finished.
    /// </summary>
    public async Task<OrchestrationMetadata> RunToEndAsync(string campaignId, Func<Task> pass, TimeSpan pause, CancellationToken cancellationToken)
    {
        while (true)
        {
            await pass();
            if (await Runtime.Client.GetInstanceAsync(campaignId, cancellationToken) is { IsCompleted: true } done)
            {
                return done;
            }

            await Task.Delay(pause, cancellationToken);
        }
    }

    /// <summary>
    /// Runs the campaign to its end, handing each prompt email in the outbox to <paramref name="answer"/> in the order the
    /// outbox names them, until it returns true for it (false: not readable yet, try again on the next pass).
    /// </summary>
    public Task<OrchestrationMetadata> AnswerEveryPromptAsync(
        string campaignId, Func<string, Task<bool>> answer, TimeSpan pause, CancellationToken cancellationToken)
    {
        var answered = new HashSet<string>(StringComparer.Ordinal);
        return RunToEndAsync(
            campaignId,
            async () =>
            {
                // The outbox folder appears with the first email.
                var prompts = Directory.Exists(Runtime.OutboxPath) ? Directory.GetFiles(Runtime.OutboxPath, "*-prompt-*.eml") : [];
                foreach (var file in prompts.Order(StringComparer.Ordinal))
                {
                    if (!answered.Contains(file) && await answer(file))
                    {
                        answered.Add(file);
                    }
                }
            },
            pause,
            cancellationToken);
    }

    /// <summary>Probes every 200 ms until <paramref name="done"/> holds for what <paramref name="probe"/> returns.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> probe, Func<T, bool> done, CancellationToken cancellationToken)
    {
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }

            await Task.Delay(200, cancellationToken);
        }
    }

    /// <summary>Stops the runtime (worker, engine, Azurite) and deletes the test folder.</summary>
    public async ValueTask DisposeAsync()
    {
        await Runtime.DisposeAsync();
        DeleteFolder(Folder);
    }

    private static void DeleteFolder(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort (a missing folder is an IOException too): the system cleans its temp folder.
        }
    }
}
