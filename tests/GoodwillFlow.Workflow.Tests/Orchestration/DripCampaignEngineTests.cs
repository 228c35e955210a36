using GoodwillFlow.Core.Planning;
using GoodwillFlow.Core.Shortlists;
using GoodwillFlow.Workflow.Orchestration;
using GoodwillFlow.Workflow.Storage;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Xunit.Abstractions;

// Not ...Tests.Orchestration: that namespace would capture `Orchestration.DripCampaignOrchestrator` in the upload tests.
namespace GoodwillFlow.Workflow.Tests.DripCampaigns;

/// <summary>The real Durable Task engine (in-process sidecar) running the campaign with a cadence of a fifth of a second.</summary>
public sealed class DripCampaignEngineTests(ITestOutputHelper output)
{
    private readonly System.Diagnostics.Stopwatch _watch = System.Diagnostics.Stopwatch.StartNew();
    private void Mark(string what) => output.WriteLine($"{_watch.ElapsedMilliseconds,6} ms {what}");

    private static readonly Cadence EveryFifthOfASecond = new() { FixedInterval = TimeSpan.FromMilliseconds(200) };

    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(1);

    // A safety net, not a speed claim: a run takes 3 to 10 s here, most of it the engine's start and first gRPC call,
    // and this machine's 2 cores are shared.
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Runs_a_campaign_from_first_prompt_to_shortlist_in_several_generations()
    {
        var fixture = new CampaignFixture("engine-full", 8);
        await using var host = await StartAsync(fixture);
        var scheduled = await fixture.SeedAsync(EveryFifthOfASecond, DateTimeOffset.UtcNow.AddMilliseconds(300), Grace, DateTimeOffset.UtcNow);
        using var cancellation = new CancellationTokenSource(Timeout);

        await host.Client.ScheduleNewOrchestrationInstanceAsync(
            DripCampaignOrchestrator.Name, new DripCampaignInput(fixture.CampaignId), new StartOrchestrationOptions(fixture.CampaignId), cancellation.Token);
        await WaitForStatusAsync(host.Client, fixture.CampaignId, s => s.Sent >= 3, cancellation.Token);
        await fixture.SaveWarmReplyAsync(scheduled[0].Connection, DateTimeOffset.UtcNow);
        await host.Client.RaiseEventAsync(fixture.CampaignId, CampaignEvents.ReplyRecorded, scheduled[0].Connection.Id, cancellation.Token);
        var done = await host.Client.WaitForInstanceCompletionAsync(fixture.CampaignId, getInputsAndOutputs: true, cancellation.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(new DripCampaignResult(fixture.CampaignId, "Completed", 8, 1), done.ReadOutputAs<DripCampaignResult>());
        Assert.Equal(new CampaignStatus("Completed", 8, 1, 8, null, null), done.ReadCustomStatusAs<CampaignStatus>());
        Assert.True(done.ReadInputAs<DripCampaignInput>()!.Generation >= 2, "Eight prompts in pages of three take at least two ContinueAsNew.");

        var stored = await fixture.StoredAsync();
        Assert.All(stored, c => Assert.Equal(PromptSendState.Sent, c.SendState));
        Assert.Equal(stored.OrderBy(c => c.Sequence).Select(c => c.Sequence), stored.OrderBy(c => c.SentAt).Select(c => c.Sequence));
        var prompts = fixture.Sender.Sent.Take(8).ToList();
        Assert.Equal(9, fixture.Sender.Sent.Count);
        for (var i = 0; i < 8; i++)
        {
            Assert.Contains(scheduled[i].Connection.DisplayName, prompts[i].TextBody, StringComparison.Ordinal);
        }

        var json = await fixture.Files.ReadShortlistAsync(fixture.CampaignId, ShortlistFormat.Json, CancellationToken.None);
        Assert.Contains(scheduled[0].Connection.FirstName, System.Text.Encoding.UTF8.GetString(json!), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pause_stops_sending_until_resume_and_stop_ends_with_the_shortlist()
    {
        // Forty connections: the stop comes long before the last prompt, even on a loaded machine where every prompt is
        // already due when the previous one is out (and so goes out without a timer in between).
        var fixture = new CampaignFixture("engine-control", 40);
        Mark("start");
        await using var host = await StartAsync(fixture);
        Mark("host started");
        await fixture.SeedAsync(EveryFifthOfASecond, DateTimeOffset.UtcNow.AddMilliseconds(300), Grace, DateTimeOffset.UtcNow);
        using var cancellation = new CancellationTokenSource(Timeout);
        var id = fixture.CampaignId;

        await host.Client.ScheduleNewOrchestrationInstanceAsync(DripCampaignOrchestrator.Name, new DripCampaignInput(id), new StartOrchestrationOptions(id), cancellation.Token);
        Mark("scheduled");
        await WaitForStatusAsync(host.Client, id, s => s.Sent >= 2, cancellation.Token);
        Mark("sent 2");
        await host.Client.RaiseEventAsync(id, CampaignEvents.Pause, "Paused by the owner", cancellation.Token);
        var paused = await WaitForStatusAsync(host.Client, id, s => s.State == "Paused", cancellation.Token);
        Mark("paused");
        Assert.Equal("Paused by the owner", paused.Reason);
        Assert.Equal(CampaignState.Paused, (await fixture.Store.FindCampaignAsync(id, CancellationToken.None))!.State);

        // Four intervals pass while paused: nothing goes out.
        var sentWhenPaused = fixture.Sender.Sent.Count;
        await Task.Delay(TimeSpan.FromMilliseconds(800), cancellation.Token);
        Assert.Equal(sentWhenPaused, fixture.Sender.Sent.Count);

        await host.Client.RaiseEventAsync(id, CampaignEvents.Resume, null, cancellation.Token);
        await WaitForStatusAsync(host.Client, id, s => s.State == "Running" && s.Sent >= sentWhenPaused + 2, cancellation.Token);
        Mark("resumed and sent 2 more");
        await host.Client.RaiseEventAsync(id, CampaignEvents.Stop, null, cancellation.Token);
        var done = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, cancellation.Token);

        Mark("done");
        var result = done.ReadOutputAs<DripCampaignResult>()!;
        Assert.Equal("Stopped", result.FinalState);
        Assert.InRange(result.Sent, sentWhenPaused + 2, 39);
        var stored = await fixture.StoredAsync();
        Assert.Equal(result.Sent, stored.Count(c => c.SendState == PromptSendState.Sent));
        Assert.Equal(result.Sent + 1, fixture.Sender.Sent.Count);
        Assert.NotNull(await fixture.Files.ReadShortlistAsync(id, ShortlistFormat.Html, CancellationToken.None));
        Assert.Equal(CampaignState.Stopped, (await fixture.Store.FindCampaignAsync(id, CancellationToken.None))!.State);
    }

    private static Task<DurableTaskTestHost> StartAsync(CampaignFixture fixture) =>
        DurableTaskTestHost.StartAsync(
            registry => registry.AddGoodwillTasks(),
            new DurableTaskTestHostOptions { ConfigureServices = services => fixture.AddServices(services, TimeProvider.System) });

    private static async Task<CampaignStatus> WaitForStatusAsync(
        DurableTaskClient client, string instanceId, Func<CampaignStatus, bool> condition, CancellationToken cancellationToken)
    {
        while (true)
        {
            var instance = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken);
            if (instance?.ReadCustomStatusAs<CampaignStatus>() is { } status && condition(status))
            {
                return status;
            }

            Assert.NotEqual(OrchestrationRuntimeStatus.Failed, instance?.RuntimeStatus);
            await Task.Delay(TimeSpan.FromMilliseconds(25), cancellationToken);
        }
    }
}
