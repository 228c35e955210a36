using GoodwillFlow.Core.Replies;
using GoodwillFlow.Core.ReplyPage;
using GoodwillFlow.Workflow.Http;
using GoodwillFlow.Workflow.Orchestration;
using Microsoft.DurableTask.Client;
using static GoodwillFlow.Workflow.Tests.Http.HttpTestHarness;

namespace GoodwillFlow.Workflow.Tests.Http;

public sealed class ReplyPageHandlerTests : IAsyncLifetime, IDisposable
{
    private readonly HttpTestHarness _h = new();

    public Task InitializeAsync() => _h.SeedAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task Shows_the_form_about_the_connection_with_strict_headers()
    {
        var response = await GetPageAsync(_h.TokenFor(Ada));

        Assert.Equal(200, response.Status);
        Assert.Equal("text/html; charset=utf-8", response.ContentType);
        Assert.Equal("no-store", response.Header("Cache-Control"));
        Assert.Contains("noindex", response.Header("X-Robots-Tag"), StringComparison.Ordinal);
        Assert.Equal("no-referrer", response.Header("Referrer-Policy"));
        var csp = response.Header("Content-Security-Policy")!;
        Assert.Contains("default-src 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("script-src", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);

        var html = response.Body;
        Assert.Contains("Ada Lovelace", html, StringComparison.Ordinal);
        Assert.Contains("Analytical Engines &amp; Co", html, StringComparison.Ordinal);
        Assert.Contains("name=\"viewport\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains($"action=\"/api/r/{_h.TokenFor(Ada)}\"", html, StringComparison.Ordinal);
        foreach (var field in new[] { "relationship", "strength", "theirPerception", "yourPerception", "couldHelp" })
        {
            Assert.Contains($"name=\"{field}\"", html, StringComparison.Ordinal);
        }

        foreach (var field in new[] { "howWeKnow", "sharedProject", "canOffer", "notes" })
        {
            Assert.Contains($"<textarea id=\"{field}\" name=\"{field}\"", html, StringComparison.Ordinal);
            Assert.Contains($"<label class=\"text\" for=\"{field}\">", html, StringComparison.Ordinal);
        }

        Assert.Contains("name=\"skip\" value=\"true\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Encodes_every_value_from_the_export()
    {
        var html = (await GetPageAsync(_h.TokenFor(Mallory))).Body;

        Assert.DoesNotContain("<script>alert(1)</script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>Evil</b>", html, StringComparison.Ordinal);
        Assert.Contains("O&#39;Brien &quot;Zo&#235;&quot;", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("boss")]
    [InlineData("report")]
    [InlineData("peer")]
    [InlineData("client")]
    [InlineData("classmate")]
    [InlineData("met-once")]
    [InlineData("dont-remember")]
    [InlineData("skip")]
    [InlineData("not-a-choice")]
    public async Task A_get_never_records_anything_whatever_the_choice(string? choice)
    {
        var token = _h.TokenFor(Ada);
        for (var i = 0; i < 3; i++)
        {
            var response = await GetPageAsync(token, choice);
            Assert.Equal(200, response.Status);
        }

        Assert.Empty(await _h.Store.GetRepliesAsync(CampaignId, default));
        Assert.Empty(_h.Durable.RaisedEvents);
    }

    [Theory]
    [InlineData("peer")]
    [InlineData("boss")]
    [InlineData("met-once")]
    public async Task Pre_fills_the_relationship_from_the_one_click_choice(string choice)
    {
        var html = (await GetPageAsync(_h.TokenFor(Ada), choice)).Body;

        Assert.Contains($"value=\"{choice}\" checked", html, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "name=\"relationship\"[^>]*checked"));
    }

    [Fact]
    public async Task Skip_choice_asks_the_owner_to_confirm_rather_than_recording()
    {
        var html = (await GetPageAsync(_h.TokenFor(Ada), "skip")).Body;

        Assert.Contains("You chose to skip this person", html, StringComparison.Ordinal);
        Assert.Empty(await _h.Store.GetRepliesAsync(CampaignId, default));
    }

    [Fact]
    public async Task Pre_fills_from_the_reply_already_recorded()
    {
        await _h.Store.SaveReplyAsync(
            new RecordedReply(CampaignId, Ada.Id, new ReplyAnswers
            {
                Relationship = RelationshipKind.Client,
                Strength = 4,
                CouldHelp = HelpKind.Refer | HelpKind.Advise,
                Notes = "Met at <PyCon> & kept in touch",
            }, ReplyChannel.ReplyPage, Start),
            default);

        var html = (await GetPageAsync(_h.TokenFor(Ada))).Body;

        Assert.Contains("value=\"client\" checked", html, StringComparison.Ordinal);
        Assert.Contains("id=\"strength-4\" value=\"4\" checked", html, StringComparison.Ordinal);
        Assert.Contains("value=\"refer\" checked", html, StringComparison.Ordinal);
        Assert.Contains("value=\"advise\" checked", html, StringComparison.Ordinal);
        Assert.DoesNotContain("value=\"introduce\" checked", html, StringComparison.Ordinal);
        Assert.Contains("Met at &lt;PyCon&gt; &amp; kept in touch</textarea>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Posting_records_the_reply_raises_the_event_and_thanks_the_owner()
    {
        var response = await PostAsync(
            _h.TokenFor(Ada),
            ("relationship", "peer"),
            ("howWeKnow", "We rebuilt the billing system together"),
            ("sharedProject", "Billing v2"),
            ("strength", "4"),
            ("theirPerception", "5"),
            ("yourPerception", "4"),
            ("couldHelp", "introduce"),
            ("couldHelp", "refer"),
            ("canOffer", "Intro to our data team"),
            ("notes", ""));

        Assert.Equal(200, response.Status);
        Assert.Contains("Thank you", response.Body, StringComparison.Ordinal);
        Assert.Contains("Ada Lovelace", response.Body, StringComparison.Ordinal);
        Assert.Equal("no-store", response.Header("Cache-Control"));

        var reply = Assert.Single(await _h.Store.GetRepliesAsync(CampaignId, default));
        Assert.Equal(Ada.Id, reply.ConnectionId);
        Assert.Equal(ReplyChannel.ReplyPage, reply.Channel);
        Assert.Equal(Start, reply.ReceivedAt);
        Assert.Equal(
            new ReplyAnswers
            {
                Relationship = RelationshipKind.Peer,
                HowWeKnow = "We rebuilt the billing system together",
                SharedProject = "Billing v2",
                Strength = 4,
                TheirPerception = 5,
                YourPerception = 4,
                CouldHelp = HelpKind.Introduce | HelpKind.Refer,
                CanOffer = "Intro to our data team",
                Notes = null,
            },
            reply.Answers);

        var raised = Assert.Single(_h.Durable.RaisedEvents);
        Assert.Equal((CampaignId, CampaignEvents.ReplyRecorded, (object?)Ada.Id), raised);
    }

    [Fact]
    public async Task Posting_twice_updates_the_one_reply()
    {
        var token = _h.TokenFor(Ada);
        await PostAsync(token, ("relationship", "peer"), ("strength", "2"));
        _h.Clock.Advance(TimeSpan.FromHours(1));
        var second = await PostAsync(token, ("relationship", "boss"), ("strength", "5"));

        Assert.Equal(200, second.Status);
        var reply = Assert.Single(await _h.Store.GetRepliesAsync(CampaignId, default));
        Assert.Equal(RelationshipKind.Boss, reply.Answers.Relationship);
        Assert.Equal(5, reply.Answers.Strength);
        Assert.Equal(Start.AddHours(1), reply.ReceivedAt);
        Assert.Equal(2, _h.Durable.RaisedEvents.Count);
    }

    [Fact]
    public async Task The_skip_button_records_skip_even_with_a_half_filled_form()
    {
        var response = await PostAsync(_h.TokenFor(Ada), ("strength", "9"), ("skip", "true"));

        Assert.Equal(200, response.Status);
        var reply = Assert.Single(await _h.Store.GetRepliesAsync(CampaignId, default));
        Assert.True(reply.Answers.Skip);
    }

    [Theory]
    [InlineData("strength", "7")]
    [InlineData("theirPerception", "0")]
    [InlineData("yourPerception", "three")]
    public async Task An_out_of_range_scale_brings_the_form_back_with_a_message_and_the_text_kept(string field, string value)
    {
        var response = await PostAsync(
            _h.TokenFor(Ada),
            ("relationship", "client"),
            ("howWeKnow", "She hired us for the <migration> & stayed a friend"),
            (field, value));

        Assert.Equal(400, response.Status);
        Assert.Equal("text/html; charset=utf-8", response.ContentType);
        Assert.Contains("choose a number from 1 to 5", response.Body, StringComparison.Ordinal);
        Assert.Contains($"id=\"{field}-error\"", response.Body, StringComparison.Ordinal);
        Assert.Contains("She hired us for the &lt;migration&gt; &amp; stayed a friend</textarea>", response.Body, StringComparison.Ordinal);
        Assert.Contains("value=\"client\" checked", response.Body, StringComparison.Ordinal);
        Assert.Empty(await _h.Store.GetRepliesAsync(CampaignId, default));
        Assert.Empty(_h.Durable.RaisedEvents);
    }

    [Fact]
    public async Task Too_long_text_is_refused_with_the_limit_and_kept_whole()
    {
        var longText = string.Concat(Enumerable.Repeat("We shipped a lot together. ", 100)).Trim();
        Assert.True(longText.Length > ReplyPageRenderer.MaxTextLength);

        var response = await PostAsync(_h.TokenFor(Ada), ("notes", longText), ("strength", "3"));

        Assert.Equal(400, response.Status);
        Assert.Contains($"your text is {longText.Length:N0} characters; the limit is 2,000", response.Body, StringComparison.Ordinal);
        Assert.Contains(longText + "</textarea>", response.Body, StringComparison.Ordinal);
        Assert.Contains("id=\"strength-3\" value=\"3\" checked", response.Body, StringComparison.Ordinal);
        Assert.Empty(await _h.Store.GetRepliesAsync(CampaignId, default));
    }

    [Fact]
    public async Task An_unknown_relationship_is_refused_with_a_message()
    {
        var response = await PostAsync(_h.TokenFor(Ada), ("relationship", "nemesis"));

        Assert.Equal(400, response.Status);
        Assert.Contains("choose one of the listed options", response.Body, StringComparison.Ordinal);
        Assert.Empty(await _h.Store.GetRepliesAsync(CampaignId, default));
    }

    [Fact]
    public async Task An_expired_link_gets_a_friendly_410_page_on_get_and_post()
    {
        var token = _h.TokenFor(Ada);
        _h.Clock.Advance(TimeSpan.FromDays(31));

        var get = await GetPageAsync(token);
        var post = await PostAsync(token, ("strength", "4"));

        foreach (var response in new[] { get, post })
        {
            Assert.Equal(410, response.Status);
            Assert.Equal("text/html; charset=utf-8", response.ContentType);
            Assert.Contains("This link has expired", response.Body, StringComparison.Ordinal);
            Assert.DoesNotContain(token, response.Body, StringComparison.Ordinal);
            AssertNoInternals(response.Body);
        }

        Assert.Empty(await _h.Store.GetRepliesAsync(CampaignId, default));
    }

    [Theory]
    [InlineData("flip")]
    [InlineData("truncate")]
    [InlineData("garbage")]
    [InlineData("empty-ish")]
    public async Task A_tampered_link_gets_a_friendly_404_page(string damage)
    {
        var token = _h.TokenFor(Ada);
        var bad = damage switch
        {
            "flip" => token[..^1] + (token[^1] == 'a' ? 'b' : 'a'),
            "truncate" => token[..(token.Length / 2)],
            "garbage" => "this-is-not-a-token<script>",
            _ => " ",
        };

        var get = await GetPageAsync(bad);
        var post = await PostAsync(bad, ("strength", "4"));

        foreach (var response in new[] { get, post })
        {
            Assert.Equal(404, response.Status);
            Assert.Contains("This link does not work", response.Body, StringComparison.Ordinal);
            Assert.DoesNotContain("<script>", response.Body, StringComparison.Ordinal);
            AssertNoInternals(response.Body);
        }

        Assert.Empty(await _h.Store.GetRepliesAsync(CampaignId, default));
    }

    [Fact]
    public async Task A_link_to_a_deleted_campaign_gets_a_friendly_404_page()
    {
        var token = _h.TokenFor(Ada);
        await _h.Store.DeleteCampaignAsync(CampaignId, default);

        var get = await GetPageAsync(token);
        var post = await PostAsync(token, ("strength", "4"));

        foreach (var response in new[] { get, post })
        {
            Assert.Equal(404, response.Status);
            Assert.Contains("This campaign is no longer here", response.Body, StringComparison.Ordinal);
            AssertNoInternals(response.Body);
        }

        Assert.Empty(await _h.Store.GetRepliesAsync(CampaignId, default));
    }

    [Theory]
    [InlineData("application/json", "{\"strength\":4}")]
    [InlineData("text/plain", "strength=4")]
    [InlineData("multipart/form-data; boundary=x", "--x--")]
    public async Task A_post_that_is_not_the_form_is_refused_and_records_nothing(string contentType, string body)
    {
        var context = _h.PostBody($"/api/r/{_h.TokenFor(Ada)}", contentType, System.Text.Encoding.UTF8.GetBytes(body));
        var result = await _h.Handler<ReplyPageHandler>().PostAsync(context.Request, _h.TokenFor(Ada), _h.Durable, default);
        var response = await ExecuteAsync(result, context);

        Assert.Equal(415, response.Status);
        Assert.Contains("only accepts its own form", response.Body, StringComparison.Ordinal);
        Assert.Empty(await _h.Store.GetRepliesAsync(CampaignId, default));
    }

    [Theory]
    [InlineData(OrchestrationRuntimeStatus.Completed)]
    [InlineData(OrchestrationRuntimeStatus.Terminated)]
    public async Task A_reply_after_the_campaign_ended_is_stored_without_an_event(OrchestrationRuntimeStatus status)
    {
        _h.Durable.SetInstance(CampaignId, status);

        var response = await PostAsync(_h.TokenFor(Ada), ("strength", "4"));

        Assert.Equal(200, response.Status);
        Assert.Single(await _h.Store.GetRepliesAsync(CampaignId, default));
        Assert.Empty(_h.Durable.RaisedEvents);
    }

    [Fact]
    public async Task A_reply_is_kept_and_thanked_when_the_event_cannot_be_raised()
    {
        _h.Durable.RaiseFailure = new InvalidOperationException("backend unreachable: secret-detail");

        var response = await PostAsync(_h.TokenFor(Ada), ("strength", "4"));

        Assert.Equal(200, response.Status);
        Assert.Contains("Thank you", response.Body, StringComparison.Ordinal);
        AssertNoInternals(response.Body);
        Assert.Single(await _h.Store.GetRepliesAsync(CampaignId, default));
    }

    [Fact]
    public async Task Logs_never_carry_tokens_names_or_answers()
    {
        var token = _h.TokenFor(Ada);
        await GetPageAsync(token, "peer");
        await PostAsync(token, ("howWeKnow", "Secret project Bluebird"), ("strength", "9"));
        await PostAsync(token, ("howWeKnow", "Secret project Bluebird"), ("strength", "4"));
        await GetPageAsync(token[..^2]);

        var logs = _h.Logs.All;
        Assert.NotEmpty(_h.Logs.Lines);
        Assert.DoesNotContain(token, logs, StringComparison.Ordinal);
        Assert.DoesNotContain("Ada", logs, StringComparison.Ordinal);
        Assert.DoesNotContain("Lovelace", logs, StringComparison.Ordinal);
        Assert.DoesNotContain("Bluebird", logs, StringComparison.Ordinal);
    }

    internal static void AssertNoInternals(string body)
    {
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-detail", body, StringComparison.Ordinal);
        Assert.DoesNotContain("GoodwillFlow.", body, StringComparison.Ordinal);
    }

    private async Task<Response> GetPageAsync(string token, string? choice = null)
    {
        var context = _h.Get($"/api/r/{token}", choice is null ? null : $"?choice={Uri.EscapeDataString(choice)}");
        var result = await _h.Handler<ReplyPageHandler>().GetAsync(context.Request, token, default);
        var response = await ExecuteAsync(result, context);
        AssertNoInternals(response.Body);
        return response;
    }

    private async Task<Response> PostAsync(string token, params (string Name, string Value)[] fields)
    {
        var context = _h.PostForm($"/api/r/{token}", fields);
        var result = await _h.Handler<ReplyPageHandler>().PostAsync(context.Request, token, _h.Durable, default);
        var response = await ExecuteAsync(result, context);
        AssertNoInternals(response.Body);
        return response;
    }
}
