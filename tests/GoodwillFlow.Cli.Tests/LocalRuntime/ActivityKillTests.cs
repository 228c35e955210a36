using GoodwillFlow.Local.Hosting;
using GoodwillFlow.Workflow.Storage;
using static GoodwillFlow.Cli.Tests.LocalRuntime.GoodwillRunProcesses;

namespace GoodwillFlow.Cli.Tests.LocalRuntime;

/// <summary>
/// <c>goodwill run</c> killed (SIGKILL) inside the SendPrompt and SendDigest activities and in the middle of an import:
/// the test watches the outbox and kills the process the moment an email appears, before the activity has marked it
/// sent; after a restart nothing is lost or sent twice.
/// </summary>
[Collection(RuntimeKillCollection.Name)]
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
        var (first, runtime) = await _runs.StartReadyAsync(arguments, timeout.Token);
        var killed = _runs.FreezeAzuriteAndKillWhenWritten(first, "prompt", KillAtPrompt);

        await _runs.UploadPeopleAsync(runtime, People, timeout.Token);

        await _runs.WaitForKillAsync(killed, first, timeout.Token);

        // Where the kill landed: the prompt whose email exists is still claimed, not marked sent.
        var (campaignId, claimed) = await WhereTheKillLandedAsync(runtime, $"{_runs.Prompts().Count} prompt emails written", timeout.Token);

        // Inside the activity the prompt is claimed, not yet sent. Under heavy load the file watcher can see the email
        // only after the mark (0 claimed); the restart must then still send nothing twice, which is asserted below.
        Assert.InRange(claimed, 0, 1);
        Assert.Equal(KillAtPrompt, _runs.Prompts().Count);

        await using var session = await _runs.RestartUntilCompletedAsync(arguments, campaignId, timeout.Token);

        await _runs.AssertEveryPromptSentOnceAsync(session, campaignId, People, timeout.Token);
    }

    [Fact]
    public async Task Killed_as_a_digest_is_written_before_its_prompts_are_marked_sent_the_owner_gets_it_once_and_the_campaign_completes()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        string[] arguments = ["--digest", "--interval", "00:00:01", "--grace", "00:00:01"];
        var (first, runtime) = await _runs.StartReadyAsync(arguments, timeout.Token);
        var digestWritten = _runs.FreezeAzuriteAndKillWhenWritten(first, "digest");
        await _runs.UploadPeopleAsync(runtime, People, timeout.Token);

        await _runs.WaitForKillAsync(digestWritten, first, timeout.Token);

        var (campaignId, claimed) = await WhereTheKillLandedAsync(runtime, $"{Digests().Count} digest email(s) written", timeout.Token);
        Assert.Equal(People, claimed);

        await using var session = await _runs.RestartUntilCompletedAsync(arguments, campaignId, timeout.Token);

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
        var (first, runtime) = await _runs.StartReadyAsync(arguments, timeout.Token);
        var killed = _runs.FreezeAzuriteAndKillWhenWritten(first, "prompt");
        await _runs.UploadPeopleAsync(runtime, Imported, timeout.Token);

        await _runs.WaitForKillAsync(killed, first, timeout.Token);
        string campaignId;
        await using (var storage = await _runs.OpenStorageAsync(runtime, timeout.Token))
        {
            campaignId = (await storage.Store.ListCampaignsAsync(timeout.Token)).Single().CampaignId;
            var stored = (await storage.Store.GetConnectionsAsync(campaignId, timeout.Token)).Count;
            Console.WriteLine($"Killed with {stored} of {Imported} connections stored.");
            Assert.True(stored < Imported, $"the import was already complete ({stored} stored) when the process died");
            Assert.True((await storage.Store.GetProgressAsync(campaignId, timeout.Token)).Importing);
        }

        (_, runtime) = await _runs.StartReadyAsync(arguments, timeout.Token);
        await using var session = await _runs.OpenStorageAsync(runtime, timeout.Token);
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

    /// <summary>Reads the one campaign's id and how many of its prompts are claimed (inside SendPrompt or SendDigest) as the kill left them.</summary>
    private async Task<(string CampaignId, int Claimed)> WhereTheKillLandedAsync(LocalRuntimeInfo runtime, string written, CancellationToken cancellationToken)
    {
        await using var storage = await _runs.OpenStorageAsync(runtime, cancellationToken);
        var campaignId = (await storage.Store.ListCampaignsAsync(cancellationToken)).Single().CampaignId;
        var connections = await storage.Store.GetConnectionsAsync(campaignId, cancellationToken);
        var claimed = connections.Count(c => c.SendState == PromptSendState.Claimed);
        Console.WriteLine($"Killed with {written}: {connections.Count(c => c.SendState == PromptSendState.Sent)} prompts marked sent, {claimed} claimed.");
        return (campaignId, claimed);
    }

    private List<string> Digests() =>
        Directory.Exists(_runs.Outbox) ? [.. Directory.GetFiles(_runs.Outbox, "*-digest-*.eml")] : [];

    public void Dispose() => _runs.Dispose();
}
