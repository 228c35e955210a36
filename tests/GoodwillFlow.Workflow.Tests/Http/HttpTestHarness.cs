using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using GoodwillFlow.Core.Connections;
using GoodwillFlow.Core.Planning;
using GoodwillFlow.Testing;
using GoodwillFlow.Workflow.Configuration;
using GoodwillFlow.Workflow.Http;
using GoodwillFlow.Workflow.Replies;
using GoodwillFlow.Workflow.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace GoodwillFlow.Workflow.Tests.Http;

/// <summary>
/// The HTTP handlers wired the way every host wires them (<see cref="HttpServiceCollectionExtensions.AddGoodwillHttpHandlers"/>),
/// over in-memory storage, a fake Durable client, a test signing key and a clock the test moves.
/// </summary>
internal sealed class HttpTestHarness : IDisposable
{
    public const string CampaignId = "0123456789abcdef";
    public const string OwnerEmail = "Owner.Person@Example.com";
    public const string InboundSecret = "inbound-secret-for-tests-7f3a";
    public const string SourceName = "owner/Connections.csv";

    public static readonly DateTimeOffset Start = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    public static readonly Connection Ada = new(
        ConnectionId.FromText("https://www.linkedin.com/in/ada"), "Ada", "Lovelace",
        "https://www.linkedin.com/in/ada", null, "Analytical Engines & Co", "Engineering Manager", new DateOnly(2019, 5, 14));

    /// <summary>A name that would break the page if it were not encoded.</summary>
    public static readonly Connection Mallory = new(
        ConnectionId.FromText("https://www.linkedin.com/in/mallory"), "<script>alert(1)</script>", "O'Brien \"Zoë\"",
        "https://www.linkedin.com/in/mallory", null, "<b>Evil</b> Corp", "CTO", new DateOnly(2021, 2, 1));

    private readonly ServiceProvider _services;

    public HttpTestHarness(Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection();
        AddTo(services);
        configure?.Invoke(services);
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    /// <summary>Registers this harness's configuration, doubles and the HTTP handlers, as a host would.</summary>
    public void AddTo(IServiceCollection services)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ReplyLinks:SigningKey"] = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()),
            ["ReplyLinks:InboundSecret"] = InboundSecret,
            ["ReplyLinks:PublicBaseUrl"] = "https://goodwill.example.net",
            ["ReplyLinks:TokenLifetime"] = "30.00:00:00",
            ["Email:InboundDomain"] = "in.goodwill.example.net",
        }).Build();

        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(b => b.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton<ICampaignStore>(Store);
        services.AddSingleton<ICampaignFiles>(Files);
        services.AddSingleton<DurableTaskClient>(Durable);
        services.AddOptions<ReplyLinkOptions>().BindConfiguration(ReplyLinkOptions.SectionName);
        services.AddOptions<EmailOptions>().BindConfiguration(EmailOptions.SectionName);
        services.AddSingleton<ReplyLinks>();
        services.AddGoodwillHttpHandlers();
    }

    public FakeTimeProvider Clock { get; } = new(Start);

    public InMemoryCampaignStore Store { get; } = new();

    public InMemoryCampaignFiles Files { get; } = new();

    public FakeDurableTaskClient Durable { get; } = new();

    public RecordingLoggerProvider Logs { get; } = new();

    public IServiceProvider Services => _services;

    public ReplyLinks Links => _services.GetRequiredService<ReplyLinks>();

    public T Handler<T>()
        where T : notnull => _services.CreateScope().ServiceProvider.GetRequiredService<T>();

    public static CampaignRecord Campaign(string id = CampaignId) => new(
        id,
        new CampaignSettings(OwnerEmail, new Cadence(), new OwnerTargets(["Analytical Engines"], ["engineering manager"]), TimeSpan.FromDays(3), 50),
        SourceName,
        ["abc123"],
        Start.AddDays(-7),
        CampaignState.Running,
        null);

    /// <summary>Stores the campaign with Ada and Mallory, both sent, and a running orchestration.</summary>
    public async Task SeedAsync()
    {
        await Store.SaveCampaignAsync(Campaign(), CancellationToken.None);
        await Store.AddConnectionsAsync(
            CampaignId,
            [
                new CampaignConnection(Ada, 0, Start.AddDays(-1), PromptSendState.Sent, Start.AddDays(-1)),
                new CampaignConnection(Mallory, 1, Start.AddDays(-1), PromptSendState.Sent, Start.AddDays(-1)),
            ],
            CancellationToken.None);
        Durable.SetInstance(CampaignId, Microsoft.DurableTask.Client.OrchestrationRuntimeStatus.Running);
    }

    public string TokenFor(Connection connection) => Links.IssueToken(CampaignId, connection.Id);

    public HttpContext Get(string path, string? query = null)
    {
        var context = NewContext("GET", path);
        if (query is not null)
        {
            context.Request.QueryString = new QueryString(query);
        }

        return context;
    }

    public HttpContext PostForm(string path, params (string Name, string Value)[] fields)
    {
        var body = string.Join('&', fields.Select(f => $"{Uri.EscapeDataString(f.Name)}={Uri.EscapeDataString(f.Value)}"));
        return PostBody(path, "application/x-www-form-urlencoded", Encoding.UTF8.GetBytes(body));
    }

    public HttpContext PostMultipart(string path, IReadOnlyDictionary<string, string> fields)
    {
        using var content = new MultipartFormDataContent("----goodwill-test-boundary");
        foreach (var (name, value) in fields)
        {
            var part = new StringContent(value, Encoding.UTF8);
            part.Headers.ContentType = new MediaTypeHeaderValue("text/plain") { CharSet = "utf-8" };
            content.Add(part, name);
        }

        var bytes = content.ReadAsByteArrayAsync().GetAwaiter().GetResult();
        return PostBody(path, content.Headers.ContentType!.ToString(), bytes);
    }

    public HttpContext PostBody(string path, string contentType, byte[] body)
    {
        var context = NewContext("POST", path);
        context.Request.ContentType = contentType;
        context.Request.ContentLength = body.Length;
        context.Request.Body = new MemoryStream(body);
        return context;
    }

    public HttpContext NewContext(string method, string path)
    {
        var context = new DefaultHttpContext { RequestServices = _services };
        context.Request.Method = method;
        context.Request.Scheme = "https";
        context.Request.Host = new HostString("goodwill.example.net");
        context.Request.Path = path;
        context.Response.Body = new MemoryStream();
        return context;
    }

    /// <summary>Executes the result against the context, as the host would, and reads back what the client gets.</summary>
    public static async Task<Response> ExecuteAsync(IResult result, HttpContext context)
    {
        await result.ExecuteAsync(context);
        var stream = (MemoryStream)context.Response.Body;
        var headers = context.Response.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        return new Response(context.Response.StatusCode, context.Response.ContentType, stream.ToArray(), headers);
    }

    public void Dispose() => _services.Dispose();

    internal sealed record Response(int Status, string? ContentType, byte[] Bytes, IReadOnlyDictionary<string, string> Headers)
    {
        public string Body => Encoding.UTF8.GetString(Bytes);

        public string? Header(string name) => Headers.GetValueOrDefault(name);
    }
}

/// <summary>Captures every log line (formatted message and exception) so tests can check nothing personal is logged.</summary>
internal sealed class RecordingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public string All => string.Join('\n', Lines);

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose()
    {
    }

    private sealed class Logger(RecordingLoggerProvider owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Lines.Enqueue($"{logLevel} {eventId.Id} {formatter(state, exception)} {exception}");
    }
}
