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
    public void People_sharing_a_company_or_title_each_score_what_they_score_alone()
    {
        var targets = new OwnerTargets(["Société Générale", "Contoso"], ["Engineering Manager"]);
        string?[] companies = ["Contoso", "Societe Generale", "Contoso", "contoso ltd", null, "Société Générale", "Fabrikam", "Contoso", "", "Fabrikam"];
        string?[] titles = ["Engineering Manager", "Engineer", "engineering manager", "Engineering Manager", "Engineer", null, "Engineering Manager", "", "Engineer", "Senior Engineering Manager"];
        var people = companies.Select((company, i) => Person($"P{i}", $"Q{i}", company, titles[i], new DateOnly(2015 + i, 5, 1))).ToList();
        var answers = people.ToDictionary(
            p => p.Id,
            p => new ReplyAnswers { Relationship = RelationshipKind.Peer, Strength = 3, TheirPerception = 4, YourPerception = 4, CouldHelp = HelpKind.Introduce });

        var shortlist = ShortlistCompiler.Compile("c1", people, answers, targets, Now);

        Assert.Equal(people.Count, shortlist.Entries.Count);
        Assert.All(shortlist.Entries, e => Assert.Equal(
            GoodwillScorer.Score(e.Connection, answers[e.Connection.Id], targets, DateOnly.FromDateTime(Now.DateTime)).Score, e.Score));
        Assert.True(shortlist.Entries.Single(e => e.Connection.Id == people[0].Id).Score > shortlist.Entries.Single(e => e.Connection.Id == people[6].Id).Score);
    }

    [Fact]
    public void Ranks_a_close_boss_who_could_refer_above_a_peer_above_someone_met_once()
    {
        var replies = Replies(
            (Alan, new ReplyAnswers { Relationship = RelationshipKind.MetOnce, Strength = 2, TheirPerception = 3, YourPerception = 4, CouldHelp = HelpKind.Introduce }),
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
            (Ada, new ReplyAnswers { Relationship = RelationshipKind.Peer, Strength = 4, CouldHelp = HelpKind.Advise }),
            (Grace, new ReplyAnswers { Skip = true }),
            (Alan, new ReplyAnswers { Relationship = RelationshipKind.DontRemember }),
            (Barbara, new ReplyAnswers { Relationship = RelationshipKind.Boss, TheirPerception = 2, YourPerception = 5 }),
            (Edsger, new ReplyAnswers { Relationship = RelationshipKind.Peer, TheirPerception = 5, YourPerception = 1 }),
            (Linus, new ReplyAnswers { Relationship = RelationshipKind.Peer, TheirPerception = 3, YourPerception = 3 }));

        var shortlist = ShortlistCompiler.Compile("0123456789abcdef", [Ada, Grace, Alan, Barbara, Edsger, Linus, Margaret], replies, OwnerTargets.None, Now);

        Assert.Equal(["Ada Lovelace", "Linus Torvalds"], shortlist.Entries.Select(e => e.Connection.DisplayName));
        Assert.Equal([ShortlistTier.Advice, ShortlistTier.Reconnect], shortlist.Entries.Select(e => e.Tier));
        Assert.Equal(4, shortlist.LeftOut);
        Assert.Equal(6, shortlist.RepliesConsidered);
    }

    [Fact]
    public void Reasons_give_the_owners_own_words_first_then_the_why_then_the_figures()
    {
        var replies = Replies((Ada, new ReplyAnswers
        {
            Relationship = RelationshipKind.Boss,
            HowWeKnow = "  She hired me\r\ninto the payments team; she pushed for my promotion  ",
            SharedProject = "the billing migration",
            Strength = 5,
            TheirPerception = 5,
            CouldHelp = HelpKind.Refer,
            CanOffer = "intros to design leads",
            Notes = "Prefers a call to email",
        }));

        var entry = Assert.Single(ShortlistCompiler.Compile("0123456789abcdef", [Ada], replies, new OwnerTargets(["contoso"], []), Now).Entries);

        Assert.Equal(
            [
                "Shared memory: “the billing migration”",
                "How you know each other: “She hired me into the payments team; she pushed for my promotion”",
                "You could offer: “intros to design leads”",
                "Your notes: “Prefers a call to email”",
                "Was your boss",
                "Could refer you",
                "Works at Contoso, a target",
                "Likely thinks well of you",
                $"Goodwill {entry.Score}/100",
                "Relationship strength 5/5",
                "Connected on LinkedIn since 2018",
            ],
            entry.Reasons);
    }

    [Fact]
    public void Long_free_text_is_shortened_at_a_word_in_the_reasons_and_left_out_of_the_opener()
    {
        var project = string.Join(' ', Enumerable.Repeat("replatforming", 30));
        var replies = Replies((Ada, new ReplyAnswers { Relationship = RelationshipKind.Peer, SharedProject = project }));

        var entry = Assert.Single(ShortlistCompiler.Compile("0123456789abcdef", [Ada], replies, OwnerTargets.None, Now).Entries);

        var reason = Assert.Single(entry.Reasons, r => r.StartsWith("Shared memory: ", StringComparison.Ordinal));
        Assert.EndsWith("replatforming…”", reason, StringComparison.Ordinal);
        Assert.True(reason.Length < 200, reason);
        Assert.Equal("Hi Ada, it has been a while since we worked together, and I have been meaning to catch up. How are things at Contoso?", entry.Opener);
    }

    [Fact]
    public void Opener_uses_the_first_name_and_the_shared_memory()
    {
        var replies = Replies((Ada, new ReplyAnswers { Relationship = RelationshipKind.Peer, SharedProject = "the billing migration." }));

        var entry = Assert.Single(ShortlistCompiler.Compile("0123456789abcdef", [Ada], replies, OwnerTargets.None, Now).Entries);

        Assert.Equal("Hi Ada, I still remember our work on the billing migration. How are things at Contoso?", entry.Opener);
        Assert.Equal("", entry.Ask);
        Assert.Equal(ShortlistTier.Reconnect, entry.Tier);
    }

    [Fact]
    public void Opener_falls_back_to_the_relationship_when_there_is_no_memory()
    {
        var nameless = Person("", "Nakamura") with { Company = null };
        var replies = Replies(
            (Ada, new ReplyAnswers { Relationship = RelationshipKind.Boss }),
            (nameless, new ReplyAnswers { Relationship = RelationshipKind.Classmate }));

        var entries = ShortlistCompiler.Compile("0123456789abcdef", [Ada, nameless], replies, OwnerTargets.None, Now).Entries;

        Assert.Equal("Hi Ada, I still think about what I learned working for you. How are things at Contoso?", entries.Single(e => e.Connection == Ada).Opener);
        Assert.Equal("Hi, it has been a while since our student days. How have you been?", entries.Single(e => e.Connection == nameless).Opener);
    }

    [Fact]
    public void Weak_ties_are_not_listed_to_contact_first_but_are_counted_and_can_be_helped()
    {
        var replies = Replies(
            (Ada, new ReplyAnswers { Relationship = RelationshipKind.Peer, Strength = 4, CouldHelp = HelpKind.Refer }),
            (Alan, new ReplyAnswers { Relationship = RelationshipKind.MetOnce, Strength = 1, CanOffer = "an intro to the Rust meetup organisers" }),
            (Grace, new ReplyAnswers { Relationship = RelationshipKind.Peer, Strength = 2 }));

        var shortlist = ShortlistCompiler.Compile("0123456789abcdef", [Ada, Alan, Grace], replies, OwnerTargets.None, Now);

        Assert.Equal(["Ada Lovelace"], shortlist.Entries.Select(e => e.Connection.DisplayName));
        Assert.Equal(2, shortlist.WeakTies);
        var forward = Assert.Single(shortlist.PayItForward);
        Assert.Equal(Alan, forward.Connection);
        Assert.Equal("an intro to the Rust meetup organisers", forward.Offer);
    }

    [Fact]
    public void Tiers_come_in_order_each_ranked_from_one()
    {
        var replies = Replies(
            (Linus, new ReplyAnswers { Relationship = RelationshipKind.Peer, Strength = 5 }),
            (Edsger, new ReplyAnswers { Relationship = RelationshipKind.Peer, Strength = 3, CouldHelp = HelpKind.Advise }),
            (Margaret, new ReplyAnswers { Relationship = RelationshipKind.Boss, Strength = 5, CouldHelp = HelpKind.Advise }),
            (Barbara, new ReplyAnswers { Relationship = RelationshipKind.Peer, Strength = 3, CouldHelp = HelpKind.Introduce }));

        var shortlist = ShortlistCompiler.Compile("0123456789abcdef", [Linus, Edsger, Margaret, Barbara], replies, OwnerTargets.None, Now);

        Assert.Equal(
            [(ShortlistTier.Referral, 1, "Barbara"), (ShortlistTier.Advice, 1, "Margaret"), (ShortlistTier.Advice, 2, "Edsger"), (ShortlistTier.Reconnect, 1, "Linus")],
            shortlist.Entries.Select(e => (e.Tier, e.Rank, e.Connection.FirstName)));
    }

    [Fact]
    public void Legacy_counts_whom_the_owner_reflected_on_and_quotes_their_memories_and_offers()
    {
        var replies = Replies(
            (Ada, new ReplyAnswers { Relationship = RelationshipKind.Boss, Strength = 5, TheirPerception = 5, SharedProject = "the payments rewrite", CanOffer = "a hand with hiring" }),
            (Grace, new ReplyAnswers { Relationship = RelationshipKind.Report, Strength = 4, TheirPerception = 4, SharedProject = "shipped the search relaunch" }),
            (Alan, new ReplyAnswers { Relationship = RelationshipKind.MetOnce, Strength = 1, CanOffer = "intros to the Rust meetup" }),
            (Barbara, new ReplyAnswers { Skip = true }),
            (Edsger, new ReplyAnswers { Relationship = RelationshipKind.Boss, TheirPerception = 1, SharedProject = "the reorg" }));

        var legacy = ShortlistCompiler.Compile("0123456789abcdef", [Ada, Grace, Alan, Barbara, Edsger], replies, OwnerTargets.None, Now).Legacy;

        Assert.Equal(
            "You reflected on 4 people. 2 of them likely think well of you. Among them are 1 former boss and 1 person who reported to you. "
            + "What you built together, in your words: “the payments rewrite” and “shipped the search relaunch”. "
            + "You could help 2 people now, from “a hand with hiring” to “intros to the Rust meetup”. "
            + "That is goodwill you have earned: people who remember working with you, and ways you can help them.",
            legacy.Paragraph);
    }

    [Fact]
    public void Legacy_quotes_the_warmest_three_memories_once_each_and_counts_the_rest()
    {
        var replies = Replies(
            (Linus, new ReplyAnswers { Relationship = RelationshipKind.Peer, Strength = 2, SharedProject = "the kernel sprint" }),
            (Ada, new ReplyAnswers { Relationship = RelationshipKind.Peer, Strength = 5, SharedProject = "The   Payments\nrewrite" }),
            (Grace, new ReplyAnswers { Relationship = RelationshipKind.Peer, Strength = 4, SharedProject = "the search relaunch" }),
            (Margaret, new ReplyAnswers { Relationship = RelationshipKind.Peer, Strength = 3, SharedProject = "the payments rewrite" }),
            (Edsger, new ReplyAnswers { Relationship = RelationshipKind.Peer, Strength = 3, SharedProject = "the compiler" }),
            (Barbara, new ReplyAnswers { Relationship = RelationshipKind.Peer, Strength = 1, SharedProject = "the type system" }));

        var legacy = ShortlistCompiler.Compile("0123456789abcdef", [Linus, Ada, Grace, Margaret, Edsger, Barbara], replies, OwnerTargets.None, Now).Legacy;

        // Margaret's words repeat Ada's (warmer): quoted once, as Ada wrote them; Edsger ties with Margaret and comes by name.
        Assert.Contains(
            "What you built together, in your words: “The Payments rewrite”, “the search relaunch”, “the compiler” and 2 more.",
            legacy.Paragraph,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Ranks_thousands_of_replies_exactly_as_a_full_sort_would()
    {
        var random = new Random(7);
        var people = Enumerable.Range(0, 3000)
            .Select(i => Person($"First{random.Next(40)}", $"Last{random.Next(40)}", i % 7 == 0 ? "Contoso" : "Adatum", "Engineer", new DateOnly(2015, 1, 1).AddDays(i)))
            .DistinctBy(c => c.Id)
            .ToList();
        var replies = people.ToDictionary(c => c.Id, _ => new ReplyAnswers
        {
            Relationship = (RelationshipKind)random.Next(1, 8),
            Strength = random.Next(1, 6),
            TheirPerception = random.Next(1, 6),
            CouldHelp = (HelpKind)random.Next(8),
            CanOffer = random.Next(3) == 0 ? "a referral" : null,
        });

        var shortlist = ShortlistCompiler.Compile("0123456789abcdef", people, replies, new OwnerTargets(["Contoso"], []), Now, maxEntries: 40);

        var expectedForward = people
            .Where(c => !GoodwillScorer.IsLeftOut(replies[c.Id]) && replies[c.Id].CanOffer is not null)
            .OrderByDescending(c => replies[c.Id].Strength).ThenByDescending(c => replies[c.Id].TheirPerception)
            .ThenBy(c => c.LastName, StringComparer.OrdinalIgnoreCase).ThenBy(c => c.FirstName, StringComparer.OrdinalIgnoreCase)
            .ThenBy(c => c.Id, StringComparer.Ordinal)
            .Take(40);
        Assert.Equal(expectedForward, shortlist.PayItForward.Select(p => p.Connection));
        var everyone = ShortlistCompiler.Compile("0123456789abcdef", people, replies, new OwnerTargets(["Contoso"], []), Now, maxEntries: people.Count).Entries;
        var expectedEntries = everyone
            .OrderBy(e => e.Tier).ThenByDescending(e => e.Score).ThenByDescending(e => e.Answers!.Strength ?? 0)
            .ThenBy(e => e.Connection.LastName, StringComparer.OrdinalIgnoreCase).ThenBy(e => e.Connection.FirstName, StringComparer.OrdinalIgnoreCase)
            .ThenBy(e => e.Connection.Id, StringComparer.Ordinal)
            .Take(40);
        Assert.Equal(expectedEntries.Select(e => e.Connection), shortlist.Entries.Select(e => e.Connection));
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
        Assert.Contains("Works at SOCIÉTÉ GÉNÉRALE Paris, a target", matched.Reasons);
        Assert.Contains("Senior Engineering Manager, Payments, a target role", matched.Reasons);
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
        Assert.Contains("Connected on LinkedIn since 2001", entry.Reasons);
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
    [InlineData("2025-03-03", 1)]
    [InlineData("2025-03-04", 0)]
    [InlineData("2020-03-04", 5)]
    public void Tenure_counts_full_years_and_shows_the_year_connected_on_linkedin(string connectedOn, int points)
    {
        var person = Person("Ada", "Lovelace", connectedOn: DateOnly.Parse(connectedOn, System.Globalization.CultureInfo.InvariantCulture));
        var newcomer = Person("Ada", "Lovelace");
        var answers = new ReplyAnswers { Relationship = RelationshipKind.Peer };

        var entry = Assert.Single(ShortlistCompiler.Compile("0123456789abcdef", [person], Replies((person, answers)), OwnerTargets.None, Now).Entries);
        var baseline = Assert.Single(ShortlistCompiler.Compile("0123456789abcdef", [newcomer], Replies((newcomer, answers)), OwnerTargets.None, Now).Entries);

        Assert.Equal(points, entry.Score - baseline.Score);
        Assert.Contains($"Connected on LinkedIn since {connectedOn[..4]}", entry.Reasons);
    }
}
