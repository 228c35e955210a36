using System.Collections.Concurrent;
using GoodwillFlow.Cli.Demo;
using GoodwillFlow.Testing.Hosting;
using Microsoft.Extensions.Logging;

namespace GoodwillFlow.Cli.Tests.LocalRuntime;

/// <summary>
/// A whole campaign through the local runtime with every log line captured (issue 8, "Logs"): names, email addresses
/// and reply text planted in the export and the replies must appear in no log line, at any level.
/// </summary>
public sealed class LogPrivacyEndToEndTests
{
    private const string OwnerEmail = "planted.owner@privacy-test.example";

    private static readonly (string First, string Last, string Email)[] Planted =
    [
        ("Zenobia", "Quatermain", "zenobia.quatermain@planted.example"),
        ("Bartholomew", "Xylander", "b.xylander@planted.example"),
        ("Philippa", "Umberfield", ""),
        ("Cornelius", "Wrexham-Pryce", "cwp@planted.example"),
    ];

    [Fact]
    public async Task A_whole_campaigns_logs_hold_no_names_email_addresses_or_reply_text()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var capture = new CapturingLoggerProvider();
        await using (var host = await LocalRuntimeTestHost.StartAsync(
            TimeSpan.FromMilliseconds(300),
            TimeSpan.FromSeconds(2),
            timeout.Token,
            o =>
            {
                o.Settings["Goodwill:OwnerEmail"] = OwnerEmail;
                o.Settings["Email:InboundDomain"] = "inbound.example.com";
            },
            l => l.AddProvider(capture).SetMinimumLevel(LogLevel.Trace)))
        {
            var runtime = host.Runtime;
            Directory.CreateDirectory(host.Folder);
            var export = Path.Combine(host.Folder, "Connections.csv");
            await File.WriteAllTextAsync(
                export,
                "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n" +
                string.Concat(Planted.Select((p, i) => $"{p.First},{p.Last},https://www.linkedin.com/in/planted-{i},{p.Email},Planted Widgets Ltd,Chief Planter,14 Feb 2024\n")),
                timeout.Token);
            await runtime.UploadAsync(export, metadata: null, timeout.Token);

            var store = host.Store;
            var campaignId = await host.WaitForCampaignAsync(timeout.Token);

            using var http = new HttpClient { BaseAddress = runtime.BaseAddress };
            var owner = new ScriptedOwner(http, runtime.OutboxPath, OwnerEmail, runtime.InboundSecret);
            await host.RunToEndAsync(campaignId, () => owner.AnswerNewPromptsAsync(timeout.Token), TimeSpan.FromMilliseconds(200), timeout.Token);

            var replies = await store.GetRepliesAsync(campaignId, timeout.Token);
            Assert.Equal(Planted.Length, replies.Count);
            Assert.True(owner.ByEmail > 0 && owner.ByPage > 0, "the owner answered by page and by email");
            var replyText = replies
                .SelectMany(r => new[] { r.Answers.HowWeKnow, r.Answers.SharedProject, r.Answers.CanOffer, r.Answers.Notes })
                .OfType<string>()
                .Where(t => !string.IsNullOrWhiteSpace(t))
                .Distinct()
                .ToList();
            Assert.NotEmpty(replyText);

            var logs = string.Join('\n', capture.Lines);
            Assert.True(capture.Lines.Count > 20, $"only {capture.Lines.Count} log lines were captured");
            foreach (var secret in Planted.SelectMany(p => new[] { p.First, p.Last, p.Email }).Where(s => s.Length > 0)
                .Concat([OwnerEmail, "planted.owner", "Planted Widgets", "Chief Planter"]).Concat(replyText))
            {
                Assert.DoesNotContain(secret, logs, StringComparison.OrdinalIgnoreCase);
            }
        }
    }

    /// <summary>Keeps every log line (message, exception and scopes' state is not needed: handlers log no scopes).</summary>
    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                owner.Lines.Enqueue($"{logLevel} {category} {eventId.Id} {formatter(state, exception)} {exception}");
        }
    }
}
