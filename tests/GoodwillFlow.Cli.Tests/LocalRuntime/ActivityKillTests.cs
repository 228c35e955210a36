using GoodwillFlow.Cli.Local;
using GoodwillFlow.Local.Hosting;
using GoodwillFlow.Workflow.Storage;
using static GoodwillFlow.Cli.Tests.LocalRuntime.GoodwillRunProcesses;

namespace GoodwillFlow.Cli.Tests.LocalRuntime;

/// <summary>
/// <c>goodwill run</c> killed (SIGKILL) inside the SendPrompt and SendDigest activities and in the middle of an import:
/// the test watches the outbox and kills the process the moment an email appears, before the activity has marked it
/// sent; after a restart nothing is lost or sent twice.
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
        using var watcher = KillWhenPromptWritten(first, KillAtPrompt, out var killed);

        await _runs.UploadPeopleAsync(runtime, People, timeout.Token);

        await WaitForKillAsync(killed, first, watcher, timeout.Token);

        // Where the kill landed: the prompt whose email exists is still claimed, not marked sent.
        int claimed;
        await using (var storage = await LocalStorageSession.OpenAsync(_runs.DataPath, runtime.StorageConnectionString, null, timeout.Token))
        {
            var id = (await storage.Store.ListCampaignsAsync(timeout.Token)).Single().CampaignId;
            var connections = await storage.Store.GetConnectionsAsync(id, timeout.Token);
            claimed = connections.Count(c => c.SendState == PromptSendState.Claimed);
            Console.WriteLine($"Killed with {_runs.Prompts().Count} prompt emails written, {connections.Count(c => c.SendState == PromptSendState.Sent)} marked sent, {claimed} claimed.");
        }

        // Inside the activity the prompt is claimed, not yet sent. Under heavy load the file watcher can see the email
        // only after the mark (0 claimed); the restart must then still send nothing twice, which is asserted below.
        Assert.InRange(claimed, 0, 1);
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

    [Fact]
    public async Task Killed_as_a_digest_is_written_before_its_prompts_are_marked_sent_the_owner_gets_it_once_and_the_campaign_completes()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        string[] arguments = ["--digest", "--interval", "00:00:01", "--grace", "00:00:01"];
        var first = _runs.Start(arguments);
        var runtime = await _runs.WaitForRuntimeAsync(timeout.Token);
        var digestWritten = _runs.FreezeAzuriteAndKillWhenWritten(first, "digest", out var watcher);
        await _runs.UploadPeopleAsync(runtime, People, timeout.Token);

        await digestWritten.WaitAsync(timeout.Token);
        await first.WaitForExitAsync(timeout.Token);
        watcher.EnableRaisingEvents = false;
        watcher.Dispose();
        _runs.FreezeAzurite(false);

        string campaignId;
        await using (var storage = await LocalStorageSession.OpenAsync(_runs.DataPath, runtime.StorageConnectionString, null, timeout.Token))
        {
            campaignId = (await storage.Store.ListCampaignsAsync(timeout.Token)).Single().CampaignId;
            var connections = await storage.Store.GetConnectionsAsync(campaignId, timeout.Token);
            var claimed = connections.Count(c => c.SendState == PromptSendState.Claimed);
            Console.WriteLine($"Killed as the digest was written: {Digests().Count} digest email(s), {claimed} prompts claimed, {connections.Count(c => c.SendState == PromptSendState.Sent)} marked sent.");
            Assert.Equal(People, claimed);
        }

        _runs.Start(arguments);
        runtime = await _runs.WaitForRuntimeAsync(timeout.Token);
        await using var session = await LocalStorageSession.OpenAsync(_runs.DataPath, runtime.StorageConnectionString, null, timeout.Token);
        await WaitUntilAsync(
            "the campaign to complete after the restart",
            async () => (await session.Store.FindCampaignAsync(campaignId, timeout.Token))?.State == CampaignState.Completed,
            timeout.Token);

        Assert.Single(Digests());
        Assert.Empty(_runs.Prompts());
        Assert.Equal(new CampaignProgress(People, People, 0), await session.Store.GetProgressAsync(campaignId, timeout.Token));
    }

    [Fact]
    public async Task Killed_mid_import_the_retry_stores_every_connection_once_and_sends_nothing_twice()
    {
        // 150 people: the import stores the first 100, starts the campaign, waits for its first prompt, then stores the
        // other 50. The kill comes as the first prompt is written, so the last 50 are not stored yet.
        const int Imported = 150;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        string[] arguments = ["--interval", "01:00:00"];
        var first = _runs.Start(arguments);
        var runtime = await _runs.WaitForRuntimeAsync(timeout.Token);
        using var watcher = KillWhenPromptWritten(first, 1, out var killed);
        await _runs.UploadPeopleAsync(runtime, Imported, timeout.Token);

        await WaitForKillAsync(killed, first, watcher, timeout.Token);
        string campaignId;
        await using (var storage = await LocalStorageSession.OpenAsync(_runs.DataPath, runtime.StorageConnectionString, null, timeout.Token))
        {
            campaignId = (await storage.Store.ListCampaignsAsync(timeout.Token)).Single().CampaignId;
            var stored = (await storage.Store.GetConnectionsAsync(campaignId, timeout.Token)).Count;
            Console.WriteLine($"Killed with {stored} of {Imported} connections stored.");
            Assert.True(stored < Imported, $"the import was already complete ({stored} stored) when the process died");
            Assert.True((await storage.Store.GetProgressAsync(campaignId, timeout.Token)).Importing);
        }

        _runs.Start(arguments);
        runtime = await _runs.WaitForRuntimeAsync(timeout.Token);
        await using var session = await LocalStorageSession.OpenAsync(_runs.DataPath, runtime.StorageConnectionString, null, timeout.Token);
        await WaitUntilAsync(
            "the retry to complete the import",
            async () => !(await session.Store.GetProgressAsync(campaignId, timeout.Token)).Importing,
            timeout.Token);

        var connections = await session.Store.GetConnectionsAsync(campaignId, timeout.Token);
        Assert.Equal(Imported, connections.Count);
        Assert.Equal(Imported, connections.Select(c => c.Sequence).Distinct().Count());
        Assert.Single(await session.Store.ListCampaignsAsync(timeout.Token));
        Assert.Equal(Imported, (await session.Store.GetProgressAsync(campaignId, timeout.Token)).Total);
        await WaitUntilAsync(
            "the first prompt to be marked sent",
            async () => (await session.Store.GetProgressAsync(campaignId, timeout.Token)).Sent == 1,
            timeout.Token);
        Assert.Single(_runs.Prompts());
    }

    private List<string> Digests() =>
        Directory.Exists(_runs.Outbox) ? [.. Directory.GetFiles(_runs.Outbox, "*-digest-*.eml")] : [];

    /// <summary>
    /// Kills <paramref name="process"/> (SIGKILL) the moment the <paramref name="nth"/> prompt email appears in the outbox.
    /// Azurite is frozen (SIGSTOP) as that prompt's .html copy is written (the outbox writes it just before the .eml), so
    /// the sent mark cannot land between the email and the kill however loaded the machine is; it is thawed once the
    /// process is gone (<see cref="WaitForKillAsync"/>).
    /// </summary>
    private FileSystemWatcher KillWhenPromptWritten(System.Diagnostics.Process process, int nth, out Task killed)
    {
        Directory.CreateDirectory(_runs.Outbox);
        var written = 0;
        var copies = 0;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var watcher = new FileSystemWatcher(_runs.Outbox, "*");
        void OnFile(string name)
        {
            if (!name.Contains("-prompt-", StringComparison.Ordinal) || name.StartsWith('.'))
            {
                return;
            }

            if (name.EndsWith(".html", StringComparison.Ordinal) && Interlocked.Increment(ref copies) == nth)
            {
                _runs.FreezeAzurite(true);
            }
            else if (name.EndsWith(".eml", StringComparison.Ordinal) && Interlocked.Increment(ref written) == nth)
            {
                process.Kill();
                done.TrySetResult();
            }
        }

        watcher.Created += (_, e) => OnFile(e.Name ?? "");
        watcher.Renamed += (_, e) => OnFile(e.Name ?? "");
        watcher.EnableRaisingEvents = true;
        killed = done.Task;
        return watcher;
    }

    /// <summary>Waits for the kill and the process's exit, then thaws Azurite.</summary>
    private async Task WaitForKillAsync(Task killed, System.Diagnostics.Process process, FileSystemWatcher watcher, CancellationToken cancellationToken)
    {
        await killed.WaitAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        watcher.EnableRaisingEvents = false;
        _runs.FreezeAzurite(false);
    }

    public void Dispose() => _runs.Dispose();
}
