using GoodwillFlow.Workflow.Storage;
using static GoodwillFlow.Cli.Tests.LocalRuntime.GoodwillRunProcesses;

namespace GoodwillFlow.Cli.Tests.LocalRuntime;

/// <summary>
/// <c>goodwill run</c> killed (SIGKILL) inside SetCampaignState as it records the owner's pause, and then inside
/// ReplanSchedule as the resumed campaign re-plans its unsent prompts. Each kill is held inside its activity the way
/// <see cref="GenerationAndShortlistKillTests"/> does: Azurite is frozen (SIGSTOP) on the activity's first log line, the
/// runtime killed, Azurite thawed, so nothing the activity was writing can land. No hook in the product.
/// </summary>
[Collection(RuntimeKillCollection.Name)]
public sealed class StateAndReplanKillTests : IDisposable
{
    // Enough prompts at a slow enough cadence that `goodwill pause`, a process of its own, arrives mid-drip even on a
    // loaded machine.
    private const int People = 8;
    private readonly GoodwillRunProcesses _runs = new();

    [Fact]
    public async Task Killed_while_recording_a_pause_and_again_while_replanning_on_resume_the_pause_holds_and_every_prompt_goes_out_once()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        string[] arguments = ["--interval", "00:00:03", "--grace", "00:00:01"];

        // 1. The owner pauses after the first prompt; killed inside SetCampaignState while it records the pause.
        var (first, runtime) = await _runs.StartReadyAsync(arguments, timeout.Token);
        await _runs.UploadPeopleAsync(runtime, People, timeout.Token);
        await WaitUntilAsync("the first prompt", () => _runs.Prompts().Count >= 1, timeout.Token);
        var recordingPause = _runs.FreezeAzuriteAndKillOnFirst(first, line => line.Contains("recording the campaign state Paused", StringComparison.Ordinal));
        var (pauseExit, pauseOutput) = await _runs.RunCommandAsync(timeout.Token, "pause");
        Assert.True(pauseExit == 0, pauseOutput);
        await _runs.WaitForKillAsync(recordingPause, first, timeout.Token);

        string campaignId;
        await using (var storage = await _runs.OpenStorageAsync(runtime, timeout.Token))
        {
            var campaign = (await storage.Store.ListCampaignsAsync(timeout.Token)).Single();
            campaignId = campaign.CampaignId;
            Console.WriteLine($"Killed while recording the pause: stored state {campaign.State}, {_runs.Prompts().Count} prompt(s) sent.");
            Assert.Equal(CampaignState.Running, campaign.State);
        }

        // 2. Restarted: the pause is recorded after all, and nothing more goes out while paused.
        (var second, runtime) = await _runs.StartReadyAsync(arguments, timeout.Token);
        await using (var storage = await _runs.OpenStorageAsync(runtime, timeout.Token))
        {
            await WaitUntilAsync(
                "the pause to be recorded after the restart",
                async () => (await storage.Store.FindCampaignAsync(campaignId, timeout.Token))?.State == CampaignState.Paused,
                timeout.Token);
        }

        var sentWhilePaused = _runs.Prompts().Count;
        await Task.Delay(TimeSpan.FromSeconds(7), timeout.Token);
        Assert.Equal(sentWhilePaused, _runs.Prompts().Count);
        Assert.InRange(sentWhilePaused, 1, People - 1);

        // 3. The owner resumes; killed inside ReplanSchedule as the rest is re-planned from now.
        var replanning = _runs.FreezeAzuriteAndKillOnFirst(second, line => line.Contains("re-planning the unsent prompts", StringComparison.Ordinal));
        var (resumeExit, resumeOutput) = await _runs.RunCommandAsync(timeout.Token, "resume");
        Assert.True(resumeExit == 0, resumeOutput);
        await _runs.WaitForKillAsync(replanning, second, timeout.Token);

        // 4. Restarted: the re-plan runs again and every prompt goes out exactly once; the campaign completes.
        await using var session = await _runs.RestartUntilCompletedAsync(arguments, campaignId, timeout.Token);

        await _runs.AssertEveryPromptSentOnceAsync(session, campaignId, People, timeout.Token);
        Assert.Single(Directory.GetFiles(_runs.Outbox, "*-shortlist-*.eml"));
    }

    public void Dispose() => _runs.Dispose();
}
