using System.Collections.Concurrent;
using System.Globalization;
using Azure.Data.Tables;
using GoodwillFlow.Core.Planning;
using GoodwillFlow.Core.Replies;
using GoodwillFlow.Testing.Azurite;
using GoodwillFlow.Workflow.Configuration;
using GoodwillFlow.Workflow.Http;
using GoodwillFlow.Workflow.Orchestration;
using GoodwillFlow.Workflow.Storage;
using GoodwillFlow.Workflow.Tests.DripCampaigns;
using GoodwillFlow.Workflow.Tests.Storage;
using GoodwillFlow.Workflow.WorkAhead;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace GoodwillFlow.Workflow.Tests.WorkAhead;

/// <summary>
/// The owner working ahead while the drip sends the same prompts: the real Durable Task engine (in-process sidecar) over
/// Table storage on Azurite, the answers through <see cref="ReplyRecorder"/> (the code the reply page's POST and Inbound
/// Parse run).
/// </summary>
[Collection(AzuriteStorageCollection.Name)]
public sealed class WorkAheadRaceEngineTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private const int People = 24;
    private const int Answers = 20;

    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(3);

    // The first 10 prompts are already due when the campaign starts, so the drip sends them back to back (zero cadence)
    // while the answers for the next 20 arrive; the other 14 are 3 s apart, so the original plan ends 42 s after the start.
    // Without the re-plan the last prompts keep those slots; closed up, the 3 left after the answers follow them at once.
    private static readonly TimeSpan Overdue = TimeSpan.FromSeconds(27);

    private static readonly ReplyAnswers Answer = new() { Relationship = RelationshipKind.Peer, HowWeKnow = "Same team", Strength = 4 };

    [Fact]
    public async Task Twenty_answers_ahead_racing_the_drip_are_each_recorded_once_emailed_at_most_once_and_the_campaign_finishes_sooner()
    {
        var fixture = new CampaignFixture("race", People);
        var store = new TableCampaignStore(
            new TableServiceClient(azurite.ConnectionString),
            Options.Create(new StorageOptions { TablePrefix = AzuriteFixture.UniqueName("race") }));
        var replans = new ConcurrentBag<DateTimeOffset>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var ct = timeout.Token;


        await using var host = await DurableTaskTestHost.StartAsync(
            registry => registry.AddGoodwillTasks(),
            new DurableTaskTestHostOptions
            {
                ConfigureServices = services =>
                {
                    fixture.AddServices(services, TimeProvider.System, pageSize: 10);
                    services.AddSingleton<ICampaignStore>(store);
                    services.PostConfigure<DripCampaignOptions>(o => o.ReplanDebounce = TimeSpan.FromSeconds(1));
                    services.AddSingleton<ILoggerProvider>(new EventCounter(3142, replans));
                },
            });
        var began = DateTimeOffset.UtcNow;
        var start = began - Overdue;
        var cadence = new Cadence { FixedInterval = Interval };
        var plan = DripPlanner.Plan(fixture.Connections, cadence, start);
        await store.SaveCampaignAsync(
            new CampaignRecord(fixture.CampaignId, new CampaignSettings(CampaignFixture.OwnerEmail, cadence, OwnerTargets.None, TimeSpan.FromSeconds(1), 50), "Connections.csv", ["0000"], start, CampaignState.Running, null),
            ct);
        await store.BeginImportAsync(fixture.CampaignId, People, ct);
        await store.AddConnectionsAsync(
            fixture.CampaignId, plan.Select(p => new CampaignConnection(fixture.Connections.Single(c => c.Id == p.ConnectionId), p.Sequence, p.SendAt)).ToList(), ct);
        await store.CompleteImportAsync(fixture.CampaignId, ct);
        var originalFinish = plan[^1].SendAt;
        var id = fixture.CampaignId;
        var recorder = new ReplyRecorder(store, TimeProvider.System, NullLogger<ReplyRecorder>.Instance);

        await host.Client.ScheduleNewOrchestrationInstanceAsync(DripCampaignOrchestrator.Name, new DripCampaignInput(id), new StartOrchestrationOptions(id), ct);
        await WaitForFirstSendAsync(host.Client, id, ct);
        var firstSent = DateTimeOffset.UtcNow;

        // What the owner page does: list the next prompts not yet sent, then answer them (here all at once).
        var ahead = await new WorkAheadService(store).NextAsync(id, Answers, ct);
        Assert.Equal(Answers, ahead.Count);
        await Task.WhenAll(ahead.Select(p => Task.Run(() => recorder.RecordAsync(id, p.ConnectionId, Answer, ReplyChannel.ReplyPage, host.Client, ct), ct)));
        var answered = DateTimeOffset.UtcNow;
        var done = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, ct);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        var stored = await store.GetConnectionsAsync(id, ct);
        var answeredAhead = stored.Where(c => c.SendState == PromptSendState.AnsweredAhead).ToList();
        // A prompt's subject ends with its person's name ("Goodwill 3 of 30: Person2 Tester2"); the shortlist's does not.
        var emailsPerPerson = fixture.Connections.ToDictionary(
            c => c.Id, c => fixture.Sender.Sent.Count(m => m.Subject.EndsWith(": " + c.DisplayName, StringComparison.Ordinal)));
        var prompts = emailsPerPerson.Values.Sum();

        // Every prompt answered once, emailed at most once; an answered-ahead prompt never emailed.
        Assert.All(ahead, p => Assert.NotNull(store.FindReplyAsync(id, p.ConnectionId, ct).Result));
        Assert.Equal(Answers, (await store.GetRepliesAsync(id, ct)).Count);
        Assert.All(stored, c => Assert.True(c.IsDone, $"Prompt {c.Sequence} ended {c.SendState}."));
        Assert.All(emailsPerPerson.Values, n => Assert.InRange(n, 0, 1));
        Assert.All(answeredAhead, c => Assert.Equal(0, emailsPerPerson[c.Connection.Id]));
        Assert.Equal(People - answeredAhead.Count, prompts);
        Assert.Equal(prompts + 1, fixture.Sender.Sent.Count);

        // The kept counters equal a recount, and the orchestration counted the same sends.
        var progress = await store.GetProgressAsync(id, ct);
        Assert.Equal(progress, await store.RecountProgressAsync(id, ct));
        Assert.Equal(new CampaignProgress(People, People - answeredAhead.Count, Answers, AnsweredAhead: answeredAhead.Count), progress);
        Assert.Equal(progress.Sent, done.ReadOutputAs<DripCampaignResult>()!.Sent);

        // The burst re-planned once or a few times, and the schedule closed up: the last prompts left their original slots
        // for earlier ones, and the campaign's last prompt went out before the original plan's.
        var sentRows = stored.Where(c => c.SendState == PromptSendState.Sent).ToList();
        var plannedFinish = sentRows.Max(c => c.PlannedAt);
        var lastSent = sentRows.Max(c => c.SentAt!.Value);
        double Secs(DateTimeOffset at) => (at - began).TotalSeconds;
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"answered ahead {answeredAhead.Count} of {Answers} (the drip won {Answers - answeredAhead.Count}); prompts emailed {prompts}; first prompt seen at {Secs(firstSent):F1} s; answers done at {Secs(answered):F1} s; re-plans {replans.Count} at {string.Join(", ", replans.Order().Select(r => Secs(r).ToString("F1", CultureInfo.InvariantCulture)))} s; planned finish {Secs(plannedFinish):F1} s (original {Secs(originalFinish):F1} s); last prompt sent {Secs(lastSent):F1} s"));
        Assert.InRange(replans.Count, 1, 4);
        Assert.True(answeredAhead.Count >= Answers / 2, $"Only {answeredAhead.Count} answers were ahead of the drip.");
        Assert.True(plannedFinish < originalFinish - Interval, $"Planned finish {Secs(plannedFinish):F1} s, original {Secs(originalFinish):F1} s.");
        Assert.True(lastSent < originalFinish, $"Last prompt sent {Secs(lastSent):F1} s, original plan {Secs(originalFinish):F1} s.");
    }

    private static async Task WaitForFirstSendAsync(DurableTaskClient client, string instanceId, CancellationToken cancellationToken)
    {
        while (true)
        {
            var instance = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken);
            if (instance?.ReadCustomStatusAs<CampaignStatus>() is { Sent: >= 1 })
            {
                return;
            }

            Assert.NotEqual(OrchestrationRuntimeStatus.Failed, instance?.RuntimeStatus);
            await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken);
        }
    }

    /// <summary>Counts log events with one id (here: the re-plan activity's).</summary>
    private sealed class EventCounter(int eventId, ConcurrentBag<DateTimeOffset> seen) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Counter(eventId, seen);

        public void Dispose()
        {
        }

        private sealed class Counter(int eventId, ConcurrentBag<DateTimeOffset> seen) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId id, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (id.Id == eventId)
                {
                    seen.Add(DateTimeOffset.UtcNow);
                }
            }
        }
    }
}
