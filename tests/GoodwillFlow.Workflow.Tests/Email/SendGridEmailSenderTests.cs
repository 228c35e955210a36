using System.Net;
using System.Net.Sockets;
using GoodwillFlow.Core.Email;
using GoodwillFlow.Workflow.Configuration;
using GoodwillFlow.Workflow.Email;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace GoodwillFlow.Workflow.Tests.Email;

public sealed class SendGridEmailSenderTests : IAsyncLifetime
{
    private const string ApiKey = "SG.test-key-not-a-secret";
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 11, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Now);
    private readonly RecordingLogger _log = new();
    private FakeSendGridApi _api = null!;

    public async Task InitializeAsync() => _api = await FakeSendGridApi.StartAsync();

    public async Task DisposeAsync() => await _api.DisposeAsync();

    private SendGridEmailSender Sender(string? host = null) => new(
        Options.Create(new EmailOptions
        {
            Provider = EmailProvider.SendGrid,
            SendGridApiKey = ApiKey,
            SendGridHost = host ?? _api.BaseUrl,
            FromAddress = "prompts@goodwill.example",
            FromName = "GoodwillFlow",
        }),
        new PlainHttpClientFactory(),
        _time,
        new Logger<SendGridEmailSender>(new SingleLoggerFactory(_log)));

    private static EmailMessage Prompt(string? replyTo = "reply+tok3n@inbound.goodwill.example") => new(
        "owner@example.com",
        "How do you know Zoë Müller?",
        "<p>How do you know <b>Zoë</b>?</p>",
        "How do you know Zoë?",
        replyTo,
        new Dictionary<string, string> { ["campaign"] = "0123456789abcdef", ["kind"] = "prompt" });

    [Fact]
    public async Task Sends_the_message_as_SendGrid_expects_it()
    {
        _api.Respond = FakeSendGridApi.Accept("msg-42");

        var result = await Sender().SendAsync(Prompt(), CancellationToken.None);

        Assert.Equal(new EmailSendResult(EmailSendStatus.Sent, MessageId: "msg-42"), result);
        var request = Assert.Single(_api.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v3/mail/send", request.Path);
        Assert.Equal($"Bearer {ApiKey}", request.Authorization);
        var json = request.Json;
        Assert.Equal("prompts@goodwill.example", json.GetProperty("from").GetProperty("email").GetString());
        Assert.Equal("GoodwillFlow", json.GetProperty("from").GetProperty("name").GetString());
        Assert.Equal("reply+tok3n@inbound.goodwill.example", json.GetProperty("reply_to").GetProperty("email").GetString());
        Assert.Equal("How do you know Zoë Müller?", json.GetProperty("subject").GetString());
        Assert.Equal("owner@example.com", json.GetProperty("personalizations")[0].GetProperty("to")[0].GetProperty("email").GetString());
        var content = json.GetProperty("content").EnumerateArray().ToDictionary(c => c.GetProperty("type").GetString()!, c => c.GetProperty("value").GetString());
        Assert.Equal("How do you know Zoë?", content["text/plain"]);
        Assert.Equal("<p>How do you know <b>Zoë</b>?</p>", content["text/html"]);
        Assert.Equal(["goodwillflow", "prompt"], json.GetProperty("categories").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("0123456789abcdef", json.GetProperty("custom_args").GetProperty("campaign").GetString());
        Assert.Equal("prompt", json.GetProperty("custom_args").GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Omits_reply_to_when_the_message_has_none()
    {
        var result = await Sender().SendAsync(Prompt(replyTo: null), CancellationToken.None);

        Assert.Equal(EmailSendStatus.Sent, result.Status);
        Assert.False(Assert.Single(_api.Requests).Json.TryGetProperty("reply_to", out _));
    }

    [Fact]
    public async Task Throttled_send_waits_until_the_rate_limit_resets()
    {
        var reset = Now.AddSeconds(37).ToUnixTimeSeconds();
        _api.Respond = FakeSendGridApi.Answer(429, """{"errors":[{"field":null,"message":"too many requests"}]}""",
            new Dictionary<string, string> { ["X-RateLimit-Limit"] = "600", ["X-RateLimit-Remaining"] = "0", ["X-RateLimit-Reset"] = $"{reset}" });

        var result = await Sender().SendAsync(Prompt(), CancellationToken.None);

        Assert.Equal(EmailSendStatus.Throttled, result.Status);
        Assert.Equal(TimeSpan.FromSeconds(37), result.RetryAfter);
    }

    [Fact]
    public async Task Throttled_send_honours_Retry_After_when_there_is_no_reset_header()
    {
        _api.Respond = FakeSendGridApi.Answer(429, headers: new Dictionary<string, string> { ["Retry-After"] = "12" });

        var result = await Sender().SendAsync(Prompt(), CancellationToken.None);

        Assert.Equal(EmailSendStatus.Throttled, result.Status);
        Assert.Equal(TimeSpan.FromSeconds(12), result.RetryAfter);
    }

    [Fact]
    public async Task Server_error_is_transient()
    {
        _api.Respond = FakeSendGridApi.Answer(500, """{"errors":[{"message":"internal error"}]}""");

        var result = await Sender().SendAsync(Prompt(), CancellationToken.None);

        Assert.Equal(EmailSendStatus.TransientFailure, result.Status);
        Assert.Contains("500", result.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unreachable_api_is_transient()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var closedPort = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var result = await Sender(host: $"http://127.0.0.1:{closedPort}").SendAsync(Prompt(), CancellationToken.None);

        Assert.Equal(EmailSendStatus.TransientFailure, result.Status);
        Assert.Contains("could not be reached", result.FailureReason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(401)]
    [InlineData(403)]
    public async Task Refused_api_key_is_permanent_with_a_reason_for_the_owner(int status)
    {
        _api.Respond = FakeSendGridApi.Answer(status, """{"errors":[{"field":null,"message":"The provided authorization grant is invalid, expired, or revoked","help":null}]}""");

        var result = await Sender().SendAsync(Prompt(), CancellationToken.None);

        Assert.Equal(EmailSendStatus.PermanentFailure, result.Status);
        Assert.StartsWith($"SendGrid refused the API key ({status})", result.FailureReason, StringComparison.Ordinal);
        Assert.Contains("Email__SendGridApiKey", result.FailureReason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(403)]
    public async Task Unverified_sender_is_permanent_with_a_reason_for_the_owner(int status)
    {
        _api.Respond = FakeSendGridApi.Answer(status,
            """{"errors":[{"message":"The from address does not match a verified Sender Identity. Mail cannot be sent until this error is resolved.","field":"from","help":null}]}""");

        var result = await Sender().SendAsync(Prompt(), CancellationToken.None);

        Assert.Equal(EmailSendStatus.PermanentFailure, result.Status);
        Assert.Contains("the sender address is not verified in SendGrid", result.FailureReason, StringComparison.Ordinal);
        Assert.Contains("Email__FromAddress", result.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Other_client_errors_are_permanent_and_name_the_status()
    {
        _api.Respond = FakeSendGridApi.Answer(413, """{"errors":[{"message":"too large","field":"content"}]}""");

        var result = await Sender().SendAsync(Prompt(), CancellationToken.None);

        Assert.Equal(EmailSendStatus.PermanentFailure, result.Status);
        Assert.Contains("413", result.FailureReason, StringComparison.Ordinal);
        Assert.Contains("content", result.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logs_carry_the_campaign_and_status_but_no_address_name_or_key()
    {
        _api.Respond = FakeSendGridApi.Answer(401);
        await Sender().SendAsync(Prompt(), CancellationToken.None);
        _api.Respond = FakeSendGridApi.Accept("msg-1");
        await Sender().SendAsync(Prompt(), CancellationToken.None);

        var lines = _log.Lines.ToList();
        Assert.Equal(2, lines.Count);
        Assert.All(lines, line =>
        {
            Assert.Contains("0123456789abcdef", line, StringComparison.Ordinal);
            Assert.DoesNotContain("@", line, StringComparison.Ordinal);
            Assert.DoesNotContain("Zoë", line, StringComparison.Ordinal);
            Assert.DoesNotContain(ApiKey, line, StringComparison.Ordinal);
        });
        Assert.Contains("401", lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_api_key_fails_with_a_message_naming_the_setting()
    {
        var sender = new SendGridEmailSender(
            Options.Create(new EmailOptions { Provider = EmailProvider.SendGrid, FromAddress = "prompts@goodwill.example", SendGridHost = _api.BaseUrl }),
            new PlainHttpClientFactory(),
            _time,
            NullLogger<SendGridEmailSender>.Instance);

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => sender.SendAsync(Prompt(), CancellationToken.None));

        Assert.Contains("Email__SendGridApiKey", ex.Message, StringComparison.Ordinal);
        Assert.Empty(_api.Requests);
    }

    private sealed class PlainHttpClientFactory : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new();
    }

    internal sealed class RecordingLogger : ILogger
    {
        public System.Collections.Concurrent.ConcurrentQueue<string> Lines { get; } = new();

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Enqueue($"{eventId.Id} {formatter(state, exception)} {exception}");
    }

    internal sealed class SingleLoggerFactory(ILogger logger) : ILoggerFactory
    {
        public void AddProvider(ILoggerProvider provider)
        {
        }

        public ILogger CreateLogger(string categoryName) => logger;

        public void Dispose()
        {
        }
    }
}
