using GoodwillFlow.Core.Planning;
using GoodwillFlow.Core.Replies;
using GoodwillFlow.Local.Durability;
using GoodwillFlow.Testing;
using GoodwillFlow.Workflow.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace GoodwillFlow.Cli.Tests.LocalRuntime;

/// <summary>The local runtime's reply journal: durable before the acknowledgement, replayed idempotently, trimmed once settled.</summary>
public sealed class FileReplyJournalTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "goodwill-journal-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly FakeTimeProvider _time = new(Start);

    [Fact]
    public async Task Replays_every_acknowledged_write_into_storage_after_a_crash_in_order_and_twice_is_harmless()
    {
        var first = Reply("c1", "p1", "first", 0);
        var second = Reply("c1", "p1", "second", 1);
        using (var journal = NewJournal())
        {
            await journal.AppendAsync([new(ReplyWriteKind.Answer, first)], default);
            await journal.AppendAsync([new(ReplyWriteKind.EarlierVersion, first), new(ReplyWriteKind.Answer, second)], default);
        }

        // The process died before storage kept anything; a new process replays the journal.
        var store = await StoreWithCampaignsAsync("c1");
        using var restarted = NewJournal();
        Assert.Equal(2, await restarted.ReplayAsync(store, default));
        Assert.Equal(2, await restarted.ReplayAsync(store, default));

        Assert.Equal("second", (await store.FindReplyAsync("c1", "p1", default))!.Answers.Notes);
        Assert.Equal(["first"], (await store.GetReplyHistoryAsync("c1", "p1", default)).Select(v => v.Answers.Notes));
    }

    [Fact]
    public async Task Skips_a_torn_last_line_and_the_replies_of_deleted_campaigns()
    {
        using (var journal = NewJournal())
        {
            await journal.AppendAsync([new(ReplyWriteKind.Answer, Reply("kept", "p1", "kept", 0))], default);
            await journal.AppendAsync([new(ReplyWriteKind.Answer, Reply("deleted", "p1", "gone", 0))], default);
        }

        await File.AppendAllTextAsync(Path.Combine(_folder, FileReplyJournal.RelativePath), "[{\"kind\":\"Answer\",\"reply\":{\"campa");
        var store = await StoreWithCampaignsAsync("kept");
        using var restarted = NewJournal();

        Assert.Equal(1, await restarted.ReplayAsync(store, default));
        Assert.NotNull(await store.FindReplyAsync("kept", "p1", default));
        Assert.Null(await store.FindReplyAsync("deleted", "p1", default));
    }

    [Fact]
    public async Task Keeps_entries_until_storage_has_had_time_to_persist_them()
    {
        using var journal = NewJournal();
        await journal.AppendAsync([new(ReplyWriteKind.Answer, Reply("c1", "p1", "a", 0))], default);
        _time.Advance(journal.SettleTime / 2);
        await journal.AppendAsync([new(ReplyWriteKind.Answer, Reply("c1", "p2", "b", 0))], default);

        Assert.Equal(2, journal.Trim());
        _time.Advance(journal.SettleTime / 2);
        Assert.Equal(1, journal.Trim());
        _time.Advance(journal.SettleTime);
        Assert.Equal(0, journal.Trim());

        var store = await StoreWithCampaignsAsync("c1");
        using var restarted = NewJournal();
        Assert.Equal(0, await restarted.ReplayAsync(store, default));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private FileReplyJournal NewJournal() => new(_folder, _time, NullLogger<FileReplyJournal>.Instance);

    private static async Task<InMemoryCampaignStore> StoreWithCampaignsAsync(params string[] campaignIds)
    {
        var store = new InMemoryCampaignStore();
        foreach (var id in campaignIds)
        {
            await store.SaveCampaignAsync(
                new CampaignRecord(
                    id,
                    new CampaignSettings("owner@example.com", new Cadence { FixedInterval = TimeSpan.FromSeconds(1) }, new OwnerTargets([], []), TimeSpan.FromDays(1), 25),
                    "Connections.csv",
                    [],
                    Start,
                    CampaignState.Running,
                    null),
                default);
        }

        return store;
    }

    private static RecordedReply Reply(string campaignId, string connectionId, string notes, int minute) =>
        new(campaignId, connectionId, new ReplyAnswers { Notes = notes }, ReplyChannel.ReplyPage, Start.AddMinutes(minute));
}
