using GoodwillFlow.Core.Planning;
using GoodwillFlow.Core.Shortlists;
using GoodwillFlow.Workflow.Email;
using GoodwillFlow.Workflow.Orchestration;
using GoodwillFlow.Workflow.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

// Not ...Tests.Orchestration: that namespace would capture `Orchestration.DripCampaignOrchestrator` in the upload tests.
namespace GoodwillFlow.Workflow.Tests.DripCampaigns;

/// <summary>The drip schedule over weeks of virtual time, through the real activities over in-memory storage.</summary>
public sealed class DripCampaignOrchestratorTests
{
    // Monday 5 January 2026, 08:00 UTC: the first window opens at 09:00.
    private static readonly DateTimeOffset Monday = new(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);

    private static readonly Cadence TwoPerWeekday = new() { TimeZone = "UTC", PromptsPerDay = 2 };

    private static readonly TimeSpan Grace = TimeSpan.FromDays(3);

    [Fact]
    public async Task Sends_one_prompt_per_connection_in_sequence_order_at_the_planned_instants_over_weeks()
    {
        var fixture = new CampaignFixture("weeks", 20);
        var scheduled = await fixture.SeedAsync(TwoPerWeekday, Monday, Grace, Monday);
        var harness = NewHarness(fixture, Monday);

        var result = await harness.RunAsync(new DripCampaignInput(fixture.CampaignId));

        Assert.Equal(new DripCampaignResult(fixture.CampaignId, "Completed", 20, 0), result);
        var prompts = fixture.Sender.Sent.Take(20).ToList();
        for (var i = 0; i < scheduled.Count; i++)
        {
            Assert.Equal(CampaignFixture.OwnerEmail, prompts[i].To);
            Assert.Contains(scheduled[i].Connection.DisplayName, prompts[i].TextBody, StringComparison.Ordinal);
        }

        var stored = await fixture.StoredAsync();
        Assert.All(stored, c => Assert.Equal((PromptSendState.Sent, c.PlannedAt), (c.SendState, c.SentAt!.Value)));
        Assert.True(stored[^1].SentAt - stored[0].SentAt > TimeSpan.FromDays(7), "The campaign should span more than a week.");

        // Page size 3: every generation sends one page and continues as new with the cursor.
        Assert.Equal([0, 3, 6, 9, 12, 15, 18], harness.Generations.Select(g => g.Cursor));
        Assert.Equal(Enumerable.Range(0, 7), harness.Generations.Select(g => g.Generation));

        // The shortlist follows the grace period after the last prompt, and is stored and emailed.
        var awaiting = harness.Statuses.First(s => s.Status.State == "AwaitingReplies");
        Assert.Equal(scheduled[^1].PlannedAt, awaiting.At);
        var done = harness.Statuses[^1];
        Assert.Equal(new CampaignStatus("Completed", 20, 0, 20, null, null), done.Status);
        Assert.Equal(scheduled[^1].PlannedAt + Grace, done.At);
        Assert.Equal(21, fixture.Sender.Sent.Count);
        Assert.NotNull(await fixture.Files.ReadShortlistAsync(fixture.CampaignId, ShortlistFormat.Json, CancellationToken.None));
        Assert.Equal(CampaignState.Completed, (await fixture.Store.FindCampaignAsync(fixture.CampaignId, CancellationToken.None))!.State);
    }

    [Fact]
    public async Task Status_shows_the_next_send_time_and_progress_while_running()
    {
        var fixture = new CampaignFixture("status", 4);
        var scheduled = await fixture.SeedAsync(TwoPerWeekday, Monday, Grace, Monday);
        var harness = NewHarness(fixture, Monday);

        await harness.RunAsync(new DripCampaignInput(fixture.CampaignId));

        var running = harness.Statuses.Where(s => s.Status.State == "Running").Select(s => s.Status).Distinct().ToList();
        Assert.Equal(
            scheduled.Select(c => new CampaignStatus("Running", c.Sequence, 0, 4, c.PlannedAt, null)),
            running);
    }

    [Fact]
    public async Task Pause_holds_prompts_until_resume_then_replans_the_rest_from_the_resume_instant()
    {
        var fixture = new CampaignFixture("pause", 8);
        var scheduled = await fixture.SeedAsync(TwoPerWeekday, Monday, Grace, Monday);
        var pauseAt = scheduled[2].PlannedAt - TimeSpan.FromMinutes(1);
        var resumeAt = pauseAt + TimeSpan.FromDays(10);
        var harness = NewHarness(fixture, Monday)
            .RaiseAt(pauseAt, CampaignEvents.Pause, "On holiday")
            .RaiseAt(resumeAt, CampaignEvents.Resume);

        var result = await harness.RunAsync(new DripCampaignInput(fixture.CampaignId));

        Assert.Equal("Completed", result.FinalState);
        Assert.Contains(harness.Statuses, s => s.At == pauseAt && s.Status == new CampaignStatus("Paused", 2, 0, 8, null, "On holiday"));
        var stored = await fixture.StoredAsync();
        Assert.DoesNotContain(stored, c => c.SentAt > pauseAt && c.SentAt < resumeAt);

        // The six remaining prompts follow the cadence from the resume instant instead of arriving all at once.
        var replanned = DripPlanner.Plan(scheduled.Skip(2).Select(c => c.Connection).ToList(), TwoPerWeekday, resumeAt, 2);
        Assert.Equal(replanned.Select(p => p.SendAt), stored.Skip(2).Select(c => c.SentAt!.Value));
        Assert.Equal(9, fixture.Sender.Sent.Count);
    }

    [Fact]
    public async Task Stop_compiles_the_shortlist_from_the_replies_so_far_and_sends_nothing_more()
    {
        var fixture = new CampaignFixture("stop", 8);
        var scheduled = await fixture.SeedAsync(TwoPerWeekday, Monday, Grace, Monday);
        var replyAt = scheduled[1].PlannedAt + TimeSpan.FromHours(1);
        var stopAt = scheduled[3].PlannedAt + TimeSpan.FromHours(1);
        var harness = NewHarness(fixture, Monday)
            .RaiseAt(replyAt, CampaignEvents.ReplyRecorded, scheduled[0].Connection.Id, () => fixture.SaveWarmReplyAsync(scheduled[0].Connection, replyAt))
            .RaiseAt(stopAt, CampaignEvents.Stop);

        var result = await harness.RunAsync(new DripCampaignInput(fixture.CampaignId));

        Assert.Equal(new DripCampaignResult(fixture.CampaignId, "Stopped", 4, 1), result);
        Assert.Contains(harness.Statuses, s => s.At == replyAt && s.Status.Replied == 1 && s.Status.Sent == 2);
        Assert.Equal(new CampaignStatus("Stopped", 4, 1, 8, null, "Stopped by the owner."), harness.LastStatus);
        Assert.Equal(stopAt, harness.Statuses[^1].At);
        Assert.Equal(5, fixture.Sender.Sent.Count);
        var json = System.Text.Encoding.UTF8.GetString((await fixture.Files.ReadShortlistAsync(fixture.CampaignId, ShortlistFormat.Json, CancellationToken.None))!);
        Assert.Contains(scheduled[0].Connection.FirstName, json, StringComparison.Ordinal);
        var campaign = await fixture.Store.FindCampaignAsync(fixture.CampaignId, CancellationToken.None);
        Assert.Equal(CampaignState.Stopped, campaign!.State);
    }

    [Fact]
    public async Task Permanent_email_failure_pauses_the_campaign_with_the_providers_reason_without_retrying()
    {
        const string reason = "SendGrid rejected the API key (401). Check Email:SendGridApiKey.";
        var fixture = new CampaignFixture("permanent", 8);
        var scheduled = await fixture.SeedAsync(TwoPerWeekday, Monday, Grace, Monday);
        var fixedByOwner = false;
        var refusals = 0;
        fixture.Sender.Respond = _ =>
        {
            if (fixedByOwner || fixture.Sender.Sent.Count < 2)
            {
                return new EmailSendResult(EmailSendStatus.Sent);
            }

            refusals++;
            return new EmailSendResult(EmailSendStatus.PermanentFailure, FailureReason: reason);
        };
        CampaignRecord? whilePaused = null;
        var resumeAt = scheduled[2].PlannedAt + TimeSpan.FromDays(2);
        var harness = NewHarness(fixture, Monday)
            .RaiseAt(resumeAt, CampaignEvents.Resume, before: async () =>
            {
                whilePaused = await fixture.Store.FindCampaignAsync(fixture.CampaignId, CancellationToken.None);
                fixedByOwner = true;
            });

        var result = await harness.RunAsync(new DripCampaignInput(fixture.CampaignId));

        Assert.Equal(1, refusals);
        Assert.Contains(harness.Statuses, s => s.At == scheduled[2].PlannedAt && s.Status == new CampaignStatus("Paused", 2, 0, 8, null, reason));
        Assert.Equal((CampaignState.Paused, reason), (whilePaused!.State, whilePaused.StateReason));
        Assert.Equal(new DripCampaignResult(fixture.CampaignId, "Completed", 8, 0), result);
        Assert.All(await fixture.StoredAsync(), c => Assert.Equal(PromptSendState.Sent, c.SendState));
        Assert.Equal(9, fixture.Sender.Sent.Count);
    }

    [Fact]
    public async Task Transient_email_failures_are_retried_and_the_prompt_goes_out_once()
    {
        var fixture = new CampaignFixture("transient", 4);
        await fixture.SeedAsync(TwoPerWeekday, Monday, Grace, Monday);
        var failures = 0;
        fixture.Sender.Respond = _ => fixture.Sender.Sent.Count == 1 && failures++ < 2
            ? new EmailSendResult(failures == 1 ? EmailSendStatus.Throttled : EmailSendStatus.TransientFailure, RetryAfter: TimeSpan.FromSeconds(1))
            : new EmailSendResult(EmailSendStatus.Sent);
        var harness = NewHarness(fixture, Monday, sendAttempts: 3);

        var result = await harness.RunAsync(new DripCampaignInput(fixture.CampaignId));

        Assert.Equal(new DripCampaignResult(fixture.CampaignId, "Completed", 4, 0), result);
        Assert.Equal([1, 2, 3], harness.ActivityCalls.Where(c => c.Name == CampaignActivityNames.SendPrompt).Select(c => c.Attempt).Skip(1).Take(3));
        var prompts = fixture.Sender.Sent.Take(4).ToList();
        Assert.Equal(4, prompts.Select(p => p.TextBody).Distinct().Count());
        Assert.All(await fixture.StoredAsync(), c => Assert.Equal(PromptSendState.Sent, c.SendState));
    }

    [Fact]
    public async Task Exhausted_retries_pause_the_campaign_instead_of_failing_it()
    {
        var fixture = new CampaignFixture("exhausted", 3);
        var scheduled = await fixture.SeedAsync(TwoPerWeekday, Monday, Grace, Monday);
        var down = true;
        fixture.Sender.Respond = _ => down && fixture.Sender.Sent.Count == 1
            ? new EmailSendResult(EmailSendStatus.TransientFailure)
            : new EmailSendResult(EmailSendStatus.Sent);
        var harness = NewHarness(fixture, Monday, sendAttempts: 2)
            .RaiseAt(scheduled[1].PlannedAt + TimeSpan.FromDays(1), CampaignEvents.Resume, before: () =>
            {
                down = false;
                return Task.CompletedTask;
            });

        var result = await harness.RunAsync(new DripCampaignInput(fixture.CampaignId));

        var paused = harness.Statuses.First(s => s.Status.State == "Paused").Status;
        Assert.Equal(1, paused.Sent);
        Assert.Contains("could not be sent after 2 attempts", paused.Reason, StringComparison.Ordinal);
        Assert.Equal(new DripCampaignResult(fixture.CampaignId, "Completed", 3, 0), result);
    }

    [Fact]
    public async Task Overdue_prompts_after_a_restart_are_replanned_from_now_instead_of_sent_in_a_burst()
    {
        var fixture = new CampaignFixture("overdue", 8);
        var scheduled = await fixture.SeedAsync(TwoPerWeekday, Monday, Grace, Monday);

        // The host was down from Monday morning to Thursday noon: six prompts are overdue.
        var thursdayNoon = Monday.AddDays(3).AddHours(4);
        var harness = NewHarness(fixture, thursdayNoon);

        var result = await harness.RunAsync(new DripCampaignInput(fixture.CampaignId));

        Assert.Equal("Completed", result.FinalState);
        var sentAt = (await fixture.StoredAsync()).Select(c => c.SentAt!.Value).ToList();
        var expected = DripPlanner.Plan(scheduled.Select(c => c.Connection).ToList(), TwoPerWeekday, thursdayNoon);
        Assert.Equal(expected.Select(p => p.SendAt), sentAt);
        Assert.Equal(sentAt.Count, sentAt.Distinct().Count());
        Assert.Contains(harness.ActivityCalls, c => c.Name == CampaignActivityNames.ReplanSchedule);
    }

    [Fact]
    public async Task Connections_added_during_the_grace_period_are_prompted_before_the_shortlist()
    {
        var fixture = new CampaignFixture("added", 5);
        var scheduled = await fixture.SeedAsync(TwoPerWeekday, Monday, Grace, Monday);
        var newer = new CampaignFixture("added-newer", 2);
        var addedAt = scheduled[^1].PlannedAt + TimeSpan.FromDays(1);
        var harness = NewHarness(fixture, Monday)
            .RaiseAt(addedAt, CampaignEvents.ConnectionsAdded, 2, () =>
            {
                var plan = DripPlanner.Plan(newer.Connections, TwoPerWeekday, addedAt, 5);
                return fixture.Store.AddConnectionsAsync(
                    fixture.CampaignId,
                    plan.Select(p => new CampaignConnection(newer.Connections.Single(c => c.Id == p.ConnectionId), p.Sequence, p.SendAt)).ToList(),
                    CancellationToken.None);
            });

        var result = await harness.RunAsync(new DripCampaignInput(fixture.CampaignId));

        Assert.Equal(new DripCampaignResult(fixture.CampaignId, "Completed", 7, 0), result);
        Assert.Equal(8, fixture.Sender.Sent.Count);
        Assert.Equal(new CampaignStatus("Completed", 7, 0, 7, null, null), harness.LastStatus);
        var lastSent = (await fixture.StoredAsync()).Max(c => c.SentAt!.Value);
        Assert.Equal(lastSent + Grace, harness.Statuses[^1].At);
    }

    [Fact]
    public async Task A_prompt_already_marked_sent_is_never_sent_again()
    {
        var fixture = new CampaignFixture("already", 4);
        var scheduled = await fixture.SeedAsync(TwoPerWeekday, Monday, Grace, Monday);
        await fixture.Store.MarkSentAsync(fixture.CampaignId, scheduled[1].Connection.Id, Monday, CancellationToken.None);
        var harness = NewHarness(fixture, Monday);

        var result = await harness.RunAsync(new DripCampaignInput(fixture.CampaignId));

        Assert.Equal(new DripCampaignResult(fixture.CampaignId, "Completed", 4, 0), result);
        Assert.Equal(4, fixture.Sender.Sent.Count);
        Assert.DoesNotContain(fixture.Sender.Sent, m => m.TextBody.Contains(scheduled[1].Connection.DisplayName, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Prompts_already_due_are_sent_without_waiting_on_a_timer()
    {
        var fixture = new CampaignFixture("due", 7);
        var everySecond = new Cadence { TimeZone = "UTC", FixedInterval = TimeSpan.FromSeconds(1) };
        var scheduled = await fixture.SeedAsync(everySecond, Monday - TimeSpan.FromMinutes(1), Grace, Monday);
        var harness = NewHarness(fixture, Monday);

        var result = await harness.RunAsync(new DripCampaignInput(fixture.CampaignId));

        Assert.Equal(new DripCampaignResult(fixture.CampaignId, "Completed", 7, 0), result);
        Assert.Equal(scheduled.Select(c => c.Connection.DisplayName), fixture.Sender.Sent.Take(7).Select(m => NameIn(m.TextBody, scheduled)));

        // Every prompt was due on arrival: the only timer is the grace period's.
        Assert.Equal([Monday + Grace], harness.Timers);
    }

    [Fact]
    public async Task A_drip_that_catches_up_with_rows_still_being_stored_waits_for_them_instead_of_finishing()
    {
        var fixture = new CampaignFixture("importing", 8);
        var scheduled = await fixture.SeedAsync(TwoPerWeekday, Monday, Grace, Monday, storedRows: 4);
        var harness = NewHarness(fixture, Monday);
        harness.RaiseAt(scheduled[3].PlannedAt + TimeSpan.FromSeconds(5), CampaignEvents.Resume, before: async () =>
        {
            await fixture.Store.AddConnectionsAsync(fixture.CampaignId, scheduled.Skip(4).ToList(), CancellationToken.None);
            await fixture.Store.CompleteImportAsync(fixture.CampaignId, CancellationToken.None);
        });

        var result = await harness.RunAsync(new DripCampaignInput(fixture.CampaignId), maxGenerations: 500);

        Assert.Equal(new DripCampaignResult(fixture.CampaignId, "Completed", 8, 0), result);
        Assert.Equal(scheduled.Select(c => c.Connection.DisplayName), fixture.Sender.Sent.Take(8).Select(m => NameIn(m.TextBody, scheduled)));
        Assert.Equal(new CampaignProgress(8, 8, 0), await fixture.Store.GetProgressAsync(fixture.CampaignId, CancellationToken.None));

        // The prompts read "n of 8" from the start, though only half of the rows were stored then.
        Assert.All(harness.Statuses.Where(s => s.Status.State == "Running"), s => Assert.Equal(8, s.Status.Total));
    }

    [Fact]
    public async Task Prompts_sent_back_to_back_load_the_next_page_while_the_last_prompts_of_a_page_go_out()
    {
        var fixture = new CampaignFixture("due", 10);
        var scheduled = await fixture.SeedAsync(new Cadence { TimeZone = "UTC", FixedInterval = TimeSpan.FromSeconds(1) }, Monday, Grace, Monday);

        // Every prompt is due at once (planned seconds ago, well within the catch-up tolerance): they go out back to back.
        var harness = NewHarness(fixture, scheduled[^1].PlannedAt + TimeSpan.FromSeconds(1), pageSize: 6);

        var result = await harness.RunAsync(new DripCampaignInput(fixture.CampaignId));

        Assert.Equal(new DripCampaignResult(fixture.CampaignId, "Completed", 10, 0), result);
        Assert.Equal(scheduled.Select(c => c.Connection.DisplayName), fixture.Sender.Sent.Take(10).Select(m => NameIn(m.TextBody, scheduled)));
        Assert.Equal([0, 6], harness.Generations.Select(g => g.Cursor));
        Assert.Equal(Enumerable.Range(6, 4), harness.Generations[1].Next!.Page.Select(p => p.Sequence));

        // The second page was asked for while the first still had prompts to send, not only with its last one.
        var calls = harness.ActivityCalls.Select(c => c.Name).ToList();
        var secondLoad = calls.IndexOf(CampaignActivityNames.LoadGeneration, 1);
        var sendsBefore = calls.Take(secondLoad).Count(n => n == CampaignActivityNames.SendPrompt);
        Assert.InRange(sendsBefore, 1, 4);
        Assert.Equal(2, calls.Count(n => n == CampaignActivityNames.LoadGeneration));
    }

    [Fact]
    public async Task A_page_planned_ahead_is_loaded_with_its_last_prompt_and_never_earlier()
    {
        var fixture = new CampaignFixture("ahead", 8);
        var scheduled = await fixture.SeedAsync(TwoPerWeekday, Monday, Grace, Monday);
        var harness = NewHarness(fixture, Monday);

        await harness.RunAsync(new DripCampaignInput(fixture.CampaignId));

        // Page size 3: the pages from prompts 3 and 6 are loaded at the instants of prompts 2 and 5, the last of theirs.
        var loads = harness.ActivityCalls.Where(c => c.Name == CampaignActivityNames.LoadGeneration).Skip(1).Select(c => c.At);
        Assert.Equal([scheduled[2].PlannedAt, scheduled[5].PlannedAt], loads);
        Assert.Equal(8, fixture.Sender.Sent.Count(m => scheduled.Any(c => m.TextBody.Contains(c.Connection.DisplayName, StringComparison.Ordinal))));
    }

    private static string NameIn(string body, IReadOnlyList<CampaignConnection> scheduled) =>
        scheduled.Select(c => c.Connection.DisplayName).Single(name => body.Contains(name, StringComparison.Ordinal));

    private static OrchestrationHarness NewHarness(CampaignFixture fixture, DateTimeOffset now, int sendAttempts = 3, int pageSize = 3)
    {
        var clock = new FakeTimeProvider(now);
        var services = new ServiceCollection();
        fixture.AddServices(services, clock, pageSize: pageSize, sendAttempts: sendAttempts);
        return new OrchestrationHarness(services.BuildServiceProvider(), clock, fixture.CampaignId);
    }
}
