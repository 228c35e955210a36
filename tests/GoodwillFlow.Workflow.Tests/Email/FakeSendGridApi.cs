using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GoodwillFlow.Workflow.Tests.Email;

/// <summary>A stand-in for SendGrid's v3 API on Kestrel at a free loopback port: records each request, answers as told.</summary>
public sealed class FakeSendGridApi : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeSendGridApi(WebApplication app) => _app = app;

    /// <summary>Gets the base URL to use as the SendGrid host.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>Gets the requests received, in order.</summary>
    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>Gets or sets how the next requests are answered.</summary>
    public Func<HttpContext, Task> Respond { get; set; } = Accept("default-id");

    public static async Task<FakeSendGridApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeSendGridApi(app);
        app.Map("/{**path}", async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            fake.Requests.Enqueue(new RecordedRequest(
                context.Request.Method,
                context.Request.Path.Value ?? "",
                context.Request.Headers.Authorization.ToString(),
                body));
            await fake.Respond(context);
        });
        await app.StartAsync();
        fake.BaseUrl = app.Urls.First();
        return fake;
    }

    public static Func<HttpContext, Task> Accept(string messageId) => context =>
    {
        context.Response.StatusCode = StatusCodes.Status202Accepted;
        context.Response.Headers["X-Message-Id"] = messageId;
        return Task.CompletedTask;
    };

    public static Func<HttpContext, Task> Answer(int status, string? json = null, IDictionary<string, string>? headers = null) => async context =>
    {
        context.Response.StatusCode = status;
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            context.Response.Headers[name] = value;
        }

        if (json is not null)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(json);
        }
    };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(TimeSpan.FromSeconds(5));
        await _app.DisposeAsync();
    }

    public sealed record RecordedRequest(string Method, string Path, string Authorization, string Body)
    {
        public JsonElement Json => JsonDocument.Parse(Body).RootElement;
    }
}
