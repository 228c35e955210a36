using GoodwillFlow.Core.Connections;
using GoodwillFlow.Core.Email;
using GoodwillFlow.Core.Prompts;
using GoodwillFlow.Core.Replies;

namespace GoodwillFlow.Core.Tests.Email;

public class PromptEmailComposerTests
{
    private static readonly Uri ReplyPage = new("https://goodwill.example/api/r/v1.abc_DEF-123");

    private static ReflectionPrompt Prompt(string first = "Ada", string last = "Lovelace", string? company = "Contoso", string? position = "Senior PM") =>
        ReflectionPromptBuilder.Build(
            new Connection("0123456789abcdef", first, last, "https://www.linkedin.com/in/ada", "ada@example.com", company, position, new DateOnly(2019, 3, 14)),
            new DateOnly(2025, 6, 1));

    private static PromptEmailContext Context(string? replyTo = "reply+v1.abc@inbound.example.com", Uri? replyPage = null) =>
        new("owner@example.com", "fedcba9876543210", replyPage ?? ReplyPage, replyTo, 12, 140);

    [Fact]
    public void Subject_shows_progress_and_name()
    {
        var message = PromptEmailComposer.Compose(Prompt(), Context());

        Assert.Equal("Goodwill 12/140: Ada Lovelace", message.Subject);
        Assert.Equal("owner@example.com", message.To);
    }

    [Fact]
    public void Subject_cannot_carry_line_breaks_or_hidden_characters_from_the_export()
    {
        var message = PromptEmailComposer.Compose(Prompt(first: "Ada\r\nBcc: victim@example.com", last: "\u202Eecalevol"), Context());

        Assert.Equal("Goodwill 12/140: Ada Bcc: victim@example.com ecalevol", message.Subject);
        Assert.DoesNotContain('\n', message.Subject);
        Assert.DoesNotContain('\r', message.Subject);
    }

    [Fact]
    public void Subject_cuts_a_very_long_name()
    {
        var message = PromptEmailComposer.Compose(Prompt(first: new string('A', 100), last: "Z"), Context());

        Assert.Equal("Goodwill 12/140: " + new string('A', 60) + "...", message.Subject);
    }

    [Fact]
    public void Html_encodes_every_value_from_the_export()
    {
        var prompt = Prompt(first: "<script>alert('x')</script>", last: "O'Neil & Sons", company: "Tom & Jerry <b>Inc</b>", position: "\"Chief\" <i>Officer</i>");

        var message = PromptEmailComposer.Compose(prompt, Context());

        Assert.DoesNotContain("<script>", message.HtmlBody, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>Inc", message.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<i>Officer", message.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Tom & Jerry", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; O&#39;Neil &amp; Sons", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("&quot;Chief&quot; &lt;i&gt;Officer&lt;/i&gt; at Tom &amp; Jerry &lt;b&gt;Inc&lt;/b&gt;", message.HtmlBody, StringComparison.Ordinal);
        HtmlAssert.IsSelfContainedEmailHtml(message.HtmlBody);
    }

    [Fact]
    public void Plain_text_keeps_values_as_written()
    {
        var message = PromptEmailComposer.Compose(Prompt(company: "Tom & Jerry"), Context());

        Assert.Contains("Senior PM at Tom & Jerry", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("Connected for 6 years (since Mar 2019)", message.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_shows_the_context_and_is_mail_client_safe()
    {
        var message = PromptEmailComposer.Compose(Prompt(), Context());

        Assert.Contains("Senior PM at Contoso<br>Connected for 6 years (since Mar 2019)", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Goodwill prompt 12 of 140", message.HtmlBody, StringComparison.Ordinal);
        HtmlAssert.IsSelfContainedEmailHtml(message.HtmlBody);
    }

    [Fact]
    public void Offers_every_one_click_choice_and_the_reply_page()
    {
        var message = PromptEmailComposer.Compose(Prompt(), Context());

        var expected = OneClickChoice.All.Select(c => $"{ReplyPage}?choice={c.Value}").Append(ReplyPage.AbsoluteUri);
        Assert.Equal(expected, HtmlAssert.Links(message.HtmlBody));
        Assert.All(OneClickChoice.All, c => Assert.Contains($">{System.Net.WebUtility.HtmlEncode(c.Label)}</a>", message.HtmlBody, StringComparison.Ordinal));
        Assert.Contains(">Answer the rest on the reply page</a>", message.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Encodes_the_ampersand_of_reply_links_that_already_have_a_query()
    {
        var page = new Uri("https://goodwill.example/api/r/tok?code=k1");

        var message = PromptEmailComposer.Compose(Prompt(), Context(replyPage: page));

        Assert.Contains("href=\"https://goodwill.example/api/r/tok?code=k1&amp;choice=peer\"", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Peer: https://goodwill.example/api/r/tok?code=k1&choice=peer", message.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Plain_text_has_every_url()
    {
        var message = PromptEmailComposer.Compose(Prompt(), Context());

        Assert.All(OneClickChoice.All, c => Assert.Contains($"{c.Label}: {ReplyPage}?choice={c.Value}", message.TextBody, StringComparison.Ordinal));
        Assert.Contains("Answer the rest on the reply page:" + Environment.NewLine + ReplyPage.AbsoluteUri, message.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Explains_reply_by_email_with_the_numbered_questions_when_a_reply_to_address_is_set()
    {
        var message = PromptEmailComposer.Compose(Prompt(), Context());

        Assert.Equal("reply+v1.abc@inbound.example.com", message.ReplyTo);
        foreach (var body in new[] { message.HtmlBody, message.TextBody })
        {
            Assert.Contains("Reply to this email with numbered answers", body, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Contains("1. peer<br>3. shipped the billing system together<br>4. 4<br>7. refer, advise<br>8. feedback on your next talk", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains(string.Join(Environment.NewLine, "1. peer", "3. shipped the billing system together", "4. 4", "7. refer, advise", "8. feedback on your next talk"), message.TextBody, StringComparison.Ordinal);

        Assert.Contains("1. What was Ada to you? (boss, report, peer, client, classmate, met-once, dont-remember)", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("7. Could Ada help your search, by introducing you, referring you or advising you? (introduce, refer, advise, no)", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("4. How strong is your relationship today? (1 = faded, 5 = they would pick up the phone)" + Environment.NewLine, message.TextBody, StringComparison.Ordinal);
        Assert.Contains("9. Anything else worth remembering?", message.TextBody, StringComparison.Ordinal);
        Assert.Contains(">9.</td>", message.HtmlBody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Leaves_out_reply_by_email_when_it_is_not_set_up(string? replyTo)
    {
        var message = PromptEmailComposer.Compose(Prompt(), Context(replyTo));

        Assert.DoesNotContain("Reply to this email", message.HtmlBody, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("reply to this email", message.TextBody, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("9. Anything else", message.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Tags_identify_the_campaign_and_prompt_without_personal_data()
    {
        var message = PromptEmailComposer.Compose(Prompt(), Context());

        Assert.Equal(
            new Dictionary<string, string> { ["campaign"] = "fedcba9876543210", ["kind"] = "prompt", ["sequence"] = "12" },
            message.Tags);
        var values = string.Join(" ", message.Tags.Keys.Concat(message.Tags.Values));
        foreach (var personal in new[] { "Ada", "Lovelace", "Contoso", "owner@example.com", "ada@example.com", "linkedin", "0123456789abcdef" })
        {
            Assert.DoesNotContain(personal, values, StringComparison.OrdinalIgnoreCase);
        }
    }
}
