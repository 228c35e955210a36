using System.Net;
using GoodwillFlow.Core.Replies;
using GoodwillFlow.Workflow.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static GoodwillFlow.Workflow.Tests.Http.HttpTestHarness;

namespace GoodwillFlow.Workflow.Tests.Http;

/// <summary>The local runtime's endpoints: <see cref="GoodwillEndpointRouteBuilderExtensions.MapGoodwillEndpoints"/> on real Kestrel.</summary>
public sealed class KestrelEndpointTests : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private readonly HttpTestHarness _h = new();
    private WebApplication? _app;
    private HttpClient? _client;

    public async Task InitializeAsync()
    {
        await _h.SeedAsync();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        _h.AddTo(builder.Services);
        builder.Services.Configure<HttpHandlerOptions>(o => o.MaxInboundBytes = 4096);
        _app = builder.Build();

        // Lets a test pretend to be a remote caller, to check the campaign API stays loopback-only.
        _app.Use((context, next) =>
        {
            if (context.Request.Headers.ContainsKey("X-Test-Remote"))
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse("203.0.113.7");
            }

            return next(context);
        });
        _app.MapGoodwillEndpoints();

        using var cts = new CancellationTokenSource(Timeout);
        await _app.StartAsync(cts.Token);
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        _client = new HttpClient { BaseAddress = new Uri(address), Timeout = Timeout };
    }

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_app is not null)
        {
            using var cts = new CancellationTokenSource(Timeout);
            await _app.StopAsync(cts.Token);
            await _app.DisposeAsync();
        }
    }

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task The_reply_page_round_trips_through_kestrel()
    {
        var token = _h.TokenFor(Ada);

        using var page = await _client!.GetAsync(new Uri($"/api/r/{token}?choice=peer", UriKind.Relative));
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
        Assert.Contains("value=\"peer\" checked", html, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Empty(await _h.Store.GetRepliesAsync(CampaignId, default));

        using var form = new FormUrlEncodedContent([new("relationship", "peer"), new("strength", "4"), new("couldHelp", "advise"), new("notes", "Café & croissants")]);
        using var posted = await _client.PostAsync(new Uri($"/api/r/{token}", UriKind.Relative), form);
        var thanks = await posted.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Contains("Thank you", thanks, StringComparison.Ordinal);
        var reply = Assert.Single(await _h.Store.GetRepliesAsync(CampaignId, default));
        Assert.Equal(RelationshipKind.Peer, reply.Answers.Relationship);
        Assert.Equal(HelpKind.Advise, reply.Answers.CouldHelp);
        Assert.Equal("Café & croissants", reply.Answers.Notes);
        Assert.Single(_h.Durable.RaisedEvents);
    }

    [Fact]
    public async Task A_json_post_to_the_reply_page_is_refused()
    {
        using var json = new StringContent("{\"strength\":4}", System.Text.Encoding.UTF8, "application/json");
        using var response = await _client!.PostAsync(new Uri($"/api/r/{_h.TokenFor(Ada)}", UriKind.Relative), json);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Empty(await _h.Store.GetRepliesAsync(CampaignId, default));
    }

    [Fact]
    public async Task The_campaign_api_answers_loopback_callers_only()
    {
        using var local = await _client!.GetAsync(new Uri($"/api/campaigns/{CampaignId}", UriKind.Relative));
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"/api/campaigns/{CampaignId}", UriKind.Relative));
        request.Headers.Add("X-Test-Remote", "1");
        using var remote = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, local.StatusCode);
        Assert.Contains($"\"campaignId\":\"{CampaignId}\"", await local.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, remote.StatusCode);
    }

    [Fact]
    public async Task Every_campaign_route_is_mapped()
    {
        using var shortlist = await _client!.GetAsync(new Uri($"/api/campaigns/{CampaignId}/shortlist?format=csv", UriKind.Relative));
        using var pause = await _client.PostAsync(new Uri($"/api/campaigns/{CampaignId}/pause", UriKind.Relative), null);
        using var resume = await _client.PostAsync(new Uri($"/api/campaigns/{CampaignId}/resume", UriKind.Relative), null);
        using var stop = await _client.PostAsync(new Uri($"/api/campaigns/{CampaignId}/stop", UriKind.Relative), null);
        using var inbound = await _client.PostAsync(new Uri("/api/inbound/wrong", UriKind.Relative), new StringContent(""));
        using var delete = await _client.DeleteAsync(new Uri($"/api/campaigns/{CampaignId}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, shortlist.StatusCode);
        Assert.Equal("text/csv", shortlist.Content.Headers.ContentType!.MediaType);
        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.Accepted], [pause.StatusCode, resume.StatusCode, stop.StatusCode]);
        Assert.Equal(HttpStatusCode.NotFound, inbound.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Null(await _h.Store.FindCampaignAsync(CampaignId, default));
    }

    [Fact]
    public async Task An_oversized_inbound_post_without_a_length_is_cut_off_and_dropped_with_200()
    {
        var token = _h.TokenFor(Ada);
        using var mail = new MultipartFormDataContent
        {
            { new StringContent("Owner Person <owner.person@example.com>"), "from" },
            { new StringContent($"reply+{token}@in.goodwill.example.net"), "to" },
            { new StringContent("1. peer\n" + new string('x', 64 * 1024)), "text" },
        };
        var bytes = await mail.ReadAsByteArrayAsync();
        using var chunked = new StreamContent(new MemoryStream(bytes));
        chunked.Headers.ContentType = mail.Headers.ContentType;
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/api/inbound/{InboundSecret}", UriKind.Relative)) { Content = chunked };
        request.Headers.TransferEncodingChunked = true;

        using var response = await _client!.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Dropped: unreadable or too large.", await response.Content.ReadAsStringAsync());
        Assert.Empty(await _h.Store.GetRepliesAsync(CampaignId, default));
    }

    [Fact]
    public async Task A_chunked_2_mb_reply_form_without_a_length_is_answered_413_to_a_client_that_sends_it_all_first()
    {
        // Many clients (curl, Python's http.client) write the whole body before reading the response. If the server
        // closes on them with the body unread, the reset discards the response: the sender sees no answer at all.
        var body = System.Text.Encoding.ASCII.GetBytes("strength=4&notes=" + new string('x', 2 * 1024 * 1024));
        var response = await RawPostChunkedAsync($"/api/r/{_h.TokenFor(Ada)}", "application/x-www-form-urlencoded", body);

        Assert.StartsWith("HTTP/1.1 413", response, StringComparison.Ordinal);
        Assert.Contains("more than this page can take", response, StringComparison.Ordinal);
        Assert.Empty(await _h.Store.GetRepliesAsync(CampaignId, default));
    }

    [Fact]
    public async Task A_sized_2_mb_reply_form_is_answered_413_to_a_client_that_sends_it_all_first()
    {
        var body = System.Text.Encoding.ASCII.GetBytes("strength=4&notes=" + new string('x', 2 * 1024 * 1024));
        var response = await RawPostAsync($"/api/r/{_h.TokenFor(Ada)}", "application/x-www-form-urlencoded", body, chunked: false);

        Assert.StartsWith("HTTP/1.1 413", response, StringComparison.Ordinal);
    }

    private Task<string> RawPostChunkedAsync(string path, string contentType, byte[] body) => RawPostAsync(path, contentType, body, chunked: true);

    /// <summary>Writes the whole request, then reads the whole response, as a naive client does.</summary>
    private async Task<string> RawPostAsync(string path, string contentType, byte[] body, bool chunked)
    {
        using var cts = new CancellationTokenSource(Timeout);
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(_client!.BaseAddress!.Host, _client.BaseAddress.Port, cts.Token);
        var stream = tcp.GetStream();
        var head = $"POST {path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: {contentType}\r\nConnection: close\r\n" +
            (chunked ? "Transfer-Encoding: chunked\r\n\r\n" : $"Content-Length: {body.Length}\r\n\r\n");
        try
        {
            await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(head), cts.Token);
            if (chunked)
            {
                foreach (var chunk in body.Chunk(16 * 1024))
                {
                    await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes($"{chunk.Length:x}\r\n"), cts.Token);
                    await stream.WriteAsync(chunk, cts.Token);
                    await stream.WriteAsync("\r\n"u8.ToArray(), cts.Token);
                }

                await stream.WriteAsync("0\r\n\r\n"u8.ToArray(), cts.Token);
            }
            else
            {
                await stream.WriteAsync(body, cts.Token);
            }
        }
        catch (IOException)
        {
            // The server hung up while the body was still going out; what it answered (if anything) is read below.
        }

        using var received = new MemoryStream();
        try
        {
            await stream.CopyToAsync(received, cts.Token);
        }
        catch (IOException)
        {
            // A reset: whatever arrived before it is the answer.
        }

        return System.Text.Encoding.UTF8.GetString(received.ToArray());
    }

    [Theory]
    [InlineData("reply")]
    [InlineData("inbound")]
    public async Task A_utf7_form_is_answered_415_not_500(string route)
    {
        var path = route == "reply" ? $"/api/r/{_h.TokenFor(Ada)}" : $"/api/inbound/{InboundSecret}";
        using var form = new ByteArrayContent("strength=4&text=1.+peer"u8.ToArray());
        form.Headers.TryAddWithoutValidation("Content-Type", "application/x-www-form-urlencoded; charset=utf-7");

        using var response = await _client!.PostAsync(new Uri(path, UriKind.Relative), form);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.DoesNotContain("Exception", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
