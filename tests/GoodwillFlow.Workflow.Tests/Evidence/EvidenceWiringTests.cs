using GoodwillFlow.Core.Connections;
using GoodwillFlow.Core.Evidence;
using GoodwillFlow.Core.Planning;
using GoodwillFlow.Core.Replies;
using GoodwillFlow.Workflow.Http;
using GoodwillFlow.Workflow.Orchestration;
using GoodwillFlow.Workflow.Shortlists;
using GoodwillFlow.Workflow.Storage;
using GoodwillFlow.Workflow.Tests.DripCampaigns;
using GoodwillFlow.Workflow.Tests.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace GoodwillFlow.Workflow.Tests.Evidence;

/// <summary>The stored evidence reaches the prompt email, the digest, the reply page and the shortlist.</summary>
public sealed class EvidenceWiringTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 20, 10, 0, 0, TimeSpan.Zero);

    private static readonly ConnectionEvidence Strong = new(
        new MessageEvidence(14, 8, 6, new DateOnly(2019, 5, 2), new DateOnly(2026, 3, 11), true, 0, EvidenceMatch.ProfileUrl),
        [new RecommendationEvidence(EvidenceDirection.ToOwner, new DateOnly(2021, 3, 15), "Calm and kind.", EvidenceMatch.ProfileUrl)],
        null,
        null);

    [Fact]
    public async Task The_prompt_email_and_the_digest_show_the_stored_evidence()
    {
        var (fixture, services) = await SeedAsync("prompt");
        var person = fixture.Connections[0];

        await services.GetRequiredService<SendPromptActivity>().RunAsync(new SendPromptInput(fixture.CampaignId, person.Id, 0, 3), default);
        await services.GetRequiredService<SendDigestActivity>().RunAsync(
            new SendDigestInput(fixture.CampaignId, [new DigestPrompt(fixture.Connections[1].Id, 1), new DigestPrompt(fixture.Connections[2].Id, 2)], 3), default);

        var sent = fixture.Sender.Sent.ToArray();
        var prompt = sent[0];
        Assert.Contains("You exchanged 14 messages, the last in March 2026 (they wrote last)", prompt.TextBody, StringComparison.Ordinal);
        Assert.Contains("They recommended you in 2021: “Calm and kind.”", prompt.HtmlBody, StringComparison.Ordinal);
        var digest = sent[1];
        Assert.Contains("You exchanged 14 messages", digest.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("They recommended you", digest.TextBody, StringComparison.Ordinal);
        Assert.Equal(1, digest.TextBody.Split("From your LinkedIn archive:").Length - 1);
    }

    [Fact]
    public async Task The_reply_page_shows_the_evidence_pre_selects_a_strong_tie_and_records_nothing()
    {
        using var h = new HttpTestHarness();
        await h.SeedAsync();
        var ada = await h.Store.FindConnectionAsync(HttpTestHarness.CampaignId, HttpTestHarness.Ada.Id, default);
        await h.Store.UpdateEvidenceAsync(HttpTestHarness.CampaignId, [ada!.Connection.Id], new Dictionary<string, ConnectionEvidence> { [ada.Connection.Id] = Strong }, default);
        h.Clock.SetUtcNow(Now);
        var token = h.TokenFor(HttpTestHarness.Ada);

        var context = h.Get($"/api/r/{token}", "?choice=peer");
        var response = await HttpTestHarness.ExecuteAsync(await h.Handler<ReplyPageHandler>().GetAsync(context.Request, token, default), context);

        Assert.Contains("You exchanged 14 messages, the last in March 2026 (they wrote last)", response.Body, StringComparison.Ordinal);
        Assert.Contains("id=\"strength-4\" value=\"4\" checked", response.Body, StringComparison.Ordinal);
        Assert.Contains("id=\"relationship-peer\" value=\"peer\" checked", response.Body, StringComparison.Ordinal);
        Assert.Empty(await h.Store.GetRepliesAsync(HttpTestHarness.CampaignId, default));
    }

    [Fact]
    public async Task The_shortlist_cites_a_recommendation_and_ranks_its_giver_first()
    {
        var (fixture, _) = await SeedAsync("shortlist");
        var answers = new ReplyAnswers { Relationship = RelationshipKind.Peer, Strength = 4, TheirPerception = 4, YourPerception = 4, CouldHelp = HelpKind.Advise };
        foreach (var person in fixture.Connections)
        {
            await fixture.Store.SaveReplyAsync(new RecordedReply(fixture.CampaignId, person.Id, answers, ReplyChannel.ReplyPage, Now), default);
        }

        var campaign = await fixture.Store.FindCampaignAsync(fixture.CampaignId, default);
        var shortlist = await CampaignShortlist.CompileAsync(fixture.Store, campaign!, Now, default);

        Assert.Equal(fixture.Connections[0].Id, shortlist.Entries[0].Connection.Id);
        Assert.Contains("Recommended you in 2021", shortlist.Entries[0].Why);
        Assert.Contains("You exchanged 14 messages, last in 2026", shortlist.Entries[0].Why);
        Assert.All(shortlist.Entries.Skip(1), e => Assert.DoesNotContain(e.Why, w => w.Contains("Recommended", StringComparison.Ordinal)));
    }

    /// <summary>Three people; the first has strong evidence stored on their row.</summary>
    private static async Task<(CampaignFixture Fixture, ServiceProvider Services)> SeedAsync(string name)
    {
        var fixture = new CampaignFixture(name, 3);
        await fixture.SeedAsync(new Cadence { FixedInterval = TimeSpan.FromHours(1) }, Now, TimeSpan.FromHours(6), Now);
        await fixture.Store.UpdateEvidenceAsync(
            fixture.CampaignId, [fixture.Connections[0].Id, fixture.Connections[2].Id],
            new Dictionary<string, ConnectionEvidence> { [fixture.Connections[0].Id] = Strong, [fixture.Connections[2].Id] = Strong with { Recommendations = [] } },
            default);
        var services = new ServiceCollection();
        fixture.AddServices(services, new FakeTimeProvider(Now), pageSize: 2, tokenLifetime: TimeSpan.FromDays(30));
        return (fixture, services.BuildServiceProvider());
    }
}
