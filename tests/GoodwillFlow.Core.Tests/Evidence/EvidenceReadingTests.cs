using GoodwillFlow.Core.Evidence;
using GoodwillFlow.Core.Replies;
using static GoodwillFlow.Core.Tests.Evidence.EvidenceSamples;

namespace GoodwillFlow.Core.Tests.Evidence;

public class EvidenceReadingTests
{
    [Fact]
    public void A_recommendation_or_recent_messages_both_ways_is_strong()
    {
        Assert.Equal(EvidenceStrength.Strong, EvidenceReading.Strength(RecommendedYou(2015), Today));
        Assert.Equal(EvidenceStrength.Strong, EvidenceReading.Strength(Messages(3, 2, new(2026, 2, 1)), Today));
    }

    [Fact]
    public void One_way_messages_and_nothing_in_years_is_faded()
    {
        Assert.Equal(EvidenceStrength.Faded, EvidenceReading.Strength(Messages(2, 0, new(2019, 6, 14)), Today));
        Assert.Equal(EvidenceStrength.Faded, EvidenceReading.Strength(Messages(0, 1, new(2020, 8, 1)), Today));
    }

    [Fact]
    public void Messages_from_them_lately_or_a_recent_endorsement_is_warm_not_strong()
    {
        Assert.Equal(EvidenceStrength.Warm, EvidenceReading.Strength(Messages(0, 2, new(2025, 8, 1)), Today));
        Assert.Equal(EvidenceStrength.Warm, EvidenceReading.Strength(Messages(4, 4, new(2024, 6, 1)), Today));
        Assert.Equal(EvidenceStrength.Warm, EvidenceReading.Strength(Endorsed("Go"), Today));
    }

    [Fact]
    public void Old_messages_both_ways_or_a_recent_unanswered_note_say_something_but_nothing_clear()
    {
        Assert.Equal(EvidenceStrength.Some, EvidenceReading.Strength(Messages(5, 5, new(2017, 1, 1)), Today));
        Assert.Equal(EvidenceStrength.Some, EvidenceReading.Strength(Messages(1, 0, new(2026, 10, 1)), Today));
    }

    [Fact]
    public void A_match_by_name_alone_is_never_clear()
    {
        Assert.Equal(EvidenceStrength.Some, EvidenceReading.Strength(RecommendedYou(2021, match: EvidenceMatch.NameOnly), Today));
        Assert.Equal(EvidenceStrength.None, EvidenceReading.Strength(Messages(2, 0, new(2019, 1, 1), match: EvidenceMatch.NameOnly), Today));
        Assert.Null(OneClickChoice.FromEvidence(EvidenceReading.Strength(RecommendedYou(2021, match: EvidenceMatch.NameOnly), Today)));
    }

    [Fact]
    public void Suggests_a_strength_only_where_the_evidence_is_clear()
    {
        Assert.Equal(4, OneClickChoice.FromEvidence(EvidenceStrength.Strong)!.Strength);
        Assert.Equal(1, OneClickChoice.FromEvidence(EvidenceStrength.Faded)!.Strength);
        Assert.Null(OneClickChoice.FromEvidence(EvidenceStrength.Warm));
        Assert.Null(OneClickChoice.FromEvidence(EvidenceStrength.Some));
        Assert.Null(OneClickChoice.FromEvidence(EvidenceStrength.None));
    }
}
