using GoodwillFlow.Core.Planning;

namespace GoodwillFlow.Core.Tests.Planning;

public class TargetMatcherTests
{
    private static readonly OwnerTargets Targets = new(["Ørsted", "Straße AG"], ["Staff Engineer"]);

    [Theory]
    [InlineData(2)]
    [InlineData(200)]
    public void Finds_a_target_at_the_end_of_a_long_title_with_accents_and_ligatures(int padding)
    {
        // Titles longer than the stack buffer are folded in a rented one: both must match alike.
        var matcher = new TargetMatcher(Targets);
        var prefix = string.Concat(Enumerable.Repeat("Æsthetics · ", padding));

        Assert.True(matcher.MatchesRole(prefix + "STAFF ENGINEER"));
        Assert.True(matcher.MatchesCompany(prefix + "orsted"));
        Assert.True(matcher.MatchesCompany(prefix + "Strasse AG, Berlin"));
        Assert.False(matcher.MatchesRole(prefix + "Staff Engineering"));
    }

    [Fact]
    public void Matches_a_company_whose_name_holds_a_noncharacter()
    {
        var matcher = new TargetMatcher(Targets);

        Assert.True(matcher.MatchesCompany("Ørsted￾"));
        Assert.False(matcher.MatchesCompany("Fabrikam￾"));
    }
}
