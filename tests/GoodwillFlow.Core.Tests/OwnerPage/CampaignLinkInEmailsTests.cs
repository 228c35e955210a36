using GoodwillFlow.Core.Connections;
using GoodwillFlow.Core.Email;
using GoodwillFlow.Core.Prompts;
using GoodwillFlow.Core.Shortlists;

namespace GoodwillFlow.Core.Tests.OwnerPage;

/// <summary>Every prompt email, digest and shortlist email links to the owner's campaign page ("Your campaign").</summary>
public sealed class CampaignLinkInEmailsTests
{
    private static readonly Uri CampaignPage = new("https://goodwill.example/api/c/ownertoken");
    private static readonly Uri ReplyPage = new("https://goodwill.example/api/r/replytoken");

    private static ReflectionPrompt Prompt() => ReflectionPromptBuilder.Build(
        new Connection("0123456789abcdef", "Ada", "Lovelace", null, null, "Contoso", "PM", new DateOnly(2019, 3, 14)),
        new DateOnly(2025, 6, 1));

    [Fact]
    public void Prompt_email_carries_your_campaign_link_in_html_and_text()
    {
        var message = PromptEmailComposer.Compose(
            Prompt(), new PromptEmailContext("owner@example.com", "fedcba9876543210", ReplyPage, null, 1, 10, CampaignPage));

        Assert.Contains($"href=\"{CampaignPage.AbsoluteUri}\"", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Your campaign", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains(CampaignPage.AbsoluteUri, message.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Digest_carries_your_campaign_link()
    {
        var message = DigestEmailComposer.Compose(
            [new DigestEntry(Prompt(), ReplyPage, 1)],
            new DigestEmailContext("owner@example.com", "fedcba9876543210", null, new DateOnly(2026, 3, 2), 10, CampaignPage));

        Assert.Contains($"href=\"{CampaignPage.AbsoluteUri}\"", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains(CampaignPage.AbsoluteUri, message.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Shortlist_email_carries_your_campaign_link()
    {
        var message = ShortlistEmailComposer.Compose(
            new Shortlist("fedcba9876543210", DateTimeOffset.UnixEpoch, [], 0, 0), "owner@example.com", null, CampaignPage);

        Assert.Contains($"href=\"{CampaignPage.AbsoluteUri}\"", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains(CampaignPage.AbsoluteUri, message.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_campaign_page_no_link_is_added()
    {
        var message = PromptEmailComposer.Compose(Prompt(), new PromptEmailContext("owner@example.com", "fedcba9876543210", ReplyPage, null, 1, 10));

        Assert.DoesNotContain("Your campaign", message.HtmlBody, StringComparison.Ordinal);
    }
}
