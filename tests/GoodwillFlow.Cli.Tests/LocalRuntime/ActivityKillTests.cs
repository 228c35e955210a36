using GoodwillFlow.Cli.Local;
using GoodwillFlow.Local.Hosting;
using GoodwillFlow.Local.Uploads;
using GoodwillFlow.Testing.Exports;
using GoodwillFlow.Workflow.Storage;
using static GoodwillFlow.Cli.Tests.LocalRuntime.GoodwillRunProcesses;

namespace GoodwillFlow.Cli.Tests.LocalRuntime;

/// <summary>
/// <c>goodwill run</c> killed (SIGKILL) inside the SendPrompt activity: the test watches the outbox and kills the
/// process the moment a prompt's email appears, before the activity has marked it sent; after a restart nothing is
/// lost or sent twice.
/// </summary>
[Collection(LocalRuntimeCollection.Name)]
public sealed class ActivityKillTests : IDisposable
{
    private const int People = 5;
    private const int KillAtPrompt = 3;
    private readonly GoodwillRunProcesses _runs = new();

    [Fact]
    public async Task Killed_as_a_prompt_is_written_before_it_is_marked_sent_the_restart_sends_it_once_and_completes()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        string[] arguments = ["--interval", "00:00:01", "--grace", "00:00:01"];
        var first = _runs.Start(arguments);
        var runtime = await _runs.WaitForRuntimeAsync(timeout.Token);
        Directory.CreateDirectory(_runs.Outbox);
        var written = 0;
        var killed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var watcher = new FileSystemWatcher(_runs.Outbox, "*.eml");
        void OnEmail(string name)
        {
            if (name.Contains("-prompt-", StringComparison.Ordinal) && Interlocked.Increment(ref written) == KillAtPrompt)
            {
                first.Kill();
                killed.TrySetResult();
            }
        }

        watcher.Created += (_, e) => OnEmail(e.Name ?? "");
        watcher.Renamed += (_, e) => OnEmail(e.Name ?? "");
        watcher.EnableRaisingEvents = true;

        var export = ConnectionsExport.WriteFile(_runs.Folder, ConnectionsExport.People(People));
        await using (var storage = await LocalStorageSession.OpenAsync(_runs.DataPath, runtime.StorageConnectionString, null, timeout.Token))
        {
            await LocalUploads.UploadAsync(storage.Blobs, export, metadata: null, timeout.Token);
        }

        await killed.Task.WaitAsync(timeout.Token);
        await first.WaitForExitAsync(timeout.Token);
        watcher.EnableRaisingEvents = false;

        // Where the kill landed: the prompt whose email exists is still claimed, not marked sent.
        int claimed;
        await using (var storage = await LocalStorageSession.OpenAsync(_runs.DataPath, runtime.StorageConnectionString, null, timeout.Token))
        {
            var id = (await storage.Store.ListCampaignsAsync(timeout.Token)).Single().CampaignId;
            var connections = await storage.Store.GetConnectionsAsync(id, timeout.Token);
            claimed = connections.Count(c => c.SendState == PromptSendState.Claimed);
            Console.WriteLine($"Killed with {_runs.Prompts().Count} prompt emails written, {connections.Count(c => c.SendState == PromptSendState.Sent)} marked sent, {claimed} claimed.");
        }

        Assert.Equal(1, claimed);
        Assert.Equal(KillAtPrompt, _runs.Prompts().Count);

        _runs.Start(arguments);
        runtime = await _runs.WaitForRuntimeAsync(timeout.Token);
        await using var session = await LocalStorageSession.OpenAsync(_runs.DataPath, runtime.StorageConnectionString, null, timeout.Token);
        CampaignRecord? campaign = null;
        await WaitUntilAsync(
            "the campaign to complete after the restart",
            async () =>
            {
                campaign = (await session.Store.ListCampaignsAsync(timeout.Token)).SingleOrDefault();
                return campaign?.State == CampaignState.Completed;
            },
            timeout.Token);

        var subjects = _runs.Prompts().Select(p => OutboxMessage.TryRead(p)!.Subject).ToList();
        Assert.Equal(People, subjects.Count);
        Assert.Equal(People, subjects.Distinct().Count());
        Assert.Equal(new CampaignProgress(People, People, 0), await session.Store.GetProgressAsync(campaign!.CampaignId, timeout.Token));
    }

    public void Dispose() => _runs.Dispose();
}
