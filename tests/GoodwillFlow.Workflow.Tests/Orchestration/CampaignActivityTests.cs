using GoodwillFlow.Core.Planning;
using GoodwillFlow.Core.Shortlists;
using GoodwillFlow.Core.Tokens;
using GoodwillFlow.Workflow.Email;
using GoodwillFlow.Workflow.Orchestration;
using GoodwillFlow.Workflow.Replies;
using GoodwillFlow.Workflow.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

// Not ...Tests.Orchestration: that namespace would capture `Orchestration.DripCampaignOrchestrator` in the upload tests.
namespace GoodwillFlow.Workflow.Tests.DripCampaigns;

/// <summary>The activities on their own: what reaches the owner's inbox and what is left in storage.</summary>
public sealed class CampaignActivityTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Prompt_email_carries_a_signed_reply_link_and_reply_to_address_for_that_connection()
    {
        var (fixture, services) = await SeedAsync("links");
        var connection = fixture.Connections[1];

        var result = await services.GetRequiredService<SendPromptActivity>()
            .RunAsync(new SendPromptInput(fixture.CampaignId, connection.Id, 1, 3), CancellationToken.None);

        Assert.Equal(new SendPromptResult(SendPromptOutcome.Sent, Now), result);
        var message = Assert.Single(fixture.Sender.Sent);
        Assert.Equal(CampaignFixture.OwnerEmail, message.To);
        Assert.StartsWith("reply+", message.ReplyTo, StringComparison.Ordinal);
        Assert.EndsWith("@inbound.example.test", message.ReplyTo, StringComparison.Ordinal);
        var replyTo = message.ReplyTo!;
        var token = replyTo["reply+".Length..replyTo.IndexOf('@', StringComparison.Ordinal)];
        Assert.Contains($"https://goodwill.example.test/api/r/{token}", message.HtmlBody, StringComparison.Ordinal);
        var check = services.GetRequiredService<ReplyLinks>().Verify(token);
        Assert.Equal(new ReplyTokenCheck(ReplyTokenStatus.Valid, new ReplyToken(fixture.CampaignId, connection.Id, Now + TimeSpan.FromDays(30))), check);
        var stored = await fixture.Store.FindConnectionAsync(fixture.CampaignId, connection.Id, CancellationToken.None);
        Assert.Equal((PromptSendState.Sent, Now), (stored!.SendState, stored.SentAt));
    }

    [Fact]
    public async Task Throttled_send_frees_the_claim_for_the_retry_and_a_sent_prompt_is_never_sent_again()
    {
        var (fixture, services) = await SeedAsync("throttled");
        var activity = services.GetRequiredService<SendPromptActivity>();
        var input = new SendPromptInput(fixture.CampaignId, fixture.Connections[0].Id, 0, 3);
        fixture.Sender.Respond = _ => new EmailSendResult(EmailSendStatus.Throttled, RetryAfter: TimeSpan.FromSeconds(30));

        var deferred = await Assert.ThrowsAsync<EmailSendDeferredException>(() => activity.RunAsync(input, CancellationToken.None));
        Assert.Equal((EmailSendStatus.Throttled, TimeSpan.FromSeconds(30)), (deferred.Status, deferred.RetryAfter));
        var afterThrottle = await fixture.Store.FindConnectionAsync(fixture.CampaignId, input.ConnectionId, CancellationToken.None);
        Assert.Equal(PromptSendState.Pending, afterThrottle!.SendState);

        fixture.Sender.Respond = _ => new EmailSendResult(EmailSendStatus.Sent);
        Assert.Equal(SendPromptOutcome.Sent, (await activity.RunAsync(input, CancellationToken.None)).Outcome);
        Assert.Equal(SendPromptOutcome.AlreadySent, (await activity.RunAsync(input, CancellationToken.None)).Outcome);
        Assert.Single(fixture.Sender.Sent);
    }

    [Fact]
    public async Task Shortlist_is_stored_even_when_the_provider_refuses_to_email_it_and_the_reason_is_kept()
    {
        var (fixture, services) = await SeedAsync("shortlist");
        await fixture.SaveWarmReplyAsync(fixture.Connections[2], Now);
        fixture.Sender.Respond = _ => new EmailSendResult(EmailSendStatus.PermanentFailure, FailureReason: "The sender address is not verified.");

        var result = await services.GetRequiredService<CompileShortlistActivity>()
            .RunAsync(new CompileShortlistInput(fixture.CampaignId), CancellationToken.None);

        Assert.Equal((1, 1, false), (result.Entries, result.RepliesConsidered, result.Emailed));
        Assert.Contains("The sender address is not verified.", result.EmailFailureReason, StringComparison.Ordinal);
        foreach (var format in Enum.GetValues<ShortlistFormat>())
        {
            Assert.NotNull(await fixture.Files.ReadShortlistAsync(fixture.CampaignId, format, CancellationToken.None));
        }
    }

    [Fact]
    public async Task The_shortlist_is_emailed_once_when_its_activity_runs_again_after_the_send()
    {
        var (fixture, services) = await SeedAsync("shortlist-once");
        await fixture.SaveWarmReplyAsync(fixture.Connections[2], Now);
        var activity = services.GetRequiredService<CompileShortlistActivity>();

        var first = await activity.RunAsync(new CompileShortlistInput(fixture.CampaignId), CancellationToken.None);
        var again = await activity.RunAsync(new CompileShortlistInput(fixture.CampaignId), CancellationToken.None);

        Assert.True(first.Emailed);
        Assert.True(again.Emailed);
        Assert.Single(fixture.Sender.Sent);
        Assert.Equal(PromptSendState.Sent, await fixture.Store.GetShortlistSendStateAsync(fixture.CampaignId, CancellationToken.None));
    }

    [Fact]
    public async Task A_throttled_shortlist_email_frees_its_claim_and_the_retry_sends_it_once()
    {
        var (fixture, services) = await SeedAsync("shortlist-throttled");
        var activity = services.GetRequiredService<CompileShortlistActivity>();
        fixture.Sender.Respond = _ => new EmailSendResult(EmailSendStatus.Throttled, RetryAfter: TimeSpan.FromSeconds(5));

        await Assert.ThrowsAsync<EmailSendDeferredException>(() => activity.RunAsync(new CompileShortlistInput(fixture.CampaignId), CancellationToken.None));
        Assert.Equal(PromptSendState.Pending, await fixture.Store.GetShortlistSendStateAsync(fixture.CampaignId, CancellationToken.None));

        fixture.Sender.Respond = _ => new EmailSendResult(EmailSendStatus.Sent);
        Assert.True((await activity.RunAsync(new CompileShortlistInput(fixture.CampaignId), CancellationToken.None)).Emailed);
        Assert.Single(fixture.Sender.Sent);
    }

    [Theory]
    [InlineData(false, 0)]
    [InlineData(true, 1)]
    public async Task A_shortlist_email_left_mid_send_by_a_crash_is_sent_again_only_by_a_transport_that_delivers_it_once(bool deduplicates, int expectedSends)
    {
        var (fixture, services) = await SeedAsync("shortlist-crash-" + deduplicates);
        var time = services.GetRequiredService<TimeProvider>();

        // The crashed attempt: claimed, then the host died before the provider's answer was marked.
        Assert.True(await fixture.Store.TryClaimShortlistSendAsync(fixture.CampaignId, CancellationToken.None));
        var sender = new TransportThatMayDeduplicate(fixture.Sender, deduplicates);
        var activity = new CompileShortlistActivity(
            fixture.Store, fixture.Files, sender, services.GetRequiredService<ReplyLinks>(), time, Microsoft.Extensions.Logging.Abstractions.NullLogger<CompileShortlistActivity>.Instance);

        var result = await activity.RunAsync(new CompileShortlistInput(fixture.CampaignId), CancellationToken.None);

        Assert.Equal(expectedSends, fixture.Sender.Sent.Count);
        Assert.Equal(deduplicates, result.Emailed);
        if (!deduplicates)
        {
            Assert.Contains("interrupted", result.EmailFailureReason, StringComparison.Ordinal);
        }
    }

    private sealed class TransportThatMayDeduplicate(IEmailSender inner, bool deduplicates) : IEmailSender
    {
        public bool ResendsAreDeduplicated => deduplicates;

        public Task<EmailSendResult> SendAsync(Core.Email.EmailMessage message, CancellationToken cancellationToken) => inner.SendAsync(message, cancellationToken);
    }

    [Fact]
    public async Task Generation_page_holds_only_ids_and_times_from_the_cursor_and_says_when_it_is_the_last()
    {
        var (fixture, services) = await SeedAsync("page");
        var activity = services.GetRequiredService<LoadCampaignGenerationActivity>();

        var first = await activity.RunAsync(new LoadGenerationInput(fixture.CampaignId, 0), CancellationToken.None);
        var last = await activity.RunAsync(new LoadGenerationInput(fixture.CampaignId, 2), CancellationToken.None);

        Assert.Equal([0, 1], first.Page.Select(p => p.Sequence));
        Assert.False(first.IsLastPage);
        Assert.Equal(fixture.Connections[2].Id, Assert.Single(last.Page).ConnectionId);
        Assert.True(last.IsLastPage);
        Assert.Equal((3, 0, 0, TimeSpan.FromHours(6)), (first.Total, first.Sent, first.Replied, first.GracePeriod));
    }

    private static async Task<(CampaignFixture Fixture, ServiceProvider Services)> SeedAsync(string name)
    {
        var fixture = new CampaignFixture(name, 3);
        await fixture.SeedAsync(new Cadence { FixedInterval = TimeSpan.FromHours(1) }, Now, TimeSpan.FromHours(6), Now);
        var services = new ServiceCollection();
        fixture.AddServices(services, new FakeTimeProvider(Now), pageSize: 2, tokenLifetime: TimeSpan.FromDays(30));
        return (fixture, services.BuildServiceProvider());
    }
}
