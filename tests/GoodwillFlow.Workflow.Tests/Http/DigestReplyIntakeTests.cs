using GoodwillFlow.Core.Replies;
using GoodwillFlow.Workflow.Replies;
using static GoodwillFlow.Workflow.Tests.Http.HttpTestHarness;

namespace GoodwillFlow.Workflow.Tests.Http;

public sealed class DigestReplyIntakeTests : IAsyncLifetime, IDisposable
{
    private readonly HttpTestHarness _h = new();

    public Task InitializeAsync() => _h.SeedAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task A_reply_to_a_digest_records_each_answered_person_under_their_own_heading()
    {
        var (ada, mallory) = (_h.TokenFor(Ada), _h.TokenFor(Mallory));
        var reply = $"""
            2. {Mallory.DisplayName}
            1. client

            1. Ada Lovelace
            1. peer
            4. 4

            Thanks!

            On Tue, 3 Mar 2026 at 09:00, GoodwillFlow <prompts@goodwill.example.net> wrote:
            > 1. Ada Lovelace
            > Answer the rest on the reply page:
            > https://goodwill.example.net/api/r/{ada}
            >
            > 2. {Mallory.DisplayName}
            > Answer the rest on the reply page:
            > https://goodwill.example.net/api/r/{mallory}
            """;

        var result = await RecordAsync(ada, reply);

        Assert.Equal(EmailIntakeStatus.Recorded, result.Status);
        var replies = (await _h.Store.GetRepliesAsync(CampaignId, default)).ToDictionary(r => r.ConnectionId);
        Assert.Equal(2, replies.Count);
        Assert.Equal((RelationshipKind.Peer, (int?)4), (replies[Ada.Id].Answers.Relationship, replies[Ada.Id].Answers.Strength));
        Assert.Equal(RelationshipKind.Client, replies[Mallory.Id].Answers.Relationship);
        Assert.Equal(EmailIntakeStatus.AlreadyRecorded, (await RecordAsync(ada, reply)).Status);
    }

    [Fact]
    public async Task A_person_left_out_of_a_digest_reply_stays_open()
    {
        var (ada, mallory) = (_h.TokenFor(Ada), _h.TokenFor(Mallory));
        var reply = $"""
            2. {Mallory.DisplayName}
            skip

            > 1. Ada Lovelace
            > https://goodwill.example.net/api/r/{ada}
            > 2. {Mallory.DisplayName}
            > https://goodwill.example.net/api/r/{mallory}
            """;

        await RecordAsync(ada, reply);

        var recorded = Assert.Single(await _h.Store.GetRepliesAsync(CampaignId, default));
        Assert.Equal(Mallory.Id, recorded.ConnectionId);
        Assert.True(recorded.Answers.Skip);
    }

    private Task<GoodwillFlow.Workflow.Replies.EmailIntakeResult> RecordAsync(string token, string text) =>
        _h.Handler<GoodwillFlow.Workflow.Replies.EmailReplyIntake>().RecordAsync(
            new GoodwillFlow.Workflow.Replies.InboundEmail([$"reply+{token}@in.goodwill.example.net"], [], "owner.person@example.com", "Owner <owner.person@example.com>", text, null),
            _h.Durable,
            default);
}
