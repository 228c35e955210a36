using System.Collections.Concurrent;
using GoodwillFlow.Core.Planning;
using GoodwillFlow.Workflow.Configuration;
using GoodwillFlow.Workflow.Email;
using GoodwillFlow.Workflow.Orchestration;
using GoodwillFlow.Workflow.Tests.Email;
using GoodwillFlow.Workflow.Storage;
using GoodwillFlow.Workflow.Tests.DripCampaigns;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace GoodwillFlow.Workflow.Tests.Faults;

/// <summary>
/// A campaign on the real Durable Task engine sending through the real SendGrid sender to a fake SendGrid API on
/// 127.0.0.1 that throttles, fails and refuses: retries wait as long as SendGrid asked, no prompt is sent twice, and a
/// refusal pauses the campaign with a reason the owner can act on.
/// </summary>
public sealed class SendGridFaultTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly ConcurrentQueue<(DateTimeOffset At, int Status)> _answers = new();
    private FakeSendGridApi _api = null!;

    public async Task InitializeAsync() => _api = await FakeSendGridApi.StartAsync();

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task A_429_with_a_reset_time_is_retried_no_sooner_than_the_reset_and_sends_each_prompt_once()
    {
        // The backoff is 50 ms; SendGrid says its limit resets in 3 seconds.
        var throttled = 0;
        _api.Respond = context =>
        {
            if (Interlocked.Increment(ref throttled) == 1)
            {
                var reset = DateTimeOffset.UtcNow.AddSeconds(3).ToUnixTimeSeconds();
                return Answer(context, 429, new() { ["X-RateLimit-Reset"] = $"{reset}", ["X-RateLimit-Remaining"] = "0" });
            }

            return Answer(context, 202, new() { ["X-Message-Id"] = $"id-{throttled}" });
        };

        var (fixture, status) = await RunCampaignAsync("sg-429", 2, s => s.State == "Completed");

        Assert.Equal(2, status.Sent);
        var answers = _answers.ToArray();
        Assert.Equal(429, answers[0].Status);
        Assert.True(
            answers[1].At - answers[0].At >= TimeSpan.FromSeconds(2),
            $"The retry came {(answers[1].At - answers[0].At).TotalSeconds:0.0} s after the 429; SendGrid asked for about 3 s.");
        var prompts = _api.Requests.Select(r => r.Json).Where(IsPrompt).ToList();
        Assert.Equal(3, prompts.Count);
        Assert.Equal(2, answers.Count(a => a.Status == 202) - 1);
        Assert.Equal(2, (await fixture.StoredAsync()).Count(c => c.SendState == PromptSendState.Sent));
    }

    [Fact]
    public async Task Server_errors_are_retried_and_the_prompt_is_sent_once()
    {
        var calls = 0;
        _api.Respond = context => Interlocked.Increment(ref calls) <= 2
            ? Answer(context, 500, [])
            : Answer(context, 202, new() { ["X-Message-Id"] = $"id-{calls}" });

        var (_, status) = await RunCampaignAsync("sg-500", 1, s => s.State == "Completed");

        Assert.Equal(1, status.Sent);
        Assert.Equal([500, 500, 202], _answers.Select(a => a.Status).Take(3));
        Assert.Equal(1, _answers.Count(a => a.Status == 202) - 1);
    }

    [Fact]
    public async Task A_refused_api_key_pauses_the_campaign_with_a_reason_naming_the_setting_and_sends_nothing_twice()
    {
        _api.Respond = context => Answer(context, 401, []);

        var (fixture, status) = await RunCampaignAsync("sg-401", 2, s => s.State == "Paused");

        Assert.Equal(0, status.Sent);
        Assert.Contains("Email__SendGridApiKey", status.Reason, StringComparison.Ordinal);
        Assert.Single(_answers);
        Assert.All(await fixture.StoredAsync(), c => Assert.Equal(PromptSendState.Pending, c.SendState));
    }

    [Fact]
    public async Task A_send_SendGrid_never_answers_times_out_is_retried_and_the_campaign_completes_with_each_prompt_sent_once()
    {
        // The first request is never answered; the timeout is 1 s (default 30 s; the HTTP client's own is 100 s).
        var calls = 0;
        _api.Respond = async context =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                _answers.Enqueue((DateTimeOffset.UtcNow, 0));
                await Task.Delay(System.Threading.Timeout.Infinite, context.RequestAborted);
                return;
            }

            await Answer(context, 202, new() { ["X-Message-Id"] = $"id-{calls}" });
        };

        var started = DateTimeOffset.UtcNow;
        var (fixture, status) = await RunCampaignAsync("sg-timeout", 2, s => s.State == "Completed", TimeSpan.FromSeconds(1));

        Assert.Equal(2, status.Sent);
        Assert.True(DateTimeOffset.UtcNow - started < TimeSpan.FromSeconds(40), "The campaign waited on the unanswered send for too long.");
        var answers = _answers.ToArray();
        Assert.Equal(0, answers[0].Status);
        Assert.True(answers[1].At - answers[0].At >= TimeSpan.FromSeconds(0.9), "The retry came before the timeout.");
        var prompts = _api.Requests.Select(r => r.Json).Where(IsPrompt).ToList();
        Assert.Equal(3, prompts.Count);
        Assert.Equal(2, answers.Count(a => a.Status == 202) - 1);
        Assert.Equal(2, (await fixture.StoredAsync()).Count(c => c.SendState == PromptSendState.Sent));
    }

    [Fact]
    public async Task An_unanswered_send_is_reported_as_retryable_after_the_configured_timeout()
    {
        _api.Respond = context => Task.Delay(System.Threading.Timeout.Infinite, context.RequestAborted);
        var sender = Sender(TimeSpan.FromMilliseconds(500));
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var result = await sender.SendAsync(
            new Core.Email.EmailMessage("owner@example.test", "Subject", "<p>html</p>", "text", null, new Dictionary<string, string>()),
            CancellationToken.None);

        Assert.Equal(EmailSendStatus.TransientFailure, result.Status);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(400), TimeSpan.FromSeconds(10));
        Assert.Equal(TimeSpan.FromSeconds(30), new EmailOptions().SendGridTimeout);
    }

    private static bool IsPrompt(System.Text.Json.JsonElement mail) =>
        !mail.GetProperty("subject").GetString()!.Contains("shortlist", StringComparison.OrdinalIgnoreCase);

    private Task Answer(HttpContext context, int status, Dictionary<string, string> headers)
    {
        _answers.Enqueue((DateTimeOffset.UtcNow, status));
        return FakeSendGridApi.Answer(status, status >= 400 ? "{\"errors\":[{\"message\":\"test\"}]}" : null, headers)(context);
    }

    private SendGridEmailSender Sender(TimeSpan? timeout = null) => new(
        Options.Create(new EmailOptions
        {
            Provider = EmailProvider.SendGrid,
            FromAddress = "prompts@example.test",
            SendGridHost = _api.BaseUrl,
            SendGridApiKey = "SG.test-key",
            SendGridTimeout = timeout ?? new EmailOptions().SendGridTimeout,
        }),
        new PlainHttpClientFactory(),
        TimeProvider.System,
        NullLogger<SendGridEmailSender>.Instance);

    private async Task<(CampaignFixture Fixture, CampaignStatus Status)> RunCampaignAsync(
        string name, int people, Func<CampaignStatus, bool> until, TimeSpan? sendGridTimeout = null)
    {
        var fixture = new CampaignFixture(name, people);
        await using var host = await DurableTaskTestHost.StartAsync(
            registry => registry.AddGoodwillTasks(),
            new DurableTaskTestHostOptions
            {
                ConfigureServices = services =>
                {
                    fixture.AddServices(services, TimeProvider.System, sendAttempts: 4);
                    services.AddSingleton<IEmailSender>(Sender(sendGridTimeout));
                },
            });
        await fixture.SeedAsync(new Cadence { FixedInterval = TimeSpan.FromMilliseconds(100) }, DateTimeOffset.UtcNow, TimeSpan.FromMilliseconds(200), DateTimeOffset.UtcNow);
        using var cancellation = new CancellationTokenSource(Timeout);
        await host.Client.ScheduleNewOrchestrationInstanceAsync(
            DripCampaignOrchestrator.Name, new DripCampaignInput(fixture.CampaignId), new StartOrchestrationOptions(fixture.CampaignId), cancellation.Token);
        while (true)
        {
            var instance = await host.Client.GetInstanceAsync(fixture.CampaignId, getInputsAndOutputs: true, cancellation.Token);
            if (instance?.ReadCustomStatusAs<CampaignStatus>() is { } status && until(status))
            {
                return (fixture, status);
            }

            Assert.NotEqual(OrchestrationRuntimeStatus.Failed, instance?.RuntimeStatus);
            await Task.Delay(TimeSpan.FromMilliseconds(50), cancellation.Token);
        }
    }

    private sealed class PlainHttpClientFactory : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new();
    }
}

/// <summary>The wait the provider asked for reaches the orchestration's retry through the exception's message.</summary>
public sealed class ProviderAwareRetryTests
{
    [Fact]
    public void Waits_as_long_as_the_provider_asked_when_that_is_longer_than_the_backoff()
    {
        var retry = new RetrySettings(5, TimeSpan.FromMilliseconds(50), 2.0, TimeSpan.FromSeconds(1));
        var throttled = new EmailSendDeferredException(EmailSendStatus.Throttled, TimeSpan.FromSeconds(42.5));
        var failure = new TaskFailureDetails(nameof(EmailSendDeferredException), throttled.Message, null, null, null);

        Assert.Equal(TimeSpan.FromSeconds(42.5), ProviderAwareRetry.Delay(retry, 1, failure));
        Assert.Equal(TimeSpan.FromMilliseconds(100), ProviderAwareRetry.Delay(retry, 2, new TaskFailureDetails("IOException", "disk", null, null, null)));
        Assert.Equal(TimeSpan.FromSeconds(1), ProviderAwareRetry.Delay(retry, 10, null));
    }
}
