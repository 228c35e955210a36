using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using GoodwillFlow.Core.Connections;
using GoodwillFlow.Core.Replies;
using GoodwillFlow.Testing.Azurite;
using GoodwillFlow.Workflow.Configuration;
using GoodwillFlow.Workflow.Storage;
using GoodwillFlow.Workflow.WorkAhead;
using Microsoft.Extensions.Options;

namespace GoodwillFlow.Workflow.Tests.Storage;

/// <summary>The answered-ahead mark on Azurite: a conditional update that excludes the drip's send claim, counted exactly once.</summary>
[Collection(AzuriteStorageCollection.Name)]
public sealed class AnsweredAheadStoreTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly RequestCounter _requests = new();

    [Fact]
    public async Task Of_a_send_claim_and_an_answer_ahead_racing_for_one_prompt_exactly_one_wins_and_the_counts_match_a_recount()
    {
        var (store, campaignId) = await SeedAsync(40);

        var races = await Task.WhenAll(Enumerable.Range(0, 40).Select(async i =>
        {
            var id = Id(i);
            var claim = Task.Run(() => store.TryClaimSendAsync(campaignId, id, CancellationToken.None));
            var mark = Task.Run(() => store.TryMarkAnsweredAheadAsync(campaignId, id, CancellationToken.None));
            var (claimed, marked) = (await claim, await mark);
            if (claimed)
            {
                await store.MarkSentAsync(campaignId, id, Start, CancellationToken.None);
            }

            return (Claimed: claimed, Marked: marked);
        }));

        Assert.All(races, r => Assert.True(r.Claimed ^ r.Marked, "Exactly one of the claim and the mark must win."));
        var progress = await store.GetProgressAsync(campaignId, CancellationToken.None);
        Assert.Equal((40, races.Count(r => r.Claimed), races.Count(r => r.Marked)), (progress.Total, progress.Sent, progress.AnsweredAhead));
        Assert.Equal(0, progress.Remaining);
        Assert.Equal(progress, await store.RecountProgressAsync(campaignId, CancellationToken.None));
        var stored = await store.GetConnectionsAsync(campaignId, CancellationToken.None);
        Assert.Equal(races.Select(r => r.Claimed ? PromptSendState.Sent : PromptSendState.AnsweredAhead), stored.Select(c => c.SendState));
    }

    [Fact]
    public async Task Only_a_pending_prompt_is_marked_answered_ahead_and_a_repeated_mark_counts_once()
    {
        var (store, campaignId) = await SeedAsync(5);
        await store.TryClaimSendAsync(campaignId, Id(0), CancellationToken.None);
        await store.TryClaimSendAsync(campaignId, Id(1), CancellationToken.None);
        await store.MarkSentAsync(campaignId, Id(1), Start, CancellationToken.None);

        Assert.False(await store.TryMarkAnsweredAheadAsync(campaignId, Id(0), CancellationToken.None));
        Assert.False(await store.TryMarkAnsweredAheadAsync(campaignId, Id(1), CancellationToken.None));
        Assert.True(await store.TryMarkAnsweredAheadAsync(campaignId, Id(2), CancellationToken.None));
        Assert.False(await store.TryMarkAnsweredAheadAsync(campaignId, Id(2), CancellationToken.None));
        Assert.False(await store.TryMarkAnsweredAheadAsync(campaignId, "0000000000000999", CancellationToken.None));

        // The drip can neither claim nor release an answered-ahead prompt.
        Assert.False(await store.TryClaimSendAsync(campaignId, Id(2), CancellationToken.None));
        await store.ReleaseClaimAsync(campaignId, Id(2), CancellationToken.None);
        Assert.Equal(PromptSendState.AnsweredAhead, (await store.FindConnectionAsync(campaignId, Id(2), CancellationToken.None))!.SendState);

        var progress = await store.GetProgressAsync(campaignId, CancellationToken.None);
        Assert.Equal(new CampaignProgress(5, 1, 0, AnsweredAhead: 1), progress);
        Assert.Equal(3, progress.Remaining);
        Assert.Equal(progress, await store.RecountProgressAsync(campaignId, CancellationToken.None));
    }

    [Fact]
    public async Task Work_ahead_lists_the_next_open_prompts_from_the_drips_cursor_without_reading_replies_one_by_one()
    {
        var (store, campaignId) = await SeedAsync(120, sent: 80);
        foreach (var i in new[] { 80, 81, 83 })
        {
            Assert.True(await store.TryMarkAnsweredAheadAsync(campaignId, Id(i), CancellationToken.None));
        }

        // A reply saved before its prompt was marked (a crash in between): the reply mark on the row still says "answered".
        await store.SaveReplyAsync(new RecordedReply(campaignId, Id(84), new ReplyAnswers { Skip = true }, ReplyChannel.ReplyPage, Start), CancellationToken.None);
        await store.TryClaimSendAsync(campaignId, Id(85), CancellationToken.None);
        var service = new WorkAheadService(store);

        _requests.Reset();
        var next = await service.NextAsync(campaignId, 5, CancellationToken.None);

        Assert.Equal([82, 86, 87, 88, 89], next.Select(p => p.Sequence));
        Assert.Equal(Id(82), next[0].ConnectionId);
        Assert.Equal("First82 Last82", next[0].DisplayName);

        // One counters read, one schedule range query and a point read for each of the 16 rows after the cursor it looked
        // at (5 wanted, 3 answered ahead, 8 spare): not the 80 sent before it, and no reply reads.
        Assert.Equal(18, _requests.Count);
        Assert.Empty(await service.NextAsync(campaignId, 0, CancellationToken.None));
        Assert.Equal(Enumerable.Range(86, 34), (await service.NextAsync(campaignId, 500, CancellationToken.None)).Skip(1).Select(p => p.Sequence));
    }

    private async Task<(TableCampaignStore Store, string CampaignId)> SeedAsync(int count, int sent = 0)
    {
        var options = new TableClientOptions();
        options.AddPolicy(_requests, HttpPipelinePosition.PerCall);
        var service = new TableServiceClient(azurite.ConnectionString, options);
        var store = new TableCampaignStore(service, Options.Create(new StorageOptions { TablePrefix = AzuriteFixture.UniqueName("t") }));
        var campaignId = Guid.NewGuid().ToString("N")[..16];
        await store.AddConnectionsAsync(
            campaignId,
            Enumerable.Range(0, count).Select(i => new CampaignConnection(
                new Connection(Id(i), $"First{i}", $"Last{i}", $"https://www.linkedin.com/in/person-{i}", null, "Contoso", "Engineer", null),
                i,
                Start.AddMinutes(i),
                i < sent ? PromptSendState.Sent : PromptSendState.Pending,
                i < sent ? Start.AddMinutes(i) : null)).ToList(),
            CancellationToken.None);

        // As an upload does: the counters exist before the drip starts (counting the rows stored as sent), so every mark
        // below is counted as it happens.
        await store.GetProgressAsync(campaignId, CancellationToken.None);
        return (store, campaignId);
    }

    private static string Id(int sequence) => $"{sequence:x16}";

    private sealed class RequestCounter : HttpPipelineSynchronousPolicy
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public void Reset() => Interlocked.Exchange(ref _count, 0);

        public override void OnSendingRequest(HttpMessage message) => Interlocked.Increment(ref _count);
    }
}
