using GoodwillFlow.Core.Evidence;
using GoodwillFlow.Core.Planning;
using GoodwillFlow.Core.Replies;
using GoodwillFlow.Core.Shortlists;
using static GoodwillFlow.Core.Tests.Evidence.EvidenceSamples;

namespace GoodwillFlow.Core.Tests.Evidence;

/// <summary>The archive's evidence in the score, the shortlist's reasons and the drip order.</summary>
public class EvidenceInRankingTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly ReplyAnswers Peer = new() { Relationship = RelationshipKind.Peer, Strength = 4, TheirPerception = 4, YourPerception = 4, CouldHelp = HelpKind.Advise };

    [Fact]
    public void A_recommendation_they_gave_ranks_them_above_an_equal_answer_and_the_shortlist_cites_it()
    {
        var maya = Person("a000000000000001", "Maya", "Chen");
        var sam = Person("a000000000000002", "Sam", "Chen");
        var replies = new Dictionary<string, ReplyAnswers> { [maya.Id] = Peer, [sam.Id] = Peer };
        var evidence = new Dictionary<string, ConnectionEvidence> { [sam.Id] = RecommendedYou(2021) };

        var shortlist = ShortlistCompiler.Compile("c", [maya, sam], replies, OwnerTargets.None, Now, evidence: evidence);

        Assert.Equal(["Sam", "Maya"], shortlist.Entries.Select(e => e.Connection.FirstName));
        Assert.Contains("Recommended you in 2021", shortlist.Entries[0].Why);
        Assert.Equal(GoodwillWeights.EvidenceRecommendedYou, shortlist.Entries[0].Score - shortlist.Entries[1].Score);
        Assert.DoesNotContain(shortlist.Entries[1].Why, w => w.Contains("Recommended", StringComparison.Ordinal));
    }

    [Fact]
    public void The_owners_answers_still_dominate_the_strongest_evidence()
    {
        var boss = Person("a000000000000001", "Ada", "Boss");
        var metOnce = Person("a000000000000002", "Bo", "Once");
        var replies = new Dictionary<string, ReplyAnswers>
        {
            [boss.Id] = Peer with { Relationship = RelationshipKind.Boss, Strength = 5, TheirPerception = 5 },
            [metOnce.Id] = Peer with { Relationship = RelationshipKind.Classmate, Strength = 3, TheirPerception = 3, YourPerception = 3 },
        };
        var everything = Messages(20, 20, new(2026, 11, 1)) with
        {
            Recommendations =
            [
                new RecommendationEvidence(EvidenceDirection.ToOwner, new DateOnly(2024, 1, 1), "x", EvidenceMatch.ProfileUrl),
                new RecommendationEvidence(EvidenceDirection.FromOwner, new DateOnly(2024, 1, 1), "y", EvidenceMatch.ProfileUrl),
            ],
            Endorsements = new EndorsementEvidence(["Go"], null, EvidenceMatch.ProfileUrl),
        };

        var shortlist = ShortlistCompiler.Compile(
            "c", [boss, metOnce], replies, OwnerTargets.None, Now, evidence: new Dictionary<string, ConnectionEvidence> { [metOnce.Id] = everything });

        Assert.Equal(["Ada", "Bo"], shortlist.Entries.Select(e => e.Connection.FirstName));
        Assert.Equal(GoodwillWeights.EvidenceMax, GoodwillScorer.EvidencePoints(everything, Today));
        Assert.Contains("You exchanged 40 messages, last in 2026", shortlist.Entries[1].Why);
    }

    [Fact]
    public void Evidence_matched_by_name_alone_counts_half_and_says_so()
    {
        var byName = RecommendedYou(2021, match: EvidenceMatch.NameOnly);

        Assert.Equal(GoodwillWeights.EvidenceRecommendedYou / 2, GoodwillScorer.EvidencePoints(byName, Today));
        var score = GoodwillScorer.Score(Person("a000000000000001"), Peer, OwnerTargets.None, Today, byName);
        Assert.Contains("Recommended you in 2021 (probably the same person)", score.Reasons);
    }

    [Fact]
    public void Faded_evidence_adds_nothing()
    {
        Assert.Equal(0, GoodwillScorer.EvidencePoints(Messages(2, 0, new(2019, 1, 1)), Today));
        Assert.Equal(
            GoodwillScorer.Score(Person("a000000000000001"), Peer, OwnerTargets.None, Today).Score,
            GoodwillScorer.Score(Person("a000000000000001"), Peer, OwnerTargets.None, Today, Messages(2, 0, new(2019, 1, 1))).Score);
    }

    [Fact]
    public void The_drip_puts_target_companies_first_then_the_warmest_evidence_then_target_roles()
    {
        var targets = new OwnerTargets(["Contoso"], ["engineering manager"]);
        var people = new[]
        {
            Person("a000000000000001", "Role", "Match", company: "Fabrikam") with { Position = "Engineering Manager" },
            Person("a000000000000002", "Warm", "Tie", company: "Fabrikam"),
            Person("a000000000000003", "Strong", "Tie", company: "Fabrikam"),
            Person("a000000000000004", "Target", "Company", company: "Contoso"),
            Person("a000000000000005", "Faded", "Tie", company: "Fabrikam", since: new DateOnly(2010, 1, 1)),
            Person("a000000000000006", "Nothing", "Known", company: "Fabrikam", since: new DateOnly(2011, 1, 1)),
        };
        var evidence = new Dictionary<string, ConnectionEvidence>
        {
            ["a000000000000002"] = Messages(0, 3, new(2025, 5, 1)),
            ["a000000000000003"] = RecommendedYou(2020),
            ["a000000000000005"] = Messages(1, 0, new(2015, 1, 1)),
        };

        var ordered = DripPlanner.Order(people, targets, evidence, Today);

        Assert.Equal(["Target", "Strong", "Warm", "Role", "Faded", "Nothing"], ordered.Select(c => c.FirstName));
    }

    [Fact]
    public void Without_evidence_the_drip_order_is_the_same_as_before()
    {
        var targets = new OwnerTargets(["Contoso"], ["engineering manager"]);
        var people = Enumerable.Range(0, 40)
            .Select(i => Person($"b{i:x15}", company: i % 3 == 0 ? "Contoso" : "Fabrikam", since: new DateOnly(2010 + (i % 7), 1, 1)) with
            {
                Position = i % 4 == 0 ? "Engineering Manager" : "Engineer",
            })
            .ToList();

        Assert.Equal(
            DripPlanner.Order(people, targets).Select(c => c.Id),
            DripPlanner.Order(people, targets, new Dictionary<string, ConnectionEvidence>(), Today).Select(c => c.Id));
    }
}
