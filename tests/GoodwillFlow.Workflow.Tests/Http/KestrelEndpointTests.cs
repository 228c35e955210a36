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
}
