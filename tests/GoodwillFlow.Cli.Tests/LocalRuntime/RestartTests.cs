using GoodwillFlow.Cli.Local;
using GoodwillFlow.Local.Hosting;
using GoodwillFlow.Workflow.Storage;
using static GoodwillFlow.Cli.Tests.LocalRuntime.GoodwillRunProcesses;

namespace GoodwillFlow.Cli.Tests.LocalRuntime;

/// <summary>A machine that dies mid-campaign: <c>goodwill run</c> is killed outright, started again, and carries on.</summary>
[Collection(LocalRuntimeCollection.Name)]
public sealed class RestartTests : IDisposable
{
    private const int People = 8;
    private readonly GoodwillRunProcesses _runs = new();

    [Fact]
    public async Task Killed_mid_campaign_resumes_on_restart_without_losing_or_repeating_a_prompt()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        string[] arguments = ["--interval", "00:00:03", "--grace", "00:00:01"];
        var first = _runs.Start(arguments);
        var runtime = await _runs.WaitForRuntimeAsync(timeout.Token);
        await _runs.UploadPeopleAsync(runtime, People, timeout.Token);

        // Kill it while the campaign sleeps on a durable timer between prompts, where a campaign spends nearly all its life.
        await using (var storage = await LocalStorageSession.OpenAsync(_runs.DataPath, runtime.StorageConnectionString, null, timeout.Token))
        {
            await WaitUntilAsync(
                "the first prompts to be marked sent",
                async () => (await storage.Store.ListCampaignsAsync(timeout.Token)).SingleOrDefault() is { } c
                    && (await storage.Store.GetProgressAsync(c.CampaignId, timeout.Token)).Sent >= 3,
                timeout.Token);
        }

        await Task.Delay(TimeSpan.FromSeconds(1), timeout.Token);

        // The app process dies (a crash, a closed terminal); its Azurite is left behind and the next run takes it over.
        first.Kill(entireProcessTree: false);
        await first.WaitForExitAsync(timeout.Token);
        var sentBeforeKill = _runs.Prompts().Count;
        Assert.True(sentBeforeKill < People, "the campaign was still under way when the process died");

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
        var progress = await session.Store.GetProgressAsync(campaign!.CampaignId, timeout.Token);
        Assert.Equal(new CampaignProgress(People, People, 0), progress);
    }

    public void Dispose() => _runs.Dispose();
}
