using GoodwillFlow.Core.Connections;
using GoodwillFlow.Core.Email;
using GoodwillFlow.Core.Prompts;
using GoodwillFlow.Core.Replies;

namespace GoodwillFlow.Core.Tests.Email;

public class DigestEmailComposerTests
{
    private static readonly DigestEmailContext Context =
        new("owner@example.com", "fedcba9876543210", "reply+v1.first@inbound.example.com", new DateOnly(2025, 6, 2), 140);

    private static DigestEntry Entry(string first, string last, string token, int sequence, string? company = "Contoso") =>
        new(
            ReflectionPromptBuilder.Build(
                new Connection(token.PadRight(16, '0')[..16], first, last, "https://www.linkedin.com/in/x", null, company, "PM", new DateOnly(2019, 3, 14)),
                new DateOnly(2025, 6, 1)),
            new Uri($"https://goodwill.example/api/r/{token}?code=k1"),
            sequence);

    private static readonly DigestEntry[] Entries =
    [
        Entry("Maya", "Chen", "tokmaya", 12),
        Entry("Ravi", "O'Neil & Sons", "tokravi", 13, company: "Tom & Jerry <b>Inc</b>"),
        Entry("Ada", "Lovelace", "tokada", 14),
    ];

    [Fact]
    public void Gives_each_person_their_own_one_click_links_and_reply_page_under_a_numbered_heading()
    {
        var message = DigestEmailComposer.Compose(Entries, Context);

        var expected = Entries.SelectMany(e =>
            OneClickChoice.All.Select(c => $"{e.ReplyPageUrl.AbsoluteUri}&choice={c.Value}").Append(e.ReplyPageUrl.AbsoluteUri));
        Assert.Equal(expected, HtmlAssert.Links(message.HtmlBody));
        foreach (var (entry, position) in Entries.Select((e, i) => (e, i + 1)))
        {
            Assert.All(OneClickChoice.All, c => Assert.Contains(
                $"{c.Label}: {entry.ReplyPageUrl.AbsoluteUri}&choice={c.Value}", message.TextBody, StringComparison.Ordinal));
            Assert.Contains($"{position}. {entry.Prompt.DisplayName}\n", message.TextBody.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        }

        Assert.Equal("Goodwill digest, Monday 2 June: 3 people", message.Subject);
        Assert.Equal("owner@example.com", message.To);
        Assert.Equal("reply+v1.first@inbound.example.com", message.ReplyTo);
        HtmlAssert.IsSelfContainedEmailHtml(message.HtmlBody);
    }

    [Fact]
    public void Encodes_every_value_from_the_export_and_the_links_ampersands()
    {
        var message = DigestEmailComposer.Compose(Entries, Context);

        Assert.DoesNotContain("<b>Inc", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("2. Ravi O&#39;Neil &amp; Sons", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Tom &amp; Jerry &lt;b&gt;Inc&lt;/b&gt;", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("href=\"https://goodwill.example/api/r/tokravi?code=k1&amp;choice=peer\"", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Tom & Jerry <b>Inc</b>", message.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Explains_how_to_answer_several_people_by_email_only_when_reply_by_email_is_set_up()
    {
        var withEmail = DigestEmailComposer.Compose(Entries, Context);
        var without = DigestEmailComposer.Compose(Entries, Context with { ReplyTo = null });

        Assert.Contains("write each person's heading on its own line (for example \"1. Maya Chen\")", withEmail.TextBody, StringComparison.Ordinal);
        Assert.Contains(PromptQuestionsContent.ExampleReply[0], withEmail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("heading on its own line", without.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("heading on its own line", without.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Tags_identify_a_digest_without_personal_data()
    {
        var message = DigestEmailComposer.Compose(Entries, Context);

        Assert.Equal(
            new Dictionary<string, string> { ["campaign"] = "fedcba9876543210", ["kind"] = "digest", ["sequence"] = "12" },
            message.Tags);
    }

    [Fact]
    public void Refuses_an_empty_digest()
    {
        Assert.Throws<ArgumentException>(() => DigestEmailComposer.Compose([], Context));
    }
}
