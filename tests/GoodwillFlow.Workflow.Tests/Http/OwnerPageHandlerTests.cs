using GoodwillFlow.Core.Connections;
using GoodwillFlow.Core.Replies;
using GoodwillFlow.Core.Tokens;
using GoodwillFlow.Workflow.Http;
using GoodwillFlow.Workflow.Orchestration;
using GoodwillFlow.Workflow.Storage;
using static GoodwillFlow.Workflow.Tests.Http.HttpTestHarness;

namespace GoodwillFlow.Workflow.Tests.Http;

/// <summary>The owner's campaign page behind its signed link: what it shows, what its forms do, and every bad link refused alike.</summary>
public sealed class OwnerPageHandlerTests : IAsyncLifetime, IDisposable
{
    private static readonly byte[] CurrentSecret = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
    private static readonly byte[] RetiredSecret = Enumerable.Range(100, 32).Select(i => (byte)i).ToArray();

    private static readonly Connection[] Pending =
    [
        .. Enumerable.Range(1, 3).Select(i => new Connection(
            ConnectionId.FromText($"https://www.linkedin.com/in/pending-{i}"), $"Pending{i}", "Person", null, null, "Fabrikam", "PM", null)),
    ];

    private readonly HttpTestHarness _h = new();

    public async Task InitializeAsync()
    {
        await _h.SeedAsync();
        await _h.Store.AddConnectionsAsync(
            CampaignId,
            [.. Pending.Select((c, i) => new CampaignConnection(c, 2 + i, Start.AddDays(1 + i)))],
            CancellationToken.None);
        await _h.Store.SaveReplyAsync(
            new RecordedReply(CampaignId, Ada.Id, new ReplyAnswers { Relationship = RelationshipKind.Boss, Strength = 5, SharedProject = "the <b>engine</b>" }, ReplyChannel.ReplyPage, Start),
            CancellationToken.None);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _h.Dispose();

    private string OwnerToken() => _h.Links.OwnerTokens.Issue(CampaignId, 0, Start.AddDays(30));

    [Fact]
    public async Task Page_shows_progress_the_answers_with_edit_links_and_post_controls_under_a_strict_policy()
    {
        var token = OwnerToken();

        var response = await GetAsync(token);

        Assert.Equal(200, response.Status);
        Assert.Equal("no-store", response.Header("Cache-Control"));
        Assert.Equal("no-referrer", response.Header("Referrer-Policy"));
        Assert.Equal(Core.OwnerPage.CampaignPageRenderer.ContentSecurityPolicy, response.Header("Content-Security-Policy"));
        var html = response.Body;
        Assert.Contains("<h1>Connections.csv</h1>", html, StringComparison.Ordinal);
        Assert.Contains("Running", html, StringComparison.Ordinal);
        Assert.Contains("<dt>People</dt><dd>5</dd>", html, StringComparison.Ordinal);
        Assert.Contains("<dt>Prompts sent</dt><dd>2</dd>", html, StringComparison.Ordinal);
        Assert.Contains("<dt>Answered</dt><dd>1</dd>", html, StringComparison.Ordinal);
        Assert.Contains("<dt>Still to send</dt><dd>3</dd>", html, StringComparison.Ordinal);
        Assert.Contains(">Ada Lovelace</a>: My boss &#183; relationship 5/5", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://goodwill.example.net/api/r/", html, StringComparison.Ordinal);
        Assert.Contains($"action=\"/api/c/{token}/pause\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>engine", html, StringComparison.Ordinal);
        Assert.Empty(_h.Durable.RaisedEvents);
    }

    public static TheoryData<string> BadLinks() =>
        ["reply-token", "tampered", "truncated", "another-campaign", "revoked", "retired-key", "upper-cased-and-mangled", "empty"];

    [Theory]
    [MemberData(nameof(BadLinks))]
    public async Task A_bad_link_gets_the_same_friendly_404_on_every_route_and_changes_nothing(string attack)
    {
        var token = OwnerToken();
        var bad = attack switch
        {
            "reply-token" => _h.TokenFor(Ada),
            "tampered" => token[..20] + (token[20] == 'a' ? 'b' : 'a') + token[21..],
            "truncated" => token[..^3],
            "another-campaign" => _h.Links.OwnerTokens.Issue("aaaaaaaaaaaaaaaa", 0, Start.AddDays(30)),
            "revoked" => _h.Links.OwnerTokens.Issue(CampaignId, 12345, Start.AddDays(30)),
            "retired-key" => new OwnerTokenService(new ReplyTokenSigningKey(1, RetiredSecret)).Issue(CampaignId, 0, Start.AddDays(30)),
            "upper-cased-and-mangled" => token.ToUpperInvariant()[..^1] + "1",
            _ => "",
        };
        var reference = await GetAsync(_h.Links.OwnerTokens.Issue("bbbbbbbbbbbbbbbb", 0, Start.AddDays(30)));

        var page = await GetAsync(bad);
        var shortlist = await ExecuteAsync(await _h.Handler<OwnerPageHandler>().GetShortlistAsync(_h.Get($"/api/c/{bad}/shortlist").Request, bad, default), _h.Get("/"));
        var pause = await PostAsync(bad, "pause");
        var delete = await PostAsync(bad, "delete", ("confirmName", "Connections.csv"));

        foreach (var response in new[] { page, shortlist, pause, delete })
        {
            Assert.Equal(404, response.Status);
            Assert.Equal(reference.Body, response.Body);
            Assert.Contains("This link does not work", response.Body, StringComparison.Ordinal);
        }

        Assert.Empty(_h.Durable.RaisedEvents);
        Assert.NotNull(await _h.Store.FindCampaignAsync(CampaignId, default));
    }

    [Fact]
    public async Task An_expired_link_gets_a_friendly_410_that_names_no_campaign()
    {
        var token = _h.Links.OwnerTokens.Issue(CampaignId, 0, Start.AddMinutes(1));
        _h.Clock.Advance(TimeSpan.FromMinutes(2));

        var response = await GetAsync(token);

        Assert.Equal(410, response.Status);
        Assert.Contains("This link has expired", response.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Connections.csv", response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_owner_token_never_opens_a_reply_page()
    {
        var context = _h.Get($"/api/r/{OwnerToken()}");

        var response = await ExecuteAsync(await _h.Handler<ReplyPageHandler>().GetAsync(context.Request, OwnerToken(), default), context);

        Assert.Equal(404, response.Status);
    }

    [Fact]
    public async Task Pause_posts_the_event_and_redirects_back_to_the_page_with_a_notice()
    {
        var token = OwnerToken();

        var response = await PostAsync(token, "pause");

        Assert.Equal(303, response.Status);
        Assert.Equal($"/api/c/{token}?done=pause", response.Header("Location"));
        var raised = Assert.Single(_h.Durable.RaisedEvents);
        Assert.Equal(CampaignEvents.Pause, raised.EventName);
        Assert.Contains("Pause requested", (await GetAsync(token, "?done=pause")).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cross_site_post_is_refused_and_changes_nothing()
    {
        var token = OwnerToken();
        var context = _h.PostForm($"/api/c/{token}/stop");
        context.Request.Headers.Origin = "https://evil.example";

        var response = await ExecuteAsync(await _h.Handler<OwnerPageHandler>().PostAsync(context.Request, token, "stop", _h.Durable, default), context);

        Assert.Equal(403, response.Status);
        Assert.Empty(_h.Durable.RaisedEvents);
    }

    [Fact]
    public async Task Cadence_form_saves_the_new_pace_and_days_and_asks_for_a_replan()
    {
        var response = await PostAsync(OwnerToken(), "cadence", ("perDay", "12"), ("days", "sat"), ("days", "sun"));

        Assert.Equal(303, response.Status);
        var cadence = (await _h.Store.FindCampaignAsync(CampaignId, default))!.Settings.Cadence;
        Assert.Equal(12, cadence.PromptsPerDay);
        Assert.Equal([DayOfWeek.Saturday, DayOfWeek.Sunday], cadence.Days);
        Assert.Equal(CampaignEvents.Replan, Assert.Single(_h.Durable.RaisedEvents).EventName);
    }

    [Theory]
    [InlineData("0", "mon")]
    [InlineData("51", "mon")]
    [InlineData("five", "mon")]
    [InlineData("5", "someday")]
    public async Task An_unusable_cadence_is_refused_with_a_reason_and_nothing_changes(string perDay, string day)
    {
        var response = await PostAsync(OwnerToken(), "cadence", ("perDay", perDay), ("days", day));

        Assert.Equal(400, response.Status);
        Assert.Contains("at least one sending day", response.Body, StringComparison.Ordinal);
        Assert.Equal(5, (await _h.Store.FindCampaignAsync(CampaignId, default))!.Settings.Cadence.PromptsPerDay);
        Assert.Empty(_h.Durable.RaisedEvents);
    }

    [Fact]
    public async Task Delete_needs_the_campaign_name_typed_and_then_removes_everything()
    {
        var token = OwnerToken();

        var wrong = await PostAsync(token, "delete", ("confirmName", "something else"));
        Assert.Equal($"/api/c/{token}?done=delete-mismatch", wrong.Header("Location"));
        Assert.NotNull(await _h.Store.FindCampaignAsync(CampaignId, default));

        var right = await PostAsync(token, "delete", ("confirmName", " connections.CSV "));
        Assert.Equal(200, right.Status);
        Assert.Contains("Campaign deleted", right.Body, StringComparison.Ordinal);
        Assert.Null(await _h.Store.FindCampaignAsync(CampaignId, default));
        Assert.Equal(404, (await GetAsync(token)).Status);
    }

    [Fact]
    public async Task A_fresh_link_works_and_every_earlier_link_stops_working()
    {
        var old = OwnerToken();

        var response = await PostAsync(old, "new-link");

        Assert.Equal(303, response.Status);
        var location = response.Header("Location")!;
        Assert.StartsWith("/api/c/", location, StringComparison.Ordinal);
        var fresh = location["/api/c/".Length..location.IndexOf('?', StringComparison.Ordinal)];
        Assert.NotEqual(old, fresh);
        Assert.Equal(200, (await GetAsync(fresh)).Status);
        Assert.Equal(404, (await GetAsync(old)).Status);
        Assert.Equal(404, (await PostAsync(old, "pause")).Status);
        Assert.Contains(_h.Links.OwnerPageUrl(old).Host, _h.Links.OwnerPageUrl((await _h.Store.FindCampaignAsync(CampaignId, default))!).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Shortlist_downloads_are_authorised_by_the_owner_link()
    {
        var token = OwnerToken();
        var context = _h.Get($"/api/c/{token}/shortlist", "?format=csv");

        var response = await ExecuteAsync(await _h.Handler<OwnerPageHandler>().GetShortlistAsync(context.Request, token, default), context);

        Assert.Equal(200, response.Status);
        Assert.StartsWith("text/csv", response.ContentType, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Working_ahead_opens_the_next_reply_forms_one_after_another_then_returns_to_the_page()
    {
        var owner = OwnerToken();

        var start = await PostAsync(owner, "ahead");
        Assert.Equal(303, start.Status);
        var location = start.Header("Location")!;
        for (var step = 1; step <= Pending.Length; step++)
        {
            Assert.Contains($"?ahead={owner}&step={step}&of={Pending.Length}", location, StringComparison.Ordinal);
            var replyToken = location["/api/r/".Length..location.IndexOf('?', StringComparison.Ordinal)];
            var query = location[location.IndexOf('?', StringComparison.Ordinal)..];

            var form = _h.Get($"/api/r/{replyToken}", query);
            var page = await ExecuteAsync(await _h.Handler<ReplyPageHandler>().GetAsync(form.Request, replyToken, default), form);
            Assert.Contains($"Working ahead: prompt {step} of {Pending.Length}", page.Body, StringComparison.Ordinal);
            Assert.Contains($"action=\"/api/r/{replyToken}?ahead={owner}&amp;step={step}&amp;of={Pending.Length}\"", page.Body, StringComparison.Ordinal);

            var post = _h.PostForm($"/api/r/{replyToken}", ("relationship", "peer"), ("strength", "3"));
            post.Request.QueryString = new Microsoft.AspNetCore.Http.QueryString(query);
            var saved = await ExecuteAsync(await _h.Handler<ReplyPageHandler>().PostAsync(post.Request, replyToken, _h.Durable, default), post);
            Assert.Equal(303, saved.Status);
            location = saved.Header("Location")!;
        }

        Assert.Equal($"/api/c/{owner}?done=ahead", location);
        var replies = await _h.Store.GetRepliesAsync(CampaignId, default);
        Assert.All(Pending, p => Assert.Contains(replies, r => r.ConnectionId == p.Id && r.Answers.Relationship == RelationshipKind.Peer));
        Assert.Equal(303, (await PostAsync(owner, "ahead")).Status);
        Assert.Equal($"/api/c/{owner}?done=nothing-ahead", (await PostAsync(owner, "ahead")).Header("Location"));
    }

    [Fact]
    public async Task A_continuation_with_another_campaigns_or_a_revoked_owner_token_is_ignored()
    {
        var replyToken = _h.TokenFor(Ada);
        foreach (var ahead in new[] { _h.Links.OwnerTokens.Issue("aaaaaaaaaaaaaaaa", 0, Start.AddDays(1)), _h.Links.OwnerTokens.Issue(CampaignId, 99, Start.AddDays(1)), replyToken })
        {
            var post = _h.PostForm($"/api/r/{replyToken}", ("relationship", "peer"));
            post.Request.QueryString = new Microsoft.AspNetCore.Http.QueryString($"?ahead={ahead}&step=1&of=2");

            var saved = await ExecuteAsync(await _h.Handler<ReplyPageHandler>().PostAsync(post.Request, replyToken, _h.Durable, default), post);

            Assert.Equal(200, saved.Status);
            Assert.DoesNotContain("Working ahead", saved.Body, StringComparison.Ordinal);
        }
    }

    private async Task<Response> GetAsync(string token, string? query = null)
    {
        var context = _h.Get($"/api/c/{token}", query);
        return await ExecuteAsync(await _h.Handler<OwnerPageHandler>().GetAsync(context.Request, token, _h.Durable, default), context);
    }

    private async Task<Response> PostAsync(string token, string action, params (string Name, string Value)[] fields)
    {
        var context = _h.PostForm($"/api/c/{token}/{action}", fields);
        return await ExecuteAsync(await _h.Handler<OwnerPageHandler>().PostAsync(context.Request, token, action, _h.Durable, default), context);
    }
}
