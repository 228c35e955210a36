using GoodwillFlow.Core.Connections;
using GoodwillFlow.Core.Planning;
using GoodwillFlow.Core.Replies;
using GoodwillFlow.Core.Shortlists;

namespace GoodwillFlow.Core.Tests.Shortlists;

public class ShortlistCompilerTests
{
    internal static readonly DateTimeOffset Now = new(2026, 3, 3, 10, 0, 0, TimeSpan.Zero);

    internal static Connection Person(string first, string last, string? company = null, string? position = null, DateOnly? connectedOn = null) =>
        new(ConnectionId.FromText(first + " " + last), first, last, $"https://www.linkedin.com/in/{first.ToLowerInvariant()}-{last.ToLowerInvariant()}", null, company, position, connectedOn);

    private static readonly Connection Ada = Person("Ada", "Lovelace", "Contoso", "Engineering Manager", new DateOnly(2018, 1, 10));
    private static readonly Connection Grace = Person("Grace", "Hopper", "Fabrikam", "Staff Engineer", new DateOnly(2024, 6, 1));
    private static readonly Connection Alan = Person("Alan", "Turing", "Northwind", "Consultant", new DateOnly(2025, 9, 1));
    private static readonly Connection Barbara = Person("Barbara", "Liskov", "Tailspin", "Director");
    private static readonly Connection Edsger = Person("Edsger", "Dijkstra", "Adatum", "Architect");
    private static readonly Connection Linus = Person("Linus", "Torvalds", "Litware", "Engineer");
    private static readonly Connection Margaret = Person("Margaret", "Hamilton", "Woodgrove", "CTO");

    private static Dictionary<string, ReplyAnswers> Replies(params (Connection Who, ReplyAnswers Answers)[] replies) =>
        replies.ToDictionary(r => r.Who.Id, r => r.Answers);

    [Fact]
    public void Ranks_a_close_boss_who_could_refer_above_a_peer_above_someone_met_once()
    {
        var replies = Replies(
            (Alan, new ReplyAnswers { Relationship = RelationshipKind.MetOnce, Strength = 2, TheirPerception = 3, YourPerception = 4 }),
            (Ada, new ReplyAnswers
            {
                Relationship = RelationshipKind.Boss,
                SharedProject = "the billing migration",
                Strength = 5,
                TheirPerception = 5,
                YourPerception = 5,
                CouldHelp = HelpKind.Refer | HelpKind.Advise,
            }),
            (Grace, new ReplyAnswers { Relationship = RelationshipKind.Peer, Strength = 4, TheirPerception = 4, YourPerception = 4, CouldHelp = HelpKind.Introduce }));

        var shortlist = ShortlistCompiler.Compile("0123456789abcdef", [Alan, Grace, Ada, Barbara], replies, OwnerTargets.None, Now);

        Assert.Equal(["Ada Lovelace", "Grace Hopper", "Alan Turing"], shortlist.Entries.Select(e => e.Connection.DisplayName));
        Assert.Equal([1, 2, 3], shortlist.Entries.Select(e => e.Rank));
        Assert.True(shortlist.Entries[0].Score > shortlist.Entries[1].Score);
        Assert.True(shortlist.Entries[1].Score > shortlist.Entries[2].Score);
        Assert.All(shortlist.Entries, e => Assert.InRange(e.Score, 0, 100));
        Assert.Equal(3, shortlist.RepliesConsidered);
        Assert.Equal(0, shortlist.LeftOut);
        Assert.Equal(Now, shortlist.CompiledAt);
        Assert.Equal("0123456789abcdef", shortlist.CampaignId);
    }

    [Fact]
    public void Leaves_out_skips_forgotten_people_and_poor_perceptions_and_counts_them()
    {
        var replies = Replies(
            (Ada, new ReplyAnswers { Relationship = RelationshipKind.Peer, Strength = 4 }),
            (Grace, new ReplyAnswers { Skip = true }),
            (Alan, new ReplyAnswers { Relationship = RelationshipKind.DontRemember }),
            (Barbara, new ReplyAnswers { Relationship = RelationshipKind.Boss, TheirPerception = 2, YourPerception = 5 }),
            (Edsger, new ReplyAnswers { Relationship = RelationshipKind.Peer, TheirPerception = 5, YourPerception = 1 }),
            (Linus, new ReplyAnswers { Relationship = RelationshipKind.Peer, TheirPerception = 3, YourPerception = 3 }));

        var shortlist = ShortlistCompiler.Compile("0123456789abcdef", [Ada, Grace, Alan, Barbara, Edsger, Linus, Margaret], replies, OwnerTargets.None, Now);

        Assert.Equal(["Ada Lovelace", "Linus Torvalds"], shortlist.Entries.Select(e => e.Connection.DisplayName));
        Assert.Equal(4, shortlist.LeftOut);
        Assert.Equal(6, shortlist.RepliesConsidered);
    }

    [Fact]
    public void Reasons_quote_the_owners_own_words()
    {
        var replies = Replies((Ada, new ReplyAnswers
        {
            Relationship = RelationshipKind.Boss,
            HowWeKnow = "  She hired me\r\ninto the payments team  ",
            SharedProject = "the billing migration",
            CouldHelp = HelpKind.Refer,
            CanOffer = "intros to design leads",
        }));

        var entry = Assert.Single(ShortlistCompiler.Compile("0123456789abcdef", [Ada], replies, new OwnerTargets(["contoso"], []), Now).Entries);

        Assert.Contains("Was your boss", entry.Reasons);
        Assert.Contains("How you know each other: She hired me into the payments team", entry.Reasons);
        Assert.Contains("You worked together on: the billing migration", entry.Reasons);
        Assert.Contains("They could refer you", entry.Reasons);
        Assert.Contains("Works at a target company: Contoso", entry.Reasons);
        Assert.Contains("Connected for 8 years", entry.Reasons);
        Assert.Contains("You could offer: intros to design leads", entry.Reasons);
    }

    [Fact]
    public void Long_free_text_is_shortened_at_a_word_with_an_ellipsis()
    {
        var project = string.Join(' ', Enumerable.Repeat("replatforming", 30));
        var replies = Replies((Ada, new ReplyAnswers { Relationship = RelationshipKind.Peer, SharedProject = project }));

        var entry = Assert.Single(ShortlistCompiler.Compile("0123456789abcdef", [Ada], replies, OwnerTargets.None, Now).Entries);

        var reason = Assert.Single(entry.Reasons, r => r.StartsWith("You worked together on: ", StringComparison.Ordinal));
        Assert.EndsWith("replatforming…", reason, StringComparison.Ordinal);
        Assert.True(reason.Length < 200, reason);
        Assert.True(entry.Opener.Length < 200, entry.Opener);
    }

    [Fact]
    public void Opener_uses_the_first_name_and_the_shared_project()
    {
        var replies = Replies((Ada, new ReplyAnswers { Relationship = RelationshipKind.Peer, SharedProject = "the billing migration." }));

        var entry = Assert.Single(ShortlistCompiler.Compile("0123456789abcdef", [Ada], replies, OwnerTargets.None, Now).Entries);

        Assert.Equal("Hi Ada, I was thinking about our work together on the billing migration — how are things at Contoso?", entry.Opener);
        Assert.Contains("Contoso", entry.Opener, StringComparison.Ordinal);
        Assert.DoesNotContain("Lovelace", entry.Opener, StringComparison.Ordinal);
        Assert.DoesNotContain("migration.,", entry.Opener, StringComparison.Ordinal);
    }

    [Fact]
    public void Opener_falls_back_to_the_relationship_when_there_is_no_project()
    {
        var nameless = Person("", "Nakamura") with { Company = null };
        var replies = Replies(
            (Ada, new ReplyAnswers { Relationship = RelationshipKind.Boss }),
            (nameless, new ReplyAnswers { Relationship = RelationshipKind.Classmate }));

        var entries = ShortlistCompiler.Compile("0123456789abcdef", [Ada, nameless], replies, OwnerTargets.None, Now).Entries;

        Assert.Equal("Hi Ada, I still think about what I learned working for you — how are things at Contoso?", entries.Single(e => e.Connection == Ada).Opener);
        Assert.Equal("Hi, I was thinking about our time studying together — how have you been?", entries.Single(e => e.Connection == nameless).Opener);
    }

    [Fact]
    public void Target_matches_ignore_case_and_accents_and_need_whole_words()
    {
        var societe = Person("Camille", "Durand", "SOCIÉTÉ GÉNÉRALE Paris", "Senior Engineering Manager, Payments");
        var lookalike = Person("Marc", "Petit", "Societegenerale Fans", "Engineering Managerial Coach");
        var answers = new ReplyAnswers { Relationship = RelationshipKind.Peer };
        var targets = new OwnerTargets(["Société Générale"], ["engineering manager"]);

        var entries = ShortlistCompiler.Compile("0123456789abcdef", [societe, lookalike], Replies((societe, answers), (lookalike, answers)), targets, Now).Entries;

        var matched = entries.Single(e => e.Connection == societe);
        var unmatched = entries.Single(e => e.Connection == lookalike);
        Assert.Contains("Works at a target company: SOCIÉTÉ GÉNÉRALE Paris", matched.Reasons);
        Assert.Contains("In a target role: Senior Engineering Manager, Payments", matched.Reasons);
        Assert.DoesNotContain(unmatched.Reasons, r => r.Contains("target", StringComparison.Ordinal));
        Assert.Equal(GoodwillWeights.TargetCompany + GoodwillWeights.TargetRole, matched.Score - unmatched.Score);
    }

    [Fact]
    public void A_perfect_reply_scores_100_and_the_score_never_exceeds_it()
    {
        var veteran = Person("Ada", "Lovelace", "Contoso", "Engineering Manager", new DateOnly(2001, 1, 1));
        var perfect = new ReplyAnswers
        {
            Relationship = RelationshipKind.Boss,
            SharedProject = "the billing migration",
            Strength = 5,
            TheirPerception = 5,
            YourPerception = 5,
            CouldHelp = HelpKind.Introduce | HelpKind.Refer | HelpKind.Advise,
        };

        var entry = Assert.Single(ShortlistCompiler.Compile("0123456789abcdef", [veteran], Replies((veteran, perfect)), new OwnerTargets(["Contoso"], ["Engineering Manager"]), Now).Entries);

        Assert.Equal(100, entry.Score);
        Assert.Contains("Connected for 25 years", entry.Reasons);
    }

    [Fact]
    public void Equal_scores_are_ordered_by_name_then_id_whatever_the_input_order()
    {
        var answers = new ReplyAnswers { Relationship = RelationshipKind.Peer };
        var people = new[] { Linus, Edsger, Margaret, Barbara };
        var replies = people.ToDictionary(p => p.Id, _ => answers);

        var forward = ShortlistCompiler.Compile("0123456789abcdef", people, replies, OwnerTargets.None, Now);
        var backward = ShortlistCompiler.Compile("0123456789abcdef", people.Reverse(), replies, OwnerTargets.None, Now);

        Assert.Equal(["Edsger Dijkstra", "Margaret Hamilton", "Barbara Liskov", "Linus Torvalds"], forward.Entries.Select(e => e.Connection.DisplayName));
        Assert.Equal(forward.Entries.Select(e => e.Connection.Id), backward.Entries.Select(e => e.Connection.Id));
    }

    [Fact]
    public void Lists_at_most_max_entries_and_only_connections_that_replied()
    {
        var people = Enumerable.Range(0, 20).Select(i => Person("P" + i, "Person")).ToList();
        var replies = people.Take(15).ToDictionary(p => p.Id, _ => new ReplyAnswers { Relationship = RelationshipKind.Peer });
        replies["ffffffffffffffff"] = new ReplyAnswers { Relationship = RelationshipKind.Boss };

        var shortlist = ShortlistCompiler.Compile("0123456789abcdef", people, replies, OwnerTargets.None, Now, maxEntries: 10);

        Assert.Equal(10, shortlist.Entries.Count);
        Assert.Equal(15, shortlist.RepliesConsidered);
        Assert.All(shortlist.Entries, e => Assert.Contains(e.Connection, people.Take(15)));
    }

    [Theory]
    [InlineData("2025-03-03", "Connected for 1 year")]
    [InlineData("2025-03-04", null)]
    [InlineData("2020-03-04", "Connected for 5 years")]
    public void Tenure_counts_full_years(string connectedOn, string? expected)
    {
        var person = Person("Ada", "Lovelace", connectedOn: DateOnly.Parse(connectedOn, System.Globalization.CultureInfo.InvariantCulture));

        var entry = Assert.Single(ShortlistCompiler.Compile("0123456789abcdef", [person], Replies((person, new ReplyAnswers { Relationship = RelationshipKind.Peer })), OwnerTargets.None, Now).Entries);

        var tenure = entry.Reasons.SingleOrDefault(r => r.StartsWith("Connected for", StringComparison.Ordinal));
        Assert.Equal(expected, tenure);
    }
}
