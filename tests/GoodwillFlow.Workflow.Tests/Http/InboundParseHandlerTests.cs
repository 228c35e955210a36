using GoodwillFlow.Core.Replies;
using GoodwillFlow.Workflow.Http;
using GoodwillFlow.Workflow.Orchestration;
using Microsoft.Extensions.DependencyInjection;
using static GoodwillFlow.Workflow.Tests.Http.HttpTestHarness;

namespace GoodwillFlow.Workflow.Tests.Http;

public sealed class InboundParseHandlerTests : IAsyncLifetime, IDisposable
{
    private const string OwnerFrom = "Owner Person <owner.person@example.com>";
    private readonly HttpTestHarness _h = new();

    public Task InitializeAsync() => _h.SeedAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task A_gmail_reply_with_the_quoted_thread_is_recorded_from_the_reply_address()
    {
        var token = _h.TokenFor(Ada);

        var response = await PostAsync(Mail(token, GmailReply(token)));

        Assert.Equal(200, response.Status);
        Assert.Equal("Recorded.", response.Body);
        var reply = Assert.Single(await _h.Store.GetRepliesAsync(CampaignId, default));
        Assert.Equal(Ada.Id, reply.ConnectionId);
        Assert.Equal(ReplyChannel.Email, reply.Channel);
        Assert.Equal(RelationshipKind.Peer, reply.Answers.Relationship);
        Assert.Equal("We sat next to each other on the payments team", reply.Answers.HowWeKnow);
        Assert.Equal(4, reply.Answers.Strength);
        Assert.Equal(HelpKind.Refer, reply.Answers.CouldHelp);
        Assert.Null(reply.Answers.SharedProject);
        Assert.Equal((CampaignId, CampaignEvents.ReplyRecorded, (object?)Ada.Id), Assert.Single(_h.Durable.RaisedEvents));
    }

    [Fact]
    public async Task A_wrong_secret_gets_404_records_nothing_and_logs_nothing_personal()
    {
        var token = _h.TokenFor(Ada);
        var mail = Mail(token, GmailReply(token));

        var response = await PostAsync(mail, secret: "guessed-secret");

        Assert.Equal(404, response.Status);
        Assert.Empty(await _h.Store.GetRepliesAsync(CampaignId, default));
        var logs = _h.Logs.All;
        Assert.Contains("secret did not match", logs, StringComparison.Ordinal);
        Assert.DoesNotContain("guessed-secret", logs, StringComparison.Ordinal);
        Assert.DoesNotContain(InboundSecret, logs, StringComparison.Ordinal);
        Assert.DoesNotContain("owner.person", logs, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(token, logs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mail_from_anyone_but_the_owner_is_dropped_with_200_so_sendgrid_does_not_retry()
    {
        var token = _h.TokenFor(Ada);
        var mail = Mail(token, GmailReply(token));
        mail["from"] = "Eve <eve@example.org>";
        mail["envelope"] = $$"""{"to":["reply+{{token}}@in.goodwill.example.net"],"from":"eve@example.org"}""";

        var response = await PostAsync(mail);

        Assert.Equal(200, response.Status);
        Assert.StartsWith("Dropped", response.Body, StringComparison.Ordinal);
        Assert.Empty(await _h.Store.GetRepliesAsync(CampaignId, default));
        Assert.Empty(_h.Durable.RaisedEvents);
        Assert.Contains("sender is not the owner", _h.Logs.All, StringComparison.Ordinal);
        Assert.DoesNotContain("eve@", _h.Logs.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reply_address_upper_cased_by_a_mail_system_is_accepted()
    {
        var token = _h.TokenFor(Ada);
        var mail = Mail(token, GmailReply(token));
        var upper = $"REPLY+{token.ToUpperInvariant()}@IN.GOODWILL.EXAMPLE.NET";
        mail["to"] = $"GoodwillFlow <{upper}>";
        mail["envelope"] = $$"""{"to":["{{upper}}"],"from":"OWNER.PERSON@EXAMPLE.COM"}""";
        mail["text"] = "1. peer\n4. 4\n";

        var response = await PostAsync(mail);

        Assert.Equal("Recorded.", response.Body);
        Assert.Equal(Ada.Id, Assert.Single(await _h.Store.GetRepliesAsync(CampaignId, default)).ConnectionId);
    }

    [Fact]
    public async Task A_token_found_only_in_the_quoted_reply_link_is_accepted()
    {
        var token = _h.TokenFor(Ada);
        var mail = Mail(token, GmailReply(token));
        mail["to"] = "GoodwillFlow <replies@in.goodwill.example.net>";
        mail["envelope"] = """{"to":["replies@in.goodwill.example.net"],"from":"owner.person@example.com"}""";

        var response = await PostAsync(mail);

        Assert.Equal("Recorded.", response.Body);
        Assert.Equal(RelationshipKind.Peer, Assert.Single(await _h.Store.GetRepliesAsync(CampaignId, default)).Answers.Relationship);
    }

    [Fact]
    public async Task An_html_only_reply_is_read_without_its_quoted_thread()
    {
        var token = _h.TokenFor(Ada);
        var mail = Mail(token, text: "");
        mail["html"] = $$"""
            <html><head><style>p{color:red}</style></head><body>
            <div dir="ltr">1. client<br>4. 5<br>9. Owes me a coffee &amp; a reference</div>
            <div class="gmail_quote"><div class="gmail_attr">On Tue, 3 Mar 2026 GoodwillFlow wrote:</div>
            <blockquote class="gmail_quote">1. How do you know them? (boss / report / peer)<br>
            <blockquote>older: 1. peer</blockquote>
            <a href="https://goodwill.example.net/api/r/{{token}}?choice=peer">Peer</a></blockquote></div>
            </body></html>
            """;

        var response = await PostAsync(mail);

        Assert.Equal("Recorded.", response.Body);
        var answers = Assert.Single(await _h.Store.GetRepliesAsync(CampaignId, default)).Answers;
        Assert.Equal(RelationshipKind.Client, answers.Relationship);
        Assert.Equal(5, answers.Strength);
        Assert.Equal("Owes me a coffee & a reference", answers.Notes);
    }

    [Theory]
    [InlineData("Thanks, will think about it over the weekend and get back to you with something more complete")]
    [InlineData("")]
    public async Task A_reply_with_no_recognisable_answers_is_dropped_with_200(string text)
    {
        var token = _h.TokenFor(Ada);

        var response = await PostAsync(Mail(token, text));

        Assert.Equal(200, response.Status);
        Assert.StartsWith("Dropped", response.Body, StringComparison.Ordinal);
        Assert.Empty(await _h.Store.GetRepliesAsync(CampaignId, default));
    }

    [Fact]
    public async Task A_tampered_or_expired_token_is_dropped_with_200()
    {
        var token = _h.TokenFor(Ada);
        var tampered = token[..^1] + (token[^1] == 'a' ? 'b' : 'a');

        var tamperedResponse = await PostAsync(Mail(tampered, "1. peer"));
        _h.Clock.Advance(TimeSpan.FromDays(31));
        var expiredResponse = await PostAsync(Mail(token, "1. peer"));

        Assert.Equal((200, "Dropped: no valid token."), (tamperedResponse.Status, tamperedResponse.Body));
        Assert.Equal((200, "Dropped: expired token."), (expiredResponse.Status, expiredResponse.Body));
        Assert.Empty(await _h.Store.GetRepliesAsync(CampaignId, default));
    }

    [Fact]
    public async Task A_post_over_the_size_limit_is_dropped_with_200_before_it_is_read()
    {
        using var small = new HttpTestHarness(s => s.Configure<HttpHandlerOptions>(o => o.MaxInboundBytes = 2048));
        await small.SeedAsync();
        var token = small.TokenFor(Ada);
        var mail = Mail(token, "1. peer\n" + new string('x', 4096));
        var context = small.PostMultipart($"/api/inbound/{InboundSecret}", mail);

        var result = await small.Handler<InboundParseHandler>().PostAsync(context.Request, InboundSecret, small.Durable, default);
        var response = await ExecuteAsync(result, context);

        Assert.Equal((200, "Dropped: too large."), (response.Status, response.Body));
        Assert.Empty(await small.Store.GetRepliesAsync(CampaignId, default));
    }

    [Fact]
    public async Task A_body_that_is_not_a_form_is_dropped_with_200()
    {
        var context = _h.PostBody($"/api/inbound/{InboundSecret}", "application/json", "{\"text\":\"1. peer\"}"u8.ToArray());

        var result = await _h.Handler<InboundParseHandler>().PostAsync(context.Request, InboundSecret, _h.Durable, default);
        var response = await ExecuteAsync(result, context);

        Assert.Equal((200, "Dropped: not a form post."), (response.Status, response.Body));
    }

    [Fact]
    public void Html_to_text_keeps_line_breaks_and_drops_nested_quotes()
    {
        var text = InboundMail.HtmlToText(
            "<div>one<br/>two</div><p>three &lt;4&gt;</p><blockquote>q1<blockquote>q2</blockquote>q3</blockquote><BLOCKQUOTE>q4</BLOCKQUOTE>end");

        Assert.Equal("one\ntwo\nthree <4>\nend", text);
    }

    [Theory]
    [InlineData("owner.person@example.com", "owner.person@example.com")]
    [InlineData("\"Person, Owner\" <Owner.Person@Example.com>", "Owner.Person@Example.com")]
    [InlineData("=?UTF-8?B?w5Z3bmVy?= <owner.person@example.com>", "owner.person@example.com")]
    [InlineData("Owner, Person <owner.person@example.com>", "owner.person@example.com")]
    [InlineData("not an address", null)]
    public void Reads_the_sender_address_from_the_forms_mail_clients_write(string from, string? expected)
    {
        Assert.Equal(expected, InboundMail.Address(from));
    }

    private static string GmailReply(string token) => $"""
        1. peer
        2. We sat next to each other on the payments team
        4. 4
        7. refer

        Thanks!
        Sam

        On Tue, 3 Mar 2026 at 10:02, GoodwillFlow <prompts@goodwill.example.net> wrote:
        > Ada Lovelace — Engineering Manager at Analytical Engines & Co
        >
        > 1. How do you know them? (boss / report / peer / client / classmate / met once / don't remember)
        > 3. A project you did together?
        > Answer on the page: https://goodwill.example.net/api/r/{token}?choice=boss
        """.ReplaceLineEndings("\r\n");

    private static Dictionary<string, string> Mail(string token, string text) => new()
    {
        ["headers"] = "Received: by mx.sendgrid.net\nSubject: Re: About Ada Lovelace",
        ["from"] = OwnerFrom,
        ["to"] = $"GoodwillFlow <reply+{token}@in.goodwill.example.net>",
        ["subject"] = "Re: About Ada Lovelace",
        ["text"] = text,
        ["envelope"] = $$"""{"to":["reply+{{token}}@in.goodwill.example.net"],"from":"owner.person@example.com"}""",
        ["charsets"] = """{"to":"UTF-8","from":"UTF-8","subject":"UTF-8","text":"UTF-8"}""",
        ["SPF"] = "pass",
    };

    private async Task<Response> PostAsync(Dictionary<string, string> mail, string secret = InboundSecret)
    {
        var context = _h.PostMultipart($"/api/inbound/{secret}", mail);
        var result = await _h.Handler<InboundParseHandler>().PostAsync(context.Request, secret, _h.Durable, default);
        var response = await ExecuteAsync(result, context);
        ReplyPageHandlerTests.AssertNoInternals(response.Body);
        return response;
    }
}
