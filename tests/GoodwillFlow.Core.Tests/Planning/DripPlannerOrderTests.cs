using GoodwillFlow.Core.Planning;
using static GoodwillFlow.Core.Tests.Planning.PlannerTestData;

namespace GoodwillFlow.Core.Tests.Planning;

public class DripPlannerOrderTests
{
    private static readonly OwnerTargets Targets = new(["Contoso", "Société Générale"], ["engineering manager"]);

    [Fact]
    public void Puts_target_company_matches_first_then_role_matches_then_the_rest()
    {
        var people = new[]
        {
            Person("a000000000000001", "Fabrikam", "Designer", new(2010, 1, 1)),
            Person("a000000000000002", "Fabrikam", "Senior Engineering Manager", new(2020, 1, 1)),
            Person("a000000000000003", "Contoso Ltd.", "Designer", new(2021, 1, 1)),
            Person("a000000000000004", "CONTOSO", "Engineering Manager", new(2022, 1, 1)),
        };

        var ordered = DripPlanner.Order(people, Targets);

        Assert.Equal(["a000000000000004", "a000000000000003", "a000000000000002", "a000000000000001"], ordered.Select(c => c.Id));
    }

    [Theory]
    [InlineData("contoso", true)]
    [InlineData("Contoso, Inc.", true)]
    [InlineData("The Contoso Group", true)]
    [InlineData("Contosoville Bakery", false)]
    [InlineData("MegaContoso", false)]
    [InlineData("SOCIETE GENERALE", true)]
    [InlineData("Societe-Generale Securities", true)]
    [InlineData("Société", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Matches_companies_ignoring_case_and_accents_on_whole_words(string? company, bool expected)
    {
        Assert.Equal(expected, new TargetMatcher(Targets).MatchesCompany(company));
    }

    [Theory]
    [InlineData("Engineering Manager", true)]
    [InlineData("Sr. engineering manager, Platform", true)]
    [InlineData("Engineering Management Lead", false)]
    [InlineData("Manager, Engineering", false)]
    public void Matches_roles_as_whole_word_phrases(string position, bool expected)
    {
        Assert.Equal(expected, new TargetMatcher(Targets).MatchesRole(position));
    }

    [Fact]
    public void Matches_letters_that_carry_their_accent_in_the_letter()
    {
        var matcher = new TargetMatcher(new OwnerTargets(["Orsted", "Lodz Tech"], []));

        Assert.True(matcher.MatchesCompany("Ørsted A/S"));
        Assert.True(matcher.MatchesCompany("Łódź Tech"));
    }

    [Fact]
    public void Ignores_blank_targets()
    {
        var matcher = new TargetMatcher(new OwnerTargets(["", "  ", "---"], [" "]));

        Assert.False(matcher.MatchesCompany("Contoso"));
        Assert.False(matcher.MatchesRole("Engineer"));
    }

    [Fact]
    public void Orders_the_rest_longest_standing_first_with_unknown_dates_last_then_by_id()
    {
        var people = new[]
        {
            Person("b000000000000005", connectedOn: null),
            Person("b000000000000002", connectedOn: new(2019, 3, 1)),
            Person("b000000000000004", connectedOn: null),
            Person("b000000000000003", connectedOn: new(2012, 7, 9)),
            Person("b000000000000001", connectedOn: new(2019, 3, 1)),
        };

        var ordered = DripPlanner.Order(people, OwnerTargets.None);

        Assert.Equal(
            ["b000000000000003", "b000000000000001", "b000000000000002", "b000000000000004", "b000000000000005"],
            ordered.Select(c => c.Id));
    }

    [Fact]
    public void Gives_the_same_order_whatever_the_input_order()
    {
        var random = new Random(42);
        var companies = new[] { "Contoso", "Fabrikam", null, "Société Générale", "Northwind" };
        var people = Enumerable.Range(0, 500)
            .Select(i => Person(
                i.ToString("x16", System.Globalization.CultureInfo.InvariantCulture),
                companies[random.Next(companies.Length)],
                random.Next(4) == 0 ? "Engineering Manager" : "Analyst",
                random.Next(5) == 0 ? null : new DateOnly(2005, 1, 1).AddDays(random.Next(7000))))
            .ToArray();

        var first = DripPlanner.Order(people, Targets);
        var second = DripPlanner.Order(people.OrderBy(_ => random.Next()).ToArray(), Targets);

        Assert.Equal(first.Select(c => c.Id), second.Select(c => c.Id));
        Assert.Equal(people.Length, first.Count);
    }

    [Fact]
    public void Keeps_input_order_for_identical_keys()
    {
        var one = Person("c000000000000001") with { FirstName = "One" };
        var two = Person("c000000000000001") with { FirstName = "Two" };

        Assert.Equal(["One", "Two"], DripPlanner.Order([one, two], OwnerTargets.None).Select(c => c.FirstName));
        Assert.Equal(["Two", "One"], DripPlanner.Order([two, one], OwnerTargets.None).Select(c => c.FirstName));
    }
}
