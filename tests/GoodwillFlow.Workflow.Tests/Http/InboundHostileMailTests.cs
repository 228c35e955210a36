using System.Net.Http.Headers;
using System.Text;
using GoodwillFlow.Workflow.Http;
using static GoodwillFlow.Workflow.Tests.Http.HttpTestHarness;

namespace GoodwillFlow.Workflow.Tests.Http;

/// <summary>
/// Inbound Parse posts from someone who is not the owner, dressed up as the owner with every header trick (issue 8,
/// defect 3), and replies in charsets other than UTF-8 (issue 10). Each forged post is answered 200 so SendGrid does not
/// retry it, records nothing and logs only the reason's category.
/// </summary>
public sealed class InboundHostileMailTests : IAsyncLifetime, IDisposable
{
    private const string Owner = "owner.person@example.com";
    private const string Eve = "eve@example.org";
    private readonly HttpTestHarness _h = new();

    static InboundHostileMailTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public Task InitializeAsync() => _h.SeedAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _h.Dispose();

    public static TheoryData<string, string, string> ForgedFromHeaders => new()
    {
        { "stranger first, owner second", $"Eve <{Eve}>, Owner Person <{Owner}>", "sender is not the owner" },
        { "owner first, stranger second", $"{Owner}, {Eve}", "sender is not the owner" },
        { "owner twice", $"{Owner}, Owner Person <{Owner}>", "sender is not the owner" },
        { "group syntax", $"Team: {Owner}, {Eve};", "sender is not the owner" },
        { "group of the owner alone", $"Team: {Owner};", "sender is not the owner" },
        { "owner's address as the display name", $"\"{Owner}\" <{Eve}>", "sender is not the owner" },
        { "owner's address as an unquoted display name", $"{Owner} <{Eve}>", "sender is not the owner" },
        { "encoded-word display name holding the owner's address", $"=?UTF-8?B?{Convert.ToBase64String(Encoding.UTF8.GetBytes(Owner))}?= <{Eve}>", "sender is not the owner" },
        { "encoded-word with an angle address inside", $"=?UTF-8?Q?Owner_<{Owner}>?= <{Eve}>", "sender is not the owner" },
        { "comment holding the owner's address", $"{Eve} ({Owner})", "sender is not the owner" },
        { "source route to the owner", $"<@relay.example.org:{Owner}>", "sender is not the owner" },
        { "empty From", "", "sender is not the owner" },
        { "owner's local part at another domain", "owner.person@example.com.evil.org", "sender is not the owner" },
    };

    [Theory]
    [MemberData(nameof(ForgedFromHeaders))]
    public async Task A_from_header_that_is_not_the_owner_alone_is_dropped(string trick, string from, string reason)
    {
        Assert.NotNull(trick);
        var mail = Mail(_h.TokenFor(Ada));
        mail["from"] = from;

        var response = await PostAsync(mail);

        AssertDropped(response, reason);
    }

    [Theory]
    [InlineData(Eve)]
    [InlineData("")]
    [InlineData("not an address")]
    public async Task An_envelope_sender_other_than_the_owner_is_dropped_even_when_from_is_the_owner(string envelopeFrom)
    {
        var token = _h.TokenFor(Ada);
        var mail = Mail(token);
        mail["envelope"] = $$"""{"to":["reply+{{token}}@in.goodwill.example.net"],"from":"{{envelopeFrom}}"}""";

        AssertDropped(await PostAsync(mail), "envelope sender is not the owner");
    }

    [Fact]
    public async Task A_post_without_an_envelope_is_dropped()
    {
        var mail = Mail(_h.TokenFor(Ada));
        mail.Remove("envelope");

        AssertDropped(await PostAsync(mail), "envelope sender is not the owner");
    }

    [Theory]
    [InlineData("fail")]
    [InlineData("softfail")]
    [InlineData(" SoftFail ")]
    public async Task A_failed_spf_check_is_dropped(string spf)
    {
        var mail = Mail(_h.TokenFor(Ada));
        mail["SPF"] = spf;

        AssertDropped(await PostAsync(mail), "SPF check failed");
    }

    [Theory]
    [InlineData("{@example.com : fail}")]
    [InlineData("{@example.com : fail, @sendgrid.net : pass}")]
    public async Task A_failed_dkim_signature_of_the_owners_domain_is_dropped(string dkim)
    {
        var mail = Mail(_h.TokenFor(Ada));
        mail["dkim"] = dkim;

        AssertDropped(await PostAsync(mail), "DKIM check failed for the owner's domain");
    }

    [Theory]
    [InlineData("pass", "{@example.com : pass}")]
    [InlineData("neutral", "{@example.com : pass, @mailer.example.net : fail}")]
    [InlineData("none", "")]
    [InlineData("", "{@example.com : fail, @example.com : pass}")]
    public async Task The_owners_reply_passes_when_spf_and_dkim_do_not_fail(string spf, string dkim)
    {
        var mail = Mail(_h.TokenFor(Ada));
        mail["SPF"] = spf;
        mail["dkim"] = dkim;

        var response = await PostAsync(mail);

        Assert.Equal("Recorded.", response.Body);
        Assert.Single(await _h.Store.GetRepliesAsync(CampaignId, default));
    }

    [Theory]
    [InlineData("\"Person, Owner\" <Owner.Person@Example.com>")]
    [InlineData("=?UTF-8?B?w5Z3bmVy?= <owner.person@example.com>")]
    [InlineData("OWNER.PERSON@EXAMPLE.COM")]
    public async Task The_owners_reply_passes_whatever_display_name_the_mail_client_wrote(string from)
    {
        var mail = Mail(_h.TokenFor(Ada));
        mail["from"] = from;

        Assert.Equal("Recorded.", (await PostAsync(mail)).Body);
    }

    [Theory]
    [InlineData("iso-8859-1", "Café crème, naïve façade")]
    [InlineData("windows-1252", "Café “quoted” – 5€ façade")]
    [InlineData("ISO-8859-15", "Café 5€ œuvre")]
    public async Task A_reply_in_a_non_utf8_charset_is_decoded_as_the_charsets_field_says(string charset, string notes)
    {
        var token = _h.TokenFor(Ada);
        var mail = Mail(token);
        mail["charsets"] = $$"""{"to":"UTF-8","from":"UTF-8","subject":"UTF-8","text":"{{charset}}"}""";
        var text = $"1. peer\n9. {notes}\n";

        var response = await PostRawAsync(mail, ("text", Encoding.GetEncoding(charset).GetBytes(text)));

        Assert.Equal("Recorded.", response.Body);
        Assert.Equal(notes, Assert.Single(await _h.Store.GetRepliesAsync(CampaignId, default)).Answers.Notes);
    }

    [Fact]
    public async Task A_part_with_its_own_charset_is_decoded_in_it_when_the_charsets_field_is_missing()
    {
        var mail = Mail(_h.TokenFor(Ada));
        mail.Remove("charsets");

        var response = await PostRawAsync(mail, ("text", Encoding.Latin1.GetBytes("1. peer\n9. Crème brûlée\n")), partCharset: "iso-8859-1");

        Assert.Equal("Recorded.", response.Body);
        Assert.Equal("Crème brûlée", Assert.Single(await _h.Store.GetRepliesAsync(CampaignId, default)).Answers.Notes);
    }

    [Fact]
    public async Task An_unknown_charset_in_the_charsets_field_falls_back_to_utf8()
    {
        var mail = Mail(_h.TokenFor(Ada));
        mail["charsets"] = """{"text":"x-no-such-charset"}""";

        var response = await PostRawAsync(mail, ("text", Encoding.UTF8.GetBytes("1. peer\n9. Zoë\n")));

        Assert.Equal("Recorded.", response.Body);
        Assert.Equal("Zoë", Assert.Single(await _h.Store.GetRepliesAsync(CampaignId, default)).Answers.Notes);
    }

    [Theory]
    [InlineData("application/x-www-form-urlencoded; charset=utf-7")]
    [InlineData("application/x-www-form-urlencoded; charset=x-no-such-charset")]
    public async Task A_form_in_a_charset_this_server_does_not_read_gets_415_not_500(string contentType)
    {
        var context = _h.PostBody($"/api/inbound/{InboundSecret}", contentType, "from=a%40b&text=1.+peer"u8.ToArray());

        var result = await _h.Handler<InboundParseHandler>().PostAsync(context.Request, InboundSecret, _h.Durable, default);
        var response = await ExecuteAsync(result, context);

        Assert.Equal(415, response.Status);
        Assert.Empty(await _h.Store.GetRepliesAsync(CampaignId, default));
    }

    [Fact]
    public async Task A_urlencoded_post_in_latin1_is_read()
    {
        var token = _h.TokenFor(Ada);
        var fields = Mail(token);
        fields["text"] = "1. peer\n9. Crème\n";
        var body = string.Join('&', fields.Select(f => $"{f.Key}={System.Web.HttpUtility.UrlEncode(f.Value, Encoding.Latin1)}"));
        var context = _h.PostBody($"/api/inbound/{InboundSecret}", "application/x-www-form-urlencoded; charset=iso-8859-1", Encoding.ASCII.GetBytes(body));

        var result = await _h.Handler<InboundParseHandler>().PostAsync(context.Request, InboundSecret, _h.Durable, default);
        var response = await ExecuteAsync(result, context);

        Assert.Equal("Recorded.", response.Body);
        Assert.Equal("Crème", Assert.Single(await _h.Store.GetRepliesAsync(CampaignId, default)).Answers.Notes);
    }

    private void AssertDropped(Response response, string reason)
    {
        Assert.Equal((200, $"Dropped: {reason}."), (response.Status, response.Body));
        Assert.Empty(_h.Store.GetRepliesAsync(CampaignId, default).GetAwaiter().GetResult());
        Assert.Empty(_h.Durable.RaisedEvents);
        Assert.DoesNotContain("eve@", _h.Logs.All, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("owner.person", _h.Logs.All, StringComparison.OrdinalIgnoreCase);
    }

    private static Dictionary<string, string> Mail(string token) => new()
    {
        ["headers"] = "Received: by mx.sendgrid.net\nSubject: Re: About Ada Lovelace",
        ["from"] = $"Owner Person <{Owner}>",
        ["to"] = $"GoodwillFlow <reply+{token}@in.goodwill.example.net>",
        ["subject"] = "Re: About Ada Lovelace",
        ["text"] = "1. peer\n4. 4\n",
        ["envelope"] = $$"""{"to":["reply+{{token}}@in.goodwill.example.net"],"from":"{{Owner}}"}""",
        ["charsets"] = """{"to":"UTF-8","from":"UTF-8","subject":"UTF-8","text":"UTF-8"}""",
        ["SPF"] = "pass",
        ["dkim"] = "{@example.com : pass}",
    };

    private async Task<Response> PostAsync(Dictionary<string, string> mail)
    {
        var context = _h.PostMultipart($"/api/inbound/{InboundSecret}", mail);
        var result = await _h.Handler<InboundParseHandler>().PostAsync(context.Request, InboundSecret, _h.Durable, default);
        var response = await ExecuteAsync(result, context);
        ReplyPageHandlerTests.AssertNoInternals(response.Body);
        return response;
    }

    /// <summary>Posts the fields as SendGrid does: parts without a Content-Type, one of them raw bytes in its own charset.</summary>
    private async Task<Response> PostRawAsync(Dictionary<string, string> mail, (string Name, byte[] Bytes) raw, string? partCharset = null)
    {
        using var content = new MultipartFormDataContent("----sendgrid-like-boundary");
        foreach (var (name, value) in mail.Where(f => f.Key != raw.Name))
        {
            var part = new ByteArrayContent(Encoding.UTF8.GetBytes(value));
            content.Add(part, name);
        }

        var rawPart = new ByteArrayContent(raw.Bytes);
        if (partCharset is not null)
        {
            rawPart.Headers.ContentType = new MediaTypeHeaderValue("text/plain") { CharSet = partCharset };
        }

        content.Add(rawPart, raw.Name);
        var bytes = await content.ReadAsByteArrayAsync();
        var context = _h.PostBody($"/api/inbound/{InboundSecret}", content.Headers.ContentType!.ToString(), bytes);
        var result = await _h.Handler<InboundParseHandler>().PostAsync(context.Request, InboundSecret, _h.Durable, default);
        return await ExecuteAsync(result, context);
    }
}
