using GoodwillFlow.Core.Evidence;
using static GoodwillFlow.Core.Tests.Evidence.EvidenceSamples;

namespace GoodwillFlow.Core.Tests.Evidence;

public class EvidenceLinesTests
{
    [Fact]
    public void Says_how_many_messages_were_exchanged_when_the_last_was_and_who_wrote_last()
    {
        var lines = EvidenceLines.ForPrompt(Messages(fromOwner: 8, toOwner: 6, last: new(2023, 3, 9)));

        Assert.Equal(["You exchanged 14 messages, the last in March 2023 (they wrote last)"], lines);
    }

    [Fact]
    public void Says_when_only_one_side_ever_wrote()
    {
        Assert.Equal(
            ["You wrote to them 2 times, the last in June 2019; they never wrote back"],
            EvidenceLines.ForPrompt(Messages(fromOwner: 2, toOwner: 0, last: new(2019, 6, 14), theyWroteLast: false)));
        Assert.Equal(
            ["They wrote to you once, the last in August 2020; you never wrote back"],
            EvidenceLines.ForPrompt(Messages(fromOwner: 0, toOwner: 1, last: new(2020, 8, 1))));
    }

    [Fact]
    public void Puts_a_recommendation_they_gave_first_and_quotes_its_first_words()
    {
        var evidence = Messages(3, 3, new(2025, 1, 1)) with
        {
            Recommendations =
            [
                new RecommendationEvidence(EvidenceDirection.FromOwner, new DateOnly(2019, 5, 1), "Maya built the best on-call rotation I have seen.", EvidenceMatch.ProfileUrl),
                new RecommendationEvidence(EvidenceDirection.ToOwner, new DateOnly(2021, 3, 15), "Alex led our payments rewrite with calm and care, and made every engineer on the team better.", EvidenceMatch.ProfileUrl),
            ],
            Endorsements = new EndorsementEvidence(["Kubernetes"], null, EvidenceMatch.ProfileUrl),
        };

        var lines = EvidenceLines.ForPrompt(evidence);

        Assert.Equal(3, lines.Count);
        Assert.Equal("They recommended you in 2021: “Alex led our payments rewrite with calm and care, and made every engineer on…”", lines[0]);
        Assert.StartsWith("You exchanged 6 messages", lines[1], StringComparison.Ordinal);
        Assert.Equal("You recommended them in 2019: “Maya built the best on-call rotation I have seen.”", lines[2]);
    }

    [Fact]
    public void Names_endorsed_skills_and_counts_the_rest()
    {
        Assert.Equal(["They endorsed you for Kubernetes and C#"], EvidenceLines.ForPrompt(Endorsed("Kubernetes", "C#")));
        Assert.Equal(
            ["They endorsed you for Go, Rust, SQL and 2 more skills"],
            EvidenceLines.ForPrompt(Endorsed("Go", "Rust", "SQL", "Azure", "Docker")));
    }

    [Fact]
    public void Tells_who_invited_whom_with_the_note()
    {
        var evidence = ConnectionEvidence.None with
        {
            Invitation = new InvitationEvidence(EvidenceDirection.ToOwner, new DateOnly(2018, 9, 2), "Great meeting you at the DevOps meetup!", EvidenceMatch.ProfileUrl),
        };

        Assert.Equal(["They invited you to connect in 2018: “Great meeting you at the DevOps meetup!”"], EvidenceLines.ForPrompt(evidence));
    }

    [Fact]
    public void Marks_a_match_by_name_only_as_less_certain()
    {
        var lines = EvidenceLines.ForPrompt(RecommendedYou(2021, excerpt: "", match: EvidenceMatch.NameOnly));

        Assert.Equal(["They recommended you in 2021 (probably the same person: matched by name only)"], lines);
        Assert.Equal(["Recommended you in 2021 (probably the same person)"], EvidenceLines.ForReasons(RecommendedYou(2021, match: EvidenceMatch.NameOnly)));
    }

    [Fact]
    public void Says_nothing_when_the_archive_said_nothing()
    {
        Assert.Empty(EvidenceLines.ForPrompt(null));
        Assert.Empty(EvidenceLines.ForPrompt(ConnectionEvidence.None));
        Assert.Empty(EvidenceLines.ForReasons(null));
    }

    [Fact]
    public void Gives_short_reasons_for_the_shortlist_strongest_first()
    {
        var evidence = Messages(8, 6, new(2023, 3, 9)) with
        {
            Recommendations = [new RecommendationEvidence(EvidenceDirection.ToOwner, new DateOnly(2021, 3, 15), "x", EvidenceMatch.ProfileUrl)],
            Endorsements = new EndorsementEvidence(["Kubernetes"], null, EvidenceMatch.ProfileUrl),
        };

        Assert.Equal(["Recommended you in 2021", "You exchanged 14 messages, last in 2023"], EvidenceLines.ForReasons(evidence));
    }
}
