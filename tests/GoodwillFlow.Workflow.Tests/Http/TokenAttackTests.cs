using GoodwillFlow.Core.Tokens;
using GoodwillFlow.Workflow.Configuration;
using GoodwillFlow.Workflow.Http;
using GoodwillFlow.Workflow.Storage;
using Microsoft.Extensions.DependencyInjection;
using static GoodwillFlow.Workflow.Tests.Http.HttpTestHarness;

namespace GoodwillFlow.Workflow.Tests.Http;

/// <summary>
/// Reply tokens attacked at every route that takes one: the reply page (GET and POST) and Inbound Parse (issue 8, "Token
/// attacks"). A bad token never shows a form, never records anything and never says why beyond "does not work".
/// </summary>
public sealed class TokenAttackTests : IAsyncLifetime, IDisposable
{
    private static readonly byte[] RetiredSecret = Enumerable.Range(100, 32).Select(i => (byte)i).ToArray();
    private static readonly byte[] CurrentSecret = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();

    private readonly HttpTestHarness _h = new();

    public static TheoryData<string, string> Attacks()
    {
        var data = new TheoryData<string, string>();
        foreach (var attack in new[] { "tampered", "truncated", "extended", "upper-cased-and-mangled", "retired-key", "unknown-key-id", "stranger-key-other-person", "the-inbound-secret", "empty" })
        {
            foreach (var route in new[] { "get", "post", "inbound" })
            {
                data.Add(attack, route);
            }
        }

        return data;
    }

    public Task InitializeAsync() => _h.SeedAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _h.Dispose();

    [Theory]
    [MemberData(nameof(Attacks))]
    public async Task A_bad_token_is_refused_at_every_route_and_records_nothing(string attack, string route)
    {
        var token = _h.TokenFor(Ada);
        var bad = attack switch
        {
            "tampered" => token[..10] + (token[10] == 'a' ? 'b' : 'a') + token[11..],
            "truncated" => token[..^4],
            "extended" => token + "aaaa",
            "upper-cased-and-mangled" => token.ToUpperInvariant()[..^1] + "1",
            "retired-key" => new ReplyTokenService(new ReplyTokenSigningKey(1, RetiredSecret)).Issue(CampaignId, Ada.Id, Start.AddDays(30)),
            "unknown-key-id" => new ReplyTokenService(new ReplyTokenSigningKey(9, CurrentSecret)).Issue(CampaignId, Ada.Id, Start.AddDays(30)),
            "stranger-key-other-person" => new ReplyTokenService(new ReplyTokenSigningKey(1, RetiredSecret)).Issue(CampaignId, Mallory.Id, Start.AddDays(30)),
            "the-inbound-secret" => InboundSecret,
            _ => "",
        };

        var response = await SendAsync(route, bad);

        if (route == "inbound")
        {
            Assert.Equal((200, "Dropped: no valid token."), (response.Status, response.Body));
        }
        else
        {
            Assert.Equal(404, response.Status);
            Assert.Contains("This link does not work", response.Body, StringComparison.Ordinal);
            Assert.DoesNotContain("Lovelace", response.Body, StringComparison.Ordinal);
        }

        Assert.Empty(await _h.Store.GetRepliesAsync(CampaignId, default));
        Assert.Empty(_h.Durable.RaisedEvents);
    }

    [Theory]
    [InlineData("get", 410)]
    [InlineData("post", 410)]
    [InlineData("inbound", 200)]
    public async Task An_expired_token_is_refused_at_every_route(string route, int status)
    {
        var token = _h.TokenFor(Ada);
        _h.Clock.Advance(TimeSpan.FromDays(31));

        var response = await SendAsync(route, token);

        Assert.Equal(status, response.Status);
        Assert.Contains(route == "inbound" ? "Dropped: expired token." : "This link has expired", response.Body, StringComparison.Ordinal);
        Assert.Empty(await _h.Store.GetRepliesAsync(CampaignId, default));
    }

    [Theory]
    [InlineData("get")]
    [InlineData("post")]
    [InlineData("inbound")]
    public async Task A_token_signed_with_the_previous_key_still_works_while_that_key_is_listed(string route)
    {
        using var rotated = new HttpTestHarness(s => s.Configure<ReplyLinkOptions>(o =>
        {
            o.SigningKeyId = 2;
            o.SigningKey = Convert.ToBase64String(RetiredSecret);
            o.PreviousKeys = "1:" + Convert.ToBase64String(CurrentSecret);
        }));
        await rotated.SeedAsync();
        var issuedBeforeRotation = new ReplyTokenService(new ReplyTokenSigningKey(1, CurrentSecret)).Issue(CampaignId, Ada.Id, Start.AddDays(30));

        var response = await SendAsync(route, issuedBeforeRotation, rotated);

        Assert.Equal(200, response.Status);
        Assert.Equal(route == "get" ? 0 : 1, (await rotated.Store.GetRepliesAsync(CampaignId, default)).Count);
    }

    [Theory]
    [InlineData("get")]
    [InlineData("post")]
    [InlineData("inbound")]
    public async Task A_token_signed_with_a_key_dropped_after_rotation_is_refused(string route)
    {
        using var rotated = new HttpTestHarness(s => s.Configure<ReplyLinkOptions>(o =>
        {
            o.SigningKeyId = 2;
            o.SigningKey = Convert.ToBase64String(RetiredSecret);
            o.PreviousKeys = "";
        }));
        await rotated.SeedAsync();
        var issuedBeforeRotation = new ReplyTokenService(new ReplyTokenSigningKey(1, CurrentSecret)).Issue(CampaignId, Ada.Id, Start.AddDays(30));

        var response = await SendAsync(route, issuedBeforeRotation, rotated);

        Assert.Equal(route == "inbound" ? 200 : 404, response.Status);
        Assert.Empty(await rotated.Store.GetRepliesAsync(CampaignId, default));
    }

    [Theory]
    [InlineData("get")]
    [InlineData("post")]
    [InlineData("inbound")]
    public async Task Another_campaigns_token_answers_only_for_that_campaign_and_only_its_owner(string route)
    {
        const string OtherCampaign = "fedcba9876543210";
        await _h.Store.SaveCampaignAsync(Campaign(OtherCampaign) with { Settings = Campaign().Settings with { OwnerEmail = "someone.else@example.org" } }, default);
        await _h.Store.AddConnectionsAsync(
            OtherCampaign,
            [new CampaignConnection(Ada, 0, Start, PromptSendState.Sent, Start)],
            default);
        var theirs = _h.Links.IssueToken(OtherCampaign, Ada.Id);

        var response = await SendAsync(route, theirs);

        // Its holder may answer on the page (the token is the authority); by email only that campaign's owner may.
        Assert.Empty(await _h.Store.GetRepliesAsync(CampaignId, default));
        if (route == "inbound")
        {
            Assert.Equal("Dropped: sender is not the owner.", response.Body);
            Assert.Empty(await _h.Store.GetRepliesAsync(OtherCampaign, default));
        }
    }

    [Theory]
    [InlineData("get")]
    [InlineData("post")]
    [InlineData("inbound")]
    public async Task A_token_for_a_deleted_campaign_is_refused(string route)
    {
        var token = _h.TokenFor(Ada);
        await _h.Store.DeleteCampaignAsync(CampaignId, default);

        var response = await SendAsync(route, token);

        Assert.Equal(route == "inbound" ? 200 : 404, response.Status);
        Assert.Empty(await _h.Store.GetRepliesAsync(CampaignId, default));
    }

    [Theory]
    [InlineData("post")]
    [InlineData("inbound")]
    public async Task A_replayed_reply_is_stored_once(string route)
    {
        var token = _h.TokenFor(Ada);

        var first = await SendAsync(route, token);
        var replayed = await SendAsync(route, token);

        Assert.Equal(200, first.Status);
        Assert.Equal(200, replayed.Status);
        Assert.Single(await _h.Store.GetRepliesAsync(CampaignId, default));
    }

    [Fact]
    public async Task A_reply_token_used_as_the_inbound_secret_is_refused()
    {
        var token = _h.TokenFor(Ada);
        var context = _h.PostMultipart($"/api/inbound/{token}", Mail(token));

        var result = await _h.Handler<InboundParseHandler>().PostAsync(context.Request, token, _h.Durable, default);
        var response = await ExecuteAsync(result, context);

        Assert.Equal(404, response.Status);
        Assert.Empty(await _h.Store.GetRepliesAsync(CampaignId, default));
    }

    private static Dictionary<string, string> Mail(string token) => new()
    {
        ["from"] = "Owner Person <owner.person@example.com>",
        ["to"] = $"GoodwillFlow <reply+{token}@in.goodwill.example.net>",
        ["text"] = "1. peer\n4. 4\n",
        ["envelope"] = $$"""{"to":["reply+{{token}}@in.goodwill.example.net"],"from":"owner.person@example.com"}""",
        ["SPF"] = "pass",
    };

    private async Task<Response> SendAsync(string route, string token, HttpTestHarness? harness = null)
    {
        var h = harness ?? _h;
        Microsoft.AspNetCore.Http.HttpContext context;
        Microsoft.AspNetCore.Http.IResult result;
        switch (route)
        {
            case "get":
                context = h.Get($"/api/r/{token}");
                result = await h.Handler<ReplyPageHandler>().GetAsync(context.Request, token, default);
                break;
            case "post":
                context = h.PostForm($"/api/r/{token}", ("relationship", "peer"), ("strength", "4"));
                result = await h.Handler<ReplyPageHandler>().PostAsync(context.Request, token, h.Durable, default);
                break;
            default:
                context = h.PostMultipart($"/api/inbound/{InboundSecret}", Mail(token));
                result = await h.Handler<InboundParseHandler>().PostAsync(context.Request, InboundSecret, h.Durable, default);
                break;
        }

        var response = await ExecuteAsync(result, context);
        ReplyPageHandlerTests.AssertNoInternals(response.Body);
        Assert.DoesNotContain(token.Length > 0 ? token : "\u0000", h.Logs.All, StringComparison.Ordinal);
        return response;
    }
}
