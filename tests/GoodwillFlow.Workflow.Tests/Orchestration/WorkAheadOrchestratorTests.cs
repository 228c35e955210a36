using GoodwillFlow.Core.Planning;
using GoodwillFlow.Workflow.Orchestration;
using GoodwillFlow.Workflow.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

// Not ...Tests.Orchestration: that namespace would capture `Orchestration.DripCampaignOrchestrator` in the upload tests.
namespace GoodwillFlow.Workflow.Tests.DripCampaigns;

/// <summary>Working ahead and cadence changes over weeks of virtual time: the schedule closes up, re-planned once per burst.</summary>
public sealed class WorkAheadOrchestratorTests
{
    // Monday 5 January 2026, 08:00 UTC: the first window opens at 09:00.
    private static readonly DateTimeOffset Monday = new(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);

    private static readonly Cadence TwoPerWeekday = new() { TimeZone = "UTC", PromptsPerDay = 2 };

    private static readonly TimeSpan Grace = TimeSpan.FromDays(3);

    // DripCampaignOptions.ReplanDebounce's default: the fixture does not set it.
    private static readonly TimeSpan Debounce = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Prompts_answered_ahead_are_never_emailed_and_the_rest_close_up_after_one_replan()
    {
        var fixture = new CampaignFixture("ahead", 20);
        var scheduled = await fixture.SeedAsync(TwoPerWeekday, Monday, Grace, Monday);
        var answerAt = scheduled[1].PlannedAt + TimeSpan.FromHours(1);
        var harness = NewHarness(fixture, Monday);

        // A burst: eight answers a few seconds apart, each raising Replan as the reply recorder does.
        for (var i = 2; i < 10; i++)
        {
            var connection = scheduled[i].Connection;
            var at = answerAt + TimeSpan.FromSeconds(i);
            harness.RaiseAt(at, CampaignEvents.Replan, before: () => AnswerAheadAsync(fixture, connection, at));
        }

        var result = await harness.RunAsync(new DripCampaignInput(fixture.CampaignId));

        Assert.Equal(new DripCampaignResult(fixture.CampaignId, "Completed", 12, 8), result);
        Assert.Single(harness.ActivityCalls, c => c.Name == CampaignActivityNames.ReplanSchedule);
        var stored = await fixture.StoredAsync();
        Assert.All(stored.Skip(2).Take(8), c => Assert.Equal((PromptSendState.AnsweredAhead, (DateTimeOffset?)null), (c.SendState, c.SentAt)));
        var prompts = fixture.Sender.Sent.SkipLast(1).ToList();
        foreach (var answered in scheduled.Skip(2).Take(8))
        {
            Assert.DoesNotContain(prompts, m => m.TextBody.Contains(answered.Connection.DisplayName, StringComparison.Ordinal));
        }

        // The ten left follow the cadence from the end of the burst's gathering, instead of keeping their old, later slots.
        var replanAt = answerAt + TimeSpan.FromSeconds(2) + Debounce;
        var closedUp = DripPlanner.Plan(scheduled.Skip(10).Select(c => c.Connection).ToList(), TwoPerWeekday, replanAt, 10);
        Assert.Equal(closedUp.Select(p => p.SendAt), stored.Skip(10).Select(c => c.SentAt!.Value));
        Assert.True(stored[^1].SentAt < scheduled[^1].PlannedAt - TimeSpan.FromDays(3), "Eight prompts answered ahead at two a day should finish four sending days sooner.");
        Assert.Equal(13, fixture.Sender.Sent.Count);

        var progress = await fixture.Store.GetProgressAsync(fixture.CampaignId, CancellationToken.None);
        Assert.Equal(new CampaignProgress(20, 12, 8, AnsweredAhead: 8), progress);
        Assert.Equal(0, progress.Remaining);
        Assert.Equal(progress, await fixture.Store.RecountProgressAsync(fixture.CampaignId, CancellationToken.None));
    }

    [Fact]
    public async Task A_campaign_whose_every_prompt_is_answered_ahead_still_finishes_with_its_shortlist()
    {
        var fixture = new CampaignFixture("all-ahead", 6);
        var scheduled = await fixture.SeedAsync(TwoPerWeekday, Monday, Grace, Monday);
        var answerAt = scheduled[0].PlannedAt + TimeSpan.FromMinutes(5);
        var harness = NewHarness(fixture, Monday);
        harness.RaiseAt(answerAt, CampaignEvents.Replan, before: async () =>
        {
            foreach (var c in scheduled.Skip(1))
            {
                await AnswerAheadAsync(fixture, c.Connection, answerAt);
            }
        });

        var result = await harness.RunAsync(new DripCampaignInput(fixture.CampaignId));

        Assert.Equal(new DripCampaignResult(fixture.CampaignId, "Completed", 1, 5), result);
        Assert.Equal(2, fixture.Sender.Sent.Count);
        Assert.Equal(answerAt + Debounce + Grace, harness.Statuses[^1].At);
        Assert.Equal(CampaignState.Completed, (await fixture.Store.FindCampaignAsync(fixture.CampaignId, CancellationToken.None))!.State);
    }

    [Fact]
    public async Task A_pause_that_arrives_while_replans_are_gathered_is_kept_and_nothing_goes_out_until_resume()
    {
        var fixture = new CampaignFixture("pause-in-replan", 8);
        var scheduled = await fixture.SeedAsync(TwoPerWeekday, Monday, Grace, Monday);
        var answerAt = scheduled[1].PlannedAt + TimeSpan.FromMinutes(1);
        var pauseAt = answerAt + TimeSpan.FromSeconds(5);
        var resumeAt = pauseAt + TimeSpan.FromDays(7);
        var harness = NewHarness(fixture, Monday)
            .RaiseAt(answerAt, CampaignEvents.Replan, before: () => AnswerAheadAsync(fixture, scheduled[2].Connection, answerAt))
            .RaiseAt(pauseAt, CampaignEvents.Pause, "On holiday")
            .RaiseAt(pauseAt + TimeSpan.FromSeconds(1), CampaignEvents.Replan, before: () => AnswerAheadAsync(fixture, scheduled[3].Connection, pauseAt))
            .RaiseAt(resumeAt, CampaignEvents.Resume);

        var result = await harness.RunAsync(new DripCampaignInput(fixture.CampaignId));

        Assert.Equal(new DripCampaignResult(fixture.CampaignId, "Completed", 6, 2), result);
        Assert.Contains(harness.Statuses, s => s.At == pauseAt && s.Status.State == "Paused" && s.Status.Reason == "On holiday");
        var stored = await fixture.StoredAsync();
        Assert.DoesNotContain(stored, c => c.SentAt > answerAt && c.SentAt < resumeAt);

        // Resume re-plans the four left from its own instant; the two answered ahead are skipped.
        var replanned = DripPlanner.Plan(scheduled.Skip(4).Select(c => c.Connection).ToList(), TwoPerWeekday, resumeAt, 4);
        Assert.Equal(replanned.Select(p => p.SendAt), stored.Skip(4).Select(c => c.SentAt!.Value));
    }

    [Fact]
    public async Task A_cadence_change_moves_the_next_send_times_of_a_running_campaign_to_the_new_pace_and_days()
    {
        var fixture = new CampaignFixture("cadence", 12);
        var scheduled = await fixture.SeedAsync(TwoPerWeekday, Monday, Grace, Monday);
        var changeAt = scheduled[1].PlannedAt + TimeSpan.FromHours(1);
        var faster = TwoPerWeekday with { PromptsPerDay = 5, Days = [DayOfWeek.Tuesday, DayOfWeek.Saturday] };
        var harness = NewHarness(fixture, Monday)
            .RaiseAt(changeAt, CampaignEvents.Replan, before: () => SaveCadenceAsync(fixture, faster));

        var result = await harness.RunAsync(new DripCampaignInput(fixture.CampaignId));

        Assert.Equal("Completed", result.FinalState);
        var stored = await fixture.StoredAsync();
        var expected = DripPlanner.Plan(scheduled.Skip(2).Select(c => c.Connection).ToList(), faster, changeAt + Debounce, 2);
        Assert.Equal(expected.Select(p => p.SendAt), stored.Skip(2).Select(c => c.SentAt!.Value));
        Assert.All(stored.Skip(2), c => Assert.Contains(c.SentAt!.Value.DayOfWeek, faster.Days));
        Assert.Equal(5, stored.Skip(2).Count(c => c.SentAt!.Value.Date == stored[2].SentAt!.Value.Date));
    }

    [Fact]
    public async Task A_paused_campaign_keeps_a_new_cadence_for_when_it_resumes()
    {
        var fixture = new CampaignFixture("cadence-paused", 8);
        var scheduled = await fixture.SeedAsync(TwoPerWeekday, Monday, Grace, Monday);
        var pauseAt = scheduled[1].PlannedAt + TimeSpan.FromMinutes(1);
        var changeAt = pauseAt + TimeSpan.FromDays(1);
        var resumeAt = pauseAt + TimeSpan.FromDays(5);
        var faster = TwoPerWeekday with { PromptsPerDay = 4, Days = [DayOfWeek.Wednesday] };
        var harness = NewHarness(fixture, Monday)
            .RaiseAt(pauseAt, CampaignEvents.Pause, "Busy week")
            .RaiseAt(changeAt, CampaignEvents.Replan, before: () => SaveCadenceAsync(fixture, faster))
            .RaiseAt(resumeAt, CampaignEvents.Resume);

        await harness.RunAsync(new DripCampaignInput(fixture.CampaignId));

        Assert.DoesNotContain(harness.ActivityCalls, c => c.Name == CampaignActivityNames.ReplanSchedule && c.At < resumeAt);
        var stored = await fixture.StoredAsync();
        var expected = DripPlanner.Plan(scheduled.Skip(2).Select(c => c.Connection).ToList(), faster, resumeAt, 2);
        Assert.Equal(expected.Select(p => p.SendAt), stored.Skip(2).Select(c => c.SentAt!.Value));
    }

    private static async Task AnswerAheadAsync(CampaignFixture fixture, Core.Connections.Connection connection, DateTimeOffset at)
    {
        await fixture.SaveWarmReplyAsync(connection, at);
        Assert.True(await fixture.Store.TryMarkAnsweredAheadAsync(fixture.CampaignId, connection.Id, CancellationToken.None));
    }

    /// <summary>What <c>CampaignControlEvents.ChangeCadenceAsync</c> stores before it raises Replan.</summary>
    private static async Task SaveCadenceAsync(CampaignFixture fixture, Cadence cadence)
    {
        var campaign = (await fixture.Store.FindCampaignAsync(fixture.CampaignId, CancellationToken.None))!;
        await fixture.Store.SaveCampaignAsync(campaign with { Settings = campaign.Settings with { Cadence = cadence } }, CancellationToken.None);
    }

    private static OrchestrationHarness NewHarness(CampaignFixture fixture, DateTimeOffset now)
    {
        var clock = new FakeTimeProvider(now);
        var services = new ServiceCollection();
        fixture.AddServices(services, clock, pageSize: 3);
        return new OrchestrationHarness(services.BuildServiceProvider(), clock, fixture.CampaignId);
    }
}
