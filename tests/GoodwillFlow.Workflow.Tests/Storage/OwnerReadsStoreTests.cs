using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using GoodwillFlow.Core.Connections;
using GoodwillFlow.Core.Evidence;
using GoodwillFlow.Core.Planning;
using GoodwillFlow.Core.Replies;
using GoodwillFlow.Testing.Azurite;
using GoodwillFlow.Workflow.Configuration;
using GoodwillFlow.Workflow.Orchestration;
using GoodwillFlow.Workflow.Shortlists;
using GoodwillFlow.Workflow.Storage;
using GoodwillFlow.Workflow.Tests.DripCampaigns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Extensions.Options;

namespace GoodwillFlow.Workflow.Tests.Storage;

/// <summary>
/// The owner page's and the re-plan's reads on Azurite: they read the rows they need (the replied ones, the open prompts
/// after the cursor) as key ranges, never every connection, and give what reading every connection gave.
/// </summary>
[Collection(AzuriteStorageCollection.Name)]
public sealed class OwnerReadsStoreTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private static readonly ConnectionEvidence Warm = new(
        null,
        [new RecommendationEvidence(EvidenceDirection.ToOwner, new DateOnly(2021, 3, 15), "Led our payments rewrite.", EvidenceMatch.ProfileUrl)],
        null,
        null);

    private readonly RequestLog _requests = new();

    [Fact]
    public async Task The_page_reads_replies_and_their_connections_once_as_two_key_ranges_and_compiles_the_same_shortlist()
    {
        var (store, _, campaignId) = await SeedAsync(400);
        var repliedTo = Enumerable.Range(0, 400).Where(i => i % 13 == 0).ToList();
        foreach (var i in repliedTo)
        {
            await store.SaveReplyAsync(Warmly(campaignId, i, Start.AddHours(i)), CancellationToken.None);
        }

        // A reply edited later is counted once and its connection is still listed once.
        await store.SaveReplyAsync(Warmly(campaignId, 13, Start.AddDays(30)), CancellationToken.None);
        var campaign = Campaign(campaignId);

        _requests.Reset();
        var read = await CampaignShortlist.ReadRepliesAsync(store, campaignId, CancellationToken.None);
        var shortlist = CampaignShortlist.Compile(campaign, read, Start.AddDays(40));

        Assert.Equal(2, _requests.Count);
        Assert.All(_requests.Queries.Where(q => q.Contains("Connections", StringComparison.Ordinal)), q =>
        {
            Assert.Contains("RowKey ge", q, StringComparison.Ordinal);
            Assert.Contains("RowKey lt", q, StringComparison.Ordinal);
        });
        Assert.Equal(repliedTo.Select(Id), read.Connections.Select(c => c.Connection.Id));
        Assert.Equal(repliedTo.Count, read.Replies.Count);

        // What reading every connection row gives: the same people, the same shortlist.
        var all = await store.GetConnectionsAsync(campaignId, CancellationToken.None);
        var expected = CampaignShortlist.Compile(campaign, read with { Connections = all.Where(c => c.Replied).ToList() }, Start.AddDays(40));
        Assert.Equal(expected.Entries.Select(e => (e.Connection.Id, e.Score, e.Rank, string.Join("|", e.Reasons))), shortlist.Entries.Select(e => (e.Connection.Id, e.Score, e.Rank, string.Join("|", e.Reasons))));
        Assert.Equal(all.Where(c => c.Replied).Select(c => c.Connection), read.Connections.Select(c => c.Connection));
    }

    [Fact]
    public async Task A_replied_connection_carries_the_evidence_of_the_newest_archive_after_an_upload_changes_it()
    {
        var (store, _, campaignId) = await SeedAsync(20);
        foreach (var i in new[] { 2, 5, 7 })
        {
            await store.SaveReplyAsync(Warmly(campaignId, i, Start), CancellationToken.None);
        }

        // A newer archive adds evidence for 2 and 9 (9 replies afterwards) and drops it for 5.
        await store.UpdateEvidenceAsync(campaignId, [Id(2), Id(5), Id(9)], new Dictionary<string, ConnectionEvidence> { [Id(2)] = Warm, [Id(9)] = Warm }, CancellationToken.None);
        await store.SaveReplyAsync(Warmly(campaignId, 9, Start), CancellationToken.None);

        var replied = await store.GetRepliedConnectionsAsync(campaignId, CancellationToken.None);
        var rows = (await store.GetConnectionsAsync(campaignId, CancellationToken.None)).ToDictionary(c => c.Connection.Id);
        Assert.Equal([Id(2), Id(5), Id(7), Id(9)], replied.Select(c => c.Connection.Id));
        Assert.All(replied, c => Assert.Equal(
            EvidenceColumn.Serialize(rows[c.Connection.Id].Evidence), EvidenceColumn.Serialize(c.Evidence)));
        Assert.Equal([true, false, false, true], replied.Select(c => c.Evidence is not null));
    }

    [Fact]
    public async Task Replies_counted_before_replied_rows_were_copied_are_found_after_one_recount()
    {
        var (store, table, campaignId) = await SeedAsync(30);
        foreach (var i in new[] { 3, 4, 20 })
        {
            await store.SaveReplyAsync(Warmly(campaignId, i, Start.AddMinutes(i)), CancellationToken.None);
        }

        // As stored by the code before copies: the rows are marked, the copies are not there.
        foreach (var i in new[] { 3, 20 })
        {
            await table.DeleteEntityAsync(campaignId, TableEntityMapping.RepliedCopyPrefix + Id(i));
        }

        var read = await CampaignShortlist.ReadRepliesAsync(store, campaignId, CancellationToken.None);

        Assert.Equal([Id(3), Id(4), Id(20)], read.Connections.Select(c => c.Connection.Id));
        Assert.Equal(3, (await store.GetRepliedConnectionsAsync(campaignId, CancellationToken.None)).Count);
        Assert.Equal(3, (await store.GetProgressAsync(campaignId, CancellationToken.None)).Replied);
    }

    [Fact]
    public async Task The_open_prompts_after_the_cursor_are_one_read_of_the_schedule_and_skip_the_sent_and_answered_ahead()
    {
        var (store, _, campaignId) = await SeedAsync(300, sent: 100);
        foreach (var i in new[] { 100, 101, 105 })
        {
            Assert.True(await store.TryMarkAnsweredAheadAsync(campaignId, Id(i), CancellationToken.None));
        }

        // Sent past the cursor (a digest, or a send whose result the orchestration has not seen yet), and one only claimed.
        Assert.NotNull(await store.ClaimSendAsync(campaignId, Id(103), CancellationToken.None));
        await store.MarkSentAsync(campaignId, Id(103), Start, CancellationToken.None);
        Assert.True(await store.TryClaimSendAsync(campaignId, Id(104), CancellationToken.None));

        _requests.Reset();
        var open = await store.GetOpenScheduleAsync(campaignId, 100, CancellationToken.None);

        Assert.Equal(1, _requests.Count);
        Assert.Equal([102, 104, .. Enumerable.Range(106, 194)], open.Select(s => s.Sequence));
        Assert.Equal(ScheduleSlot.OpenFrom(await store.GetConnectionsAsync(campaignId, CancellationToken.None), 100), open);
    }

    [Fact]
    public async Task A_schedule_stored_before_done_marks_is_read_from_the_connection_rows_instead()
    {
        var (store, table, campaignId) = await SeedAsync(40, sent: 10);
        Assert.True(await store.TryMarkAnsweredAheadAsync(campaignId, Id(12), CancellationToken.None));

        await store.TryClaimSendAsync(campaignId, Id(11), CancellationToken.None);
        await store.MarkSentAsync(campaignId, Id(11), Start, CancellationToken.None);

        // The index row as the code before wrote it: no done mark.
        await table.UpsertEntityAsync(
            new TableEntity(campaignId, TableEntityMapping.ScheduleRowKey(11)) { ["ConnectionId"] = Id(11), ["Sequence"] = 11 }, TableUpdateMode.Replace);

        var open = await store.GetOpenScheduleAsync(campaignId, 10, CancellationToken.None);

        Assert.Equal([10, .. Enumerable.Range(13, 27)], open.Select(s => s.Sequence));
    }

    [Fact]
    public async Task Replanning_from_the_cursor_reads_no_row_before_it_and_plans_the_times_reading_every_row_planned()
    {
        var (store, _, campaignId) = await SeedAsync(600, sent: 500);
        foreach (var i in new[] { 500, 502 })
        {
            Assert.True(await store.TryMarkAnsweredAheadAsync(campaignId, Id(i), CancellationToken.None));
        }

        var campaign = Campaign(campaignId);
        await store.SaveCampaignAsync(campaign, CancellationToken.None);
        var notBefore = Start.AddDays(3);

        // What re-planning from every row gave: the unsent rows from the cursor, at the campaign's pace for its size.
        var all = await store.GetConnectionsAsync(campaignId, CancellationToken.None);
        var rest = all.Where(c => c.Sequence >= 500 && !c.IsDone).ToList();
        var cadence = campaign.Settings.Cadence with { StartDate = null, PromptsPerDay = DripPlanner.DailyPace(campaign.Settings.Cadence, all.Count), TargetWeeks = null };
        var expected = DripPlanner.Plan(rest.Select(c => c.Connection).ToList(), cadence, notBefore, rest[0].Sequence);

        _requests.Reset();
        var result = await new ReplanScheduleActivity(store, NullLogger<ReplanScheduleActivity>.Instance)
            .RunAsync(new ReplanInput(campaignId, 500, notBefore), CancellationToken.None);

        // The campaign, the counters, one range of 100 index rows, one transaction of 98 new times.
        Assert.Equal(4, _requests.Count);
        Assert.Equal(new ReplanResult(98, expected[0].SendAt), result);
        var after = (await store.GetConnectionsAsync(campaignId, CancellationToken.None)).ToDictionary(c => c.Connection.Id);
        Assert.Equal(expected.Select(p => (p.ConnectionId, p.SendAt)), expected.Select(p => (p.ConnectionId, after[p.ConnectionId].PlannedAt)));
        Assert.Equal(all.Where(c => c.Sequence < 500 || c.IsDone).Select(c => c.PlannedAt), all.Where(c => c.Sequence < 500 || c.IsDone).Select(c => after[c.Connection.Id].PlannedAt));

        // A retry plans the same times again.
        Assert.Equal(result, await new ReplanScheduleActivity(store, NullLogger<ReplanScheduleActivity>.Instance)
            .RunAsync(new ReplanInput(campaignId, 500, notBefore), CancellationToken.None));
    }

    [Fact]
    public async Task Replanning_ignores_connections_that_are_not_stored_and_still_writes_the_others()
    {
        var (store, _, campaignId) = await SeedAsync(5);
        var at = Start.AddDays(2);

        await store.ReplanAsync(campaignId, [(Id(1), at), ("00000000000fffff", at), ("not a row key", at), (Id(3), at.AddHours(1))], CancellationToken.None);

        var stored = await store.GetConnectionsAsync(campaignId, CancellationToken.None);
        Assert.Equal([Start, at, Start.AddMinutes(2), at.AddHours(1), Start.AddMinutes(4)], stored.Select(c => c.PlannedAt));
        Assert.Null(await store.FindConnectionAsync(campaignId, "00000000000fffff", CancellationToken.None));
    }

    [Fact]
    public async Task A_prompt_is_claimed_composed_sent_and_marked_in_six_storage_requests_and_only_once()
    {
        var (store, _, campaignId) = await SeedAsync(3);
        var fixture = new CampaignFixture("sendreads", 0);
        var services = new ServiceCollection();
        fixture.AddServices(services, new FakeTimeProvider(Start));
        services.AddSingleton<ICampaignStore>(store);
        await using var provider = services.BuildServiceProvider();
        await store.SaveCampaignAsync(Campaign(campaignId) with { Settings = Campaign(campaignId).Settings with { OwnerEmail = CampaignFixture.OwnerEmail } }, CancellationToken.None);
        var activity = provider.GetRequiredService<SendPromptActivity>();

        _requests.Reset();
        var result = await activity.RunAsync(new SendPromptInput(campaignId, Id(1), 1, 3), CancellationToken.None);

        // The claim (a read that returns the row, and its conditional update), the campaign read beside it, and the sent
        // mark (the row and the counters read, one transaction): the connection is not read again to compose the email.
        Assert.Equal(6, _requests.Count);
        Assert.Equal(new SendPromptResult(SendPromptOutcome.Sent, Start), result);
        var message = Assert.Single(fixture.Sender.Sent);
        Assert.Equal(CampaignFixture.OwnerEmail, message.To);
        Assert.Contains("First1 Last1", message.TextBody, StringComparison.Ordinal);
        Assert.Equal(SendPromptOutcome.AlreadySent, (await activity.RunAsync(new SendPromptInput(campaignId, Id(1), 1, 3), CancellationToken.None)).Outcome);
        Assert.Single(fixture.Sender.Sent);
        Assert.Equal((1, PromptSendState.Sent), ((await store.GetProgressAsync(campaignId, CancellationToken.None)).Sent, (await store.FindConnectionAsync(campaignId, Id(1), CancellationToken.None))!.SendState));
        Assert.Equal([0, 2], (await store.GetOpenScheduleAsync(campaignId, 0, CancellationToken.None)).Select(s => s.Sequence));
    }

    private static RecordedReply Warmly(string campaignId, int i, DateTimeOffset at) => new(
        campaignId,
        Id(i),
        new ReplyAnswers { Relationship = RelationshipKind.Boss, HowWeKnow = $"Project {i}", Strength = 1 + (i % 5), CouldHelp = HelpKind.Refer },
        ReplyChannel.ReplyPage,
        at);

    private static CampaignRecord Campaign(string id) => new(
        id,
        new CampaignSettings(
            "owner@example.com",
            new Cadence { TimeZone = "Europe/London", PromptsPerDay = 3, Days = [DayOfWeek.Monday, DayOfWeek.Thursday], TargetWeeks = 20 },
            new OwnerTargets(["Contoso"], ["engineer"]),
            TimeSpan.FromDays(3),
            25),
        "Connections.csv",
        ["aa11"],
        Start,
        CampaignState.Running,
        null);

    private async Task<(TableCampaignStore Store, TableClient Connections, string CampaignId)> SeedAsync(int count, int sent = 0)
    {
        var options = new TableClientOptions();
        options.AddPolicy(_requests, HttpPipelinePosition.PerCall);
        var service = new TableServiceClient(azurite.ConnectionString, options);
        var prefix = AzuriteFixture.UniqueName("t");
        var store = new TableCampaignStore(service, Options.Create(new StorageOptions { TablePrefix = prefix }));
        var campaignId = Guid.NewGuid().ToString("N")[..16];
        await store.AddConnectionsAsync(
            campaignId,
            Enumerable.Range(0, count).Select(i => new CampaignConnection(
                new Connection(Id(i), $"First{i}", $"Last{i}", $"https://www.linkedin.com/in/person-{i}", null, i % 3 == 0 ? "Contoso" : "Fabrikam", "Engineer", new DateOnly(2019, 1, 1).AddDays(i)),
                i,
                Start.AddMinutes(i),
                i < sent ? PromptSendState.Sent : PromptSendState.Pending,
                i < sent ? Start.AddMinutes(i) : null)).ToList(),
            CancellationToken.None);

        // As an upload does: the counters exist before the drip starts.
        await store.GetProgressAsync(campaignId, CancellationToken.None);
        return (store, new TableServiceClient(azurite.ConnectionString).GetTableClient(prefix + "Connections"), campaignId);
    }

    private static string Id(int sequence) => $"{sequence:x16}";

    /// <summary>Counts the requests sent, and keeps the query of each table query.</summary>
    private sealed class RequestLog : HttpPipelineSynchronousPolicy
    {
        private readonly ConcurrentQueue<string> _queries = new();
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public IReadOnlyList<string> Queries => [.. _queries];

        public void Reset()
        {
            Interlocked.Exchange(ref _count, 0);
            _queries.Clear();
        }

        public override void OnSendingRequest(HttpMessage message)
        {
            Interlocked.Increment(ref _count);
            if (message.Request.Method == RequestMethod.Get && message.Request.Uri.ToUri() is { Query.Length: > 0 } uri)
            {
                _queries.Enqueue(Uri.UnescapeDataString(uri.AbsolutePath + uri.Query));
            }
        }
    }
}
