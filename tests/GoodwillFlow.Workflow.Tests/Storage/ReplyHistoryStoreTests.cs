using Azure.Data.Tables;
using GoodwillFlow.Core.Replies;
using GoodwillFlow.Testing.Azurite;
using GoodwillFlow.Workflow.Configuration;
using GoodwillFlow.Workflow.Storage;
using Microsoft.Extensions.Options;

namespace GoodwillFlow.Workflow.Tests.Storage;

/// <summary>Earlier versions of a reply in Table storage: kept per connection, newest first, idempotent, deleted with the campaign.</summary>
[Collection(AzuriteStorageCollection.Name)]
public sealed class ReplyHistoryStoreTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Keeps_each_connections_versions_apart_newest_first_and_deletes_them_with_the_campaign()
    {
        var store = new TableCampaignStore(
            new TableServiceClient(azurite.ConnectionString),
            Options.Create(new StorageOptions { TablePrefix = AzuriteFixture.UniqueName("h") }));
        var campaignId = Guid.NewGuid().ToString("N")[..16];

        // "ab" and "ab-c": one id is the other's prefix, so a careless range query would mix them.
        await store.SaveReplyVersionAsync(Reply(campaignId, "ab", "first", 0), default);
        await store.SaveReplyVersionAsync(Reply(campaignId, "ab", "second", 1), default);
        await store.SaveReplyVersionAsync(Reply(campaignId, "ab", "second", 1), default);
        await store.SaveReplyVersionAsync(Reply(campaignId, "ab-c", "other", 2), default);

        var history = await store.GetReplyHistoryAsync(campaignId, "ab", default);
        Assert.Equal(["second", "first"], history.Select(v => v.Answers.Notes));
        Assert.All(history, v => Assert.Equal("ab", v.ConnectionId));
        Assert.Equal(Start.AddMinutes(1), history[0].ReceivedAt);

        await store.DeleteReplyVersionAsync(history[0], default);
        Assert.Equal(["first"], (await store.GetReplyHistoryAsync(campaignId, "ab", default)).Select(v => v.Answers.Notes));

        await store.DeleteCampaignAsync(campaignId, default);
        Assert.Empty(await store.GetReplyHistoryAsync(campaignId, "ab", default));
        Assert.Empty(await store.GetReplyHistoryAsync(campaignId, "ab-c", default));
    }

    private static RecordedReply Reply(string campaignId, string connectionId, string notes, int minute) =>
        new(campaignId, connectionId, new ReplyAnswers { Notes = notes }, ReplyChannel.ReplyPage, Start.AddMinutes(minute));
}
