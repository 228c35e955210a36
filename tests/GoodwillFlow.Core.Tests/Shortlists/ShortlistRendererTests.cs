using System.Text;
using System.Text.Json;
using GoodwillFlow.Core.Connections;
using GoodwillFlow.Core.Replies;
using GoodwillFlow.Core.Shortlists;

namespace GoodwillFlow.Core.Tests.Shortlists;

public class ShortlistRendererTests
{
    private static readonly DateTimeOffset CompiledAt = new(2026, 3, 3, 10, 0, 0, TimeSpan.FromHours(1));

    private static Shortlist Sample(params ShortlistEntry[] entries) => new("0123456789abcdef", CompiledAt, entries, entries.Length + 2, 2);

    private static ShortlistEntry Entry(int rank, Connection connection, params string[] reasons) =>
        new(rank, connection, 90 - rank, reasons, $"Hi {connection.FirstName}, I was thinking about the billing migration — how are things?");

    private static Connection Person(string first, string last, string? url = "https://www.linkedin.com/in/ada", string? company = "Contoso", string? position = "Engineering Manager") =>
        new(ConnectionId.FromText(first + last), first, last, url, null, company, position, null);

    private static string Text(byte[] bytes) => new UTF8Encoding(false).GetString(bytes);

    [Fact]
    public void Html_encodes_every_value_from_the_export_and_the_owner()
    {
        var hostile = Person("<script>alert(1)</script>", "O'Brien & \"Sons\"", company: "</style><img src=x onerror=alert(2)>", position: "<b>CEO</b>");
        var html = Text(ShortlistRenderer.Render(Sample(Entry(1, hostile, "You worked together on: <iframe src=evil>")), ShortlistFormat.Html));

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<iframe", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>CEO", html, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "</style>"));
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("O&#x27;Brien &amp; &quot;Sons&quot;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_is_a_self_contained_phone_readable_page()
    {
        var html = Text(ShortlistRenderer.Render(Sample(Entry(1, Person("Zoë", "Ångström"))), ShortlistFormat.Html));

        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">", html, StringComparison.Ordinal);
        Assert.Contains("<style>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Zoë Ångström", html, StringComparison.Ordinal);
        Assert.Contains("Engineering Manager · Contoso", html, StringComparison.Ordinal);
        Assert.Contains("Hi Zoë, I was thinking about the billing migration", html, StringComparison.Ordinal);
        Assert.Contains("2 left out", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://www.linkedin.com/in/ada-lovelace", true)]
    [InlineData("http://www.linkedin.com/in/ada-lovelace", true)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData("JaVaScRiPt:alert(1)", false)]
    [InlineData("data:text/html,<script>alert(1)</script>", false)]
    [InlineData("//evil.example/x", false)]
    [InlineData(null, false)]
    public void Html_links_the_profile_only_for_http_urls(string? url, bool linked)
    {
        var html = Text(ShortlistRenderer.Render(Sample(Entry(1, Person("Ada", "Lovelace", url))), ShortlistFormat.Html));

        Assert.Equal(linked, html.Contains("<a href=", StringComparison.Ordinal));
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        if (linked)
        {
            Assert.Contains($"<a href=\"{url}\"", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Html_says_so_when_nobody_is_listed()
    {
        var html = Text(ShortlistRenderer.Render(Sample(), ShortlistFormat.Html));

        Assert.Contains("No one to contact first yet", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<ol>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_starts_with_a_bom_and_the_header()
    {
        var bytes = ShortlistRenderer.Render(Sample(Entry(1, Person("Ada", "Lovelace"))), ShortlistFormat.Csv);

        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = Text(bytes[3..]).Split("\r\n");
        Assert.Equal("Tier,Rank,Name,Company,Position,Profile URL,Relationship,Shared memory,How you know each other,Could help,You could offer,Opener,Ask,Score", lines[0]);
        Assert.Equal("Ask for a referral or introduction,1,Ada Lovelace,Contoso,Engineering Manager,https://www.linkedin.com/in/ada,,,,,,\"Hi Ada, I was thinking about the billing migration — how are things?\",,89", lines[1]);
        Assert.Equal("", lines[2]);
        Assert.Equal(3, lines.Length);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://evil\")", "\"'=HYPERLINK(\"\"http://evil\"\")\"")]
    [InlineData("+44 20 7946 0000", "'+44 20 7946 0000")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tcmd", "'\tcmd")]
    [InlineData("\rcmd", "\"'\rcmd\"")]
    [InlineData("Contoso", "Contoso")]
    [InlineData("Smith, Jones & Co", "\"Smith, Jones & Co\"")]
    [InlineData("The \"Best\" Co", "\"The \"\"Best\"\" Co\"")]
    [InlineData("line one\nline two", "\"line one\nline two\"")]
    [InlineData("a=b", "a=b")]
    public void Csv_neutralises_formulas_and_quotes_like_rfc_4180(string value, string cell)
    {
        var csv = Text(ShortlistRenderer.Render(Sample(Entry(1, Person("Ada", "Lovelace", company: value))), ShortlistFormat.Csv)[3..]);

        Assert.StartsWith($"Ask for a referral or introduction,1,Ada Lovelace,{cell},Engineering Manager,", csv.Split("\r\n", 2)[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_has_one_column_per_field_that_splits_back_even_when_the_owners_words_hold_separators()
    {
        var entry = Entry(1, Person("=cmd|' /C calc'!A0", "Lovelace")) with
        {
            Tier = ShortlistTier.Advice,
            Ask = "Could I borrow twenty minutes of your time?",
            Answers = new ReplyAnswers
            {
                Relationship = RelationshipKind.Boss,
                SharedProject = "the billing migration; phase 2, \"Atlas\"",
                HowWeKnow = "-she hired me",
                CouldHelp = HelpKind.Advise | HelpKind.Refer,
                CanOffer = "intros, advice",
            },
        };
        var shortlist = Sample(entry) with { PayItForward = [new PayItForwardEntry(Person("Bo", "Li"), "feedback on your talk", RelationshipKind.Peer)] };

        var rows = Text(ShortlistRenderer.Render(shortlist, ShortlistFormat.Csv)[3..]).Split("\r\n");

        Assert.Equal(
            "Ask for advice,1,'=cmd|' /C calc'!A0 Lovelace,Contoso,Engineering Manager,https://www.linkedin.com/in/ada,boss,"
            + "\"the billing migration; phase 2, \"\"Atlas\"\"\",'-she hired me,\"refer, advise\",\"intros, advice\","
            + "\"Hi =cmd|' /C calc'!A0, I was thinking about the billing migration — how are things?\",Could I borrow twenty minutes of your time?,89",
            rows[1]);
        Assert.Equal("Pay it forward,1,Bo Li,Contoso,Engineering Manager,https://www.linkedin.com/in/ada,peer,,,,feedback on your talk,,,", rows[2]);
    }

    [Fact]
    public void Json_round_trips_the_shortlist_in_camel_case()
    {
        var ada = Person("Zoë", "Ångström <ceo>");
        var shortlist = Sample(Entry(1, ada, "Was your boss", "You worked together on: \"Atlas\" </script>"), Entry(2, Person("Bo", "Li", url: null, company: null)));

        var bytes = ShortlistRenderer.Render(shortlist, ShortlistFormat.Json);
        var text = Text(bytes);
        using var json = JsonDocument.Parse(bytes);
        var root = json.RootElement;

        Assert.Contains("\n  \"entries\"", text, StringComparison.Ordinal);
        Assert.Contains("Zoë Ångström", text, StringComparison.Ordinal);
        Assert.Equal("0123456789abcdef", root.GetProperty("campaignId").GetString());
        Assert.Equal(CompiledAt, root.GetProperty("compiledAt").GetDateTimeOffset());
        Assert.Equal("2026-03-03T10:00:00+01:00", root.GetProperty("compiledAt").GetString());
        Assert.Equal(2, root.GetProperty("leftOut").GetInt32());
        var entries = root.GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(2, entries.Count);
        var first = entries[0];
        Assert.Equal(1, first.GetProperty("rank").GetInt32());
        Assert.Equal("Zoë Ångström <ceo>", first.GetProperty("name").GetString());
        Assert.Equal("Zoë", first.GetProperty("firstName").GetString());
        Assert.Equal("Ångström <ceo>", first.GetProperty("lastName").GetString());
        Assert.Equal("Contoso", first.GetProperty("company").GetString());
        Assert.Equal("Engineering Manager", first.GetProperty("position").GetString());
        Assert.Equal("https://www.linkedin.com/in/ada", first.GetProperty("url").GetString());
        Assert.Equal(89, first.GetProperty("score").GetInt32());
        Assert.Equal(["Was your boss", "You worked together on: \"Atlas\" </script>"], first.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(shortlist.Entries[0].Opener, first.GetProperty("opener").GetString());
        Assert.Equal("Ask for a referral or introduction", first.GetProperty("tier").GetString());
        Assert.Equal("", first.GetProperty("ask").GetString());
        Assert.Equal(JsonValueKind.Array, first.GetProperty("couldHelp").ValueKind);
        Assert.Equal(JsonValueKind.Null, first.GetProperty("sharedMemory").ValueKind);
        Assert.Equal(LegacyOfGoodwill.Empty.Paragraph, root.GetProperty("legacy").GetString());
        Assert.Empty(root.GetProperty("payItForward").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, entries[1].GetProperty("url").ValueKind);
        Assert.Equal(JsonValueKind.Null, entries[1].GetProperty("company").ValueKind);
    }

    [Fact]
    public void Json_and_csv_never_include_email_addresses()
    {
        var withEmail = Person("Ada", "Lovelace") with { EmailAddress = "ada@example.com" };
        var shortlist = Sample(Entry(1, withEmail));

        foreach (var format in Enum.GetValues<ShortlistFormat>())
        {
            Assert.DoesNotContain("ada@example.com", Text(ShortlistRenderer.Render(shortlist, format)), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(ShortlistFormat.Html, "text/html; charset=utf-8", "html")]
    [InlineData(ShortlistFormat.Csv, "text/csv; charset=utf-8", "csv")]
    [InlineData(ShortlistFormat.Json, "application/json; charset=utf-8", "json")]
    public void Each_format_has_its_content_type_and_extension(ShortlistFormat format, string contentType, string extension)
    {
        Assert.Equal(contentType, ShortlistRenderer.ContentType(format));
        Assert.Equal(extension, ShortlistRenderer.FileExtension(format));
    }
}
