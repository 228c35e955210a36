using GoodwillFlow.Core.Connections;
using GoodwillFlow.Core.Email;
using GoodwillFlow.Core.Replies;
using GoodwillFlow.Core.Shortlists;

namespace GoodwillFlow.Core.Tests.Email;

public class ShortlistEmailComposerTests
{
    private static ShortlistEntry Entry(int rank, string first = "Person", string? company = "Contoso", string? position = "Engineer") =>
        new(
            rank,
            new Connection(rank.ToString("x16", System.Globalization.CultureInfo.InvariantCulture), first, "N" + rank, null, null, company, position, null),
            90 - rank,
            [$"Reason for {rank}", "Peer for 3 years"],
            $"Opener for {rank}");

    private static Shortlist List(int entries, params ShortlistEntry[] extra) =>
        new("fedcba9876543210", new DateTimeOffset(2026, 5, 1, 9, 0, 0, TimeSpan.Zero), [.. extra, .. Enumerable.Range(extra.Length + 1, entries).Select(i => Entry(i))], 40, 7);

    [Fact]
    public void Shows_the_top_ten_inline_and_counts_the_rest()
    {
        var message = ShortlistEmailComposer.Compose(List(12), "owner@example.com", new Uri("https://goodwill.example/api/campaigns/fedcba9876543210/shortlist?format=html&code=k"));

        Assert.Equal("Your goodwill shortlist: 12 people to contact first", message.Subject);
        Assert.Equal("owner@example.com", message.To);
        for (var rank = 1; rank <= 10; rank++)
        {
            Assert.Contains($"{rank}. Person N{rank}", message.TextBody, StringComparison.Ordinal);
            Assert.Contains($">{rank}. Person N{rank}</h2>", message.HtmlBody, StringComparison.Ordinal);
            Assert.Contains($"Reason for {rank}", message.HtmlBody, StringComparison.Ordinal);
            Assert.Contains($"Opener for {rank}", message.HtmlBody, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("Person N11", message.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Person N11", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("And 2 more people in the full list.", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Engineer at Contoso", message.TextBody, StringComparison.Ordinal);
        HtmlAssert.IsSelfContainedEmailHtml(message.HtmlBody);
    }

    [Fact]
    public void Opens_with_the_legacy_then_shows_each_tier_the_message_and_who_to_help()
    {
        var referral = Entry(1, "Maya") with { Ask = "Would you be open to referring me?" };
        var advice = Entry(1, "Omar") with { Tier = ShortlistTier.Advice };
        var shortlist = new Shortlist("fedcba9876543210", new DateTimeOffset(2026, 5, 1, 9, 0, 0, TimeSpan.Zero), [referral, advice], 30, 6)
        {
            WeakTies = 5,
            Legacy = new LegacyOfGoodwill(24, 14, 3, 2, 0, ["the payments rewrite"], 1, ["a hand with hiring"]),
            PayItForward = [new PayItForwardEntry(referral.Connection, "a hand with hiring", RelationshipKind.Boss)],
        };

        var message = ShortlistEmailComposer.Compose(shortlist, "owner@example.com", fullListUrl: null);

        Assert.Contains(
            "YOUR LEGACY OF GOODWILL\nYou reflected on 24 people. 14 of them likely think well of you. Among them are 3 former bosses and 2 people who reported to you.",
            message.TextBody.ReplaceLineEndings("\n"),
            StringComparison.Ordinal);
        Assert.Contains(
            "ASK FOR A REFERRAL OR INTRODUCTION\n"
            + "People who know your work and could refer you or introduce you at the companies you want.\n\n"
            + "1. Maya N1\nEngineer at Contoso\n- Reason for 1\n- Peer for 3 years\nSuggested message:\n  Opener for 1\n  Would you be open to referring me?\n",
            message.TextBody.ReplaceLineEndings("\n"),
            StringComparison.Ordinal);
        Assert.Contains("ASK FOR ADVICE\n", message.TextBody.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("PAY IT FORWARD\n", message.TextBody.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("- Maya N1 (Was your boss, Contoso): you could offer “a hand with hiring”", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("5 weak ties (met once or faded, no way to help) kept for later", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("Ask for a referral or introduction", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Pay it forward", message.HtmlBody, StringComparison.Ordinal);
        HtmlAssert.IsSelfContainedEmailHtml(message.HtmlBody);
    }

    [Fact]
    public void Links_the_full_list_when_given()
    {
        var url = new Uri("https://goodwill.example/api/campaigns/fedcba9876543210/shortlist?format=html&code=k");

        var message = ShortlistEmailComposer.Compose(List(3), "owner@example.com", url);

        Assert.Equal([url.AbsoluteUri], HtmlAssert.Links(message.HtmlBody));
        Assert.Contains("format=html&amp;code=k", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains(url.AbsoluteUri, message.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Has_no_link_without_a_full_list_url()
    {
        var message = ShortlistEmailComposer.Compose(List(3), "owner@example.com", null);

        Assert.Empty(HtmlAssert.Links(message.HtmlBody));
        Assert.DoesNotContain("http", message.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Says_nothing_was_sent_to_the_connections()
    {
        var message = ShortlistEmailComposer.Compose(List(3), "owner@example.com", null);

        Assert.Contains("Nothing has been sent to any of your connections", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Nothing has been sent to any of your connections", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("Compiled from 40 replies; 7 people left out", message.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_encodes_names_companies_reasons_and_openers()
    {
        var hostile = new ShortlistEntry(
            1,
            new Connection("00000000000000aa", "<script>x</script>", "Smith & Co", null, null, "A&B <Corp>", "Head of \"Growth\"", null),
            88,
            ["Said <b>yes</b> & meant it"],
            "Hi <img src=x onerror=alert(1)>");

        var message = ShortlistEmailComposer.Compose(List(0, hostile), "owner@example.com", null);

        Assert.DoesNotContain("<script>", message.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>yes", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("1. &lt;script&gt;x&lt;/script&gt; Smith &amp; Co", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Head of &quot;Growth&quot; at A&amp;B &lt;Corp&gt;", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Said &lt;b&gt;yes&lt;/b&gt; &amp; meant it", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Hi &lt;img src=x onerror=alert(1)&gt;", message.HtmlBody, StringComparison.Ordinal);
        HtmlAssert.IsSelfContainedEmailHtml(message.HtmlBody);
    }

    [Fact]
    public void Explains_an_empty_shortlist()
    {
        var message = ShortlistEmailComposer.Compose(List(0), "owner@example.com", null);

        Assert.Equal("Your goodwill shortlist is ready", message.Subject);
        Assert.Contains("No one is on your shortlist yet.", message.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Tags_carry_only_the_campaign_and_kind()
    {
        var message = ShortlistEmailComposer.Compose(List(2), "owner@example.com", null);

        Assert.Equal(new Dictionary<string, string> { ["campaign"] = "fedcba9876543210", ["kind"] = "shortlist" }, message.Tags);
        Assert.Null(message.ReplyTo);
    }

    [Fact]
    public void Rejection_says_what_happened_why_and_that_nothing_changed()
    {
        var message = ShortlistEmailComposer.ComposeRejection("owner@example.com", "messages.csv", "This is LinkedIn's messages export; upload Connections.csv instead.");

        Assert.Equal("Your upload was not imported", message.Subject);
        Assert.Equal("owner@example.com", message.To);
        foreach (var body in new[] { message.TextBody, message.HtmlBody })
        {
            Assert.Contains("could not import", body, StringComparison.Ordinal);
            Assert.Contains("messages.csv", body, StringComparison.Ordinal);
            Assert.Contains("upload Connections.csv instead.", body, StringComparison.Ordinal);
            Assert.Contains("Nothing was changed", body, StringComparison.Ordinal);
        }

        HtmlAssert.IsSelfContainedEmailHtml(message.HtmlBody);
    }

    [Fact]
    public void Rejection_explains_how_to_get_connections_csv_from_linkedin()
    {
        var message = ShortlistEmailComposer.ComposeRejection("owner@example.com", "photo.csv", "This file is a picture, not a CSV export.");

        Assert.Contains("1. On LinkedIn, open Me, then Settings & Privacy.", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("2. Choose Data privacy, then Get a copy of your data.", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("tick Connections", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("Settings &amp; Privacy", message.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejection_encodes_the_file_name_and_reason_and_tags_no_personal_data()
    {
        var message = ShortlistEmailComposer.ComposeRejection("owner@example.com", "<b>Ada's</b> & list.csv", "Row 3 has <script>");

        Assert.Contains("&lt;b&gt;Ada&#39;s&lt;/b&gt; &amp; list.csv", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Row 3 has &lt;script&gt;", message.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", message.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Ada", message.Subject, StringComparison.Ordinal);
        Assert.Equal(new Dictionary<string, string> { ["kind"] = "rejection" }, message.Tags);
    }
}
