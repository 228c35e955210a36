using static GoodwillFlow.Cli.Tests.LocalRuntime.GoodwillRunProcesses;

namespace GoodwillFlow.Cli.Tests.LocalRuntime;

/// <summary>A machine that dies mid-campaign: <c>goodwill run</c> is killed outright, started again, and carries on.</summary>
[Collection(RuntimeKillCollection.Name)]
public sealed class RestartTests : IDisposable
{
    private const int People = 8;
    private readonly GoodwillRunProcesses _runs = new();

    [Fact]
    public async Task Killed_mid_campaign_resumes_on_restart_without_losing_or_repeating_a_prompt()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        string[] arguments = ["--interval", "00:00:03", "--grace", "00:00:01"];
        var (first, runtime) = await _runs.StartReadyAsync(arguments, timeout.Token);
        await _runs.UploadPeopleAsync(runtime, People, timeout.Token);

        // Kill it while the campaign sleeps on a durable timer between prompts, where a campaign spends nearly all its life.
        string? campaignId = null;
        await using (var storage = await _runs.OpenStorageAsync(runtime, timeout.Token))
        {
            await WaitUntilAsync(
                "the first prompts to be marked sent",
                async () => (campaignId = (await storage.Store.ListCampaignsAsync(timeout.Token)).SingleOrDefault()?.CampaignId) is { } id
                    && (await storage.Store.GetProgressAsync(id, timeout.Token)).Sent >= 3,
                timeout.Token);
        }

        await Task.Delay(TimeSpan.FromSeconds(1), timeout.Token);

        // The app process dies (a crash, a closed terminal); its Azurite is left behind and the next run takes it over.
        first.Kill(entireProcessTree: false);
        await first.WaitForExitAsync(timeout.Token);
        var sentBeforeKill = _runs.Prompts().Count;
        Assert.True(sentBeforeKill < People, "the campaign was still under way when the process died");

        await using var session = await _runs.RestartUntilCompletedAsync(arguments, campaignId!, timeout.Token);

        await _runs.AssertEveryPromptSentOnceAsync(session, campaignId!, People, timeout.Token);
    }

    public void Dispose() => _runs.Dispose();
}
