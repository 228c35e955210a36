using GoodwillFlow.Core.Planning;
using GoodwillFlow.Core.Replies;
using GoodwillFlow.Workflow.Http;
using GoodwillFlow.Workflow.Orchestration;
using GoodwillFlow.Workflow.Storage;
using GoodwillFlow.Workflow.Tests.DripCampaigns;
using GoodwillFlow.Workflow.Tests.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace GoodwillFlow.Workflow.Tests.WorkAhead;

/// <summary>What an answer ahead of the drip does to storage and to the orchestration, and what the digest leaves out.</summary>
public sealed class WorkAheadRecordingTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    private static readonly ReplyAnswers Answers = new() { Relationship = RelationshipKind.Peer, HowWeKnow = "Same team in 2021", Strength = 4 };

    [Fact]
    public async Task An_answer_to_a_prompt_not_yet_sent_marks_it_answered_ahead_and_asks_the_drip_to_replan()
    {
        var (fixture, recorder, durable) = await SeedAsync("ahead");
        var connection = fixture.Connections[2];

        await recorder.RecordAsync(fixture.CampaignId, connection.Id, Answers, ReplyChannel.ReplyPage, durable, CancellationToken.None);

        Assert.Equal(PromptSendState.AnsweredAhead, (await fixture.Store.FindConnectionAsync(fixture.CampaignId, connection.Id, CancellationToken.None))!.SendState);
        Assert.Equal(
            [(fixture.CampaignId, CampaignEvents.ReplyRecorded, (object?)connection.Id), (fixture.CampaignId, CampaignEvents.Replan, null)],
            durable.RaisedEvents.ToArray());
        Assert.Equal(new CampaignProgress(3, 0, 1, AnsweredAhead: 1), await fixture.Store.GetProgressAsync(fixture.CampaignId, CancellationToken.None));
    }

    [Fact]
    public async Task An_answer_to_a_prompt_already_sent_or_going_out_is_an_ordinary_reply_and_a_replayed_form_replans_nothing()
    {
        var (fixture, recorder, durable) = await SeedAsync("ordinary");
        var (sent, claimed, ahead) = (fixture.Connections[0], fixture.Connections[1], fixture.Connections[2]);
        await fixture.Store.TryClaimSendAsync(fixture.CampaignId, sent.Id, CancellationToken.None);
        await fixture.Store.MarkSentAsync(fixture.CampaignId, sent.Id, Now, CancellationToken.None);
        await fixture.Store.TryClaimSendAsync(fixture.CampaignId, claimed.Id, CancellationToken.None);

        await recorder.RecordAsync(fixture.CampaignId, sent.Id, Answers, ReplyChannel.Email, durable, CancellationToken.None);
        await recorder.RecordAsync(fixture.CampaignId, claimed.Id, Answers, ReplyChannel.ReplyPage, durable, CancellationToken.None);
        await recorder.RecordAsync(fixture.CampaignId, ahead.Id, Answers, ReplyChannel.ReplyPage, durable, CancellationToken.None);
        await recorder.RecordAsync(fixture.CampaignId, ahead.Id, Answers, ReplyChannel.ReplyPage, durable, CancellationToken.None);

        var stored = await fixture.StoredAsync();
        Assert.Equal([PromptSendState.Sent, PromptSendState.Claimed, PromptSendState.AnsweredAhead], stored.Select(c => c.SendState));
        Assert.Equal(1, durable.RaisedEvents.Count(e => e.EventName == CampaignEvents.Replan));
        Assert.Equal(3, durable.RaisedEvents.Count(e => e.EventName == CampaignEvents.ReplyRecorded));
        var progress = await fixture.Store.GetProgressAsync(fixture.CampaignId, CancellationToken.None);
        Assert.Equal(new CampaignProgress(3, 1, 3, AnsweredAhead: 1), progress);
        Assert.Equal(progress, await fixture.Store.RecountProgressAsync(fixture.CampaignId, CancellationToken.None));
    }

    [Fact]
    public async Task A_digest_leaves_out_the_prompts_answered_ahead()
    {
        var (fixture, recorder, durable) = await SeedAsync("digest");
        await recorder.RecordAsync(fixture.CampaignId, fixture.Connections[1].Id, Answers, ReplyChannel.ReplyPage, durable, CancellationToken.None);
        var services = new ServiceCollection();
        fixture.AddServices(services, new FakeTimeProvider(Now));
        await using var provider = services.BuildServiceProvider();

        var result = await provider.GetRequiredService<SendDigestActivity>().RunAsync(
            new SendDigestInput(fixture.CampaignId, [.. fixture.Connections.Select((c, i) => new DigestPrompt(c.Id, i))], 3),
            CancellationToken.None);

        Assert.Equal((2, SendPromptOutcome.Sent), (result.Sent, result.Outcome));
        var digest = Assert.Single(fixture.Sender.Sent);
        Assert.Contains(fixture.Connections[0].DisplayName, digest.TextBody, StringComparison.Ordinal);
        Assert.Contains(fixture.Connections[2].DisplayName, digest.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.Connections[1].DisplayName, digest.TextBody, StringComparison.Ordinal);
        Assert.Equal(new CampaignProgress(3, 2, 1, AnsweredAhead: 1), await fixture.Store.GetProgressAsync(fixture.CampaignId, CancellationToken.None));
    }

    private static async Task<(CampaignFixture Fixture, ReplyRecorder Recorder, FakeDurableTaskClient Durable)> SeedAsync(string name)
    {
        var fixture = new CampaignFixture(name, 3);
        await fixture.SeedAsync(new Cadence { FixedInterval = TimeSpan.FromHours(1) }, Now, TimeSpan.FromHours(6), Now);
        await fixture.Store.GetProgressAsync(fixture.CampaignId, CancellationToken.None);
        var durable = new FakeDurableTaskClient();
        durable.SetInstance(fixture.CampaignId, OrchestrationRuntimeStatus.Running);
        return (fixture, new ReplyRecorder(fixture.Store, new FakeTimeProvider(Now), NullLogger<ReplyRecorder>.Instance), durable);
    }
}
