using GoodwillFlow.Core.Planning;
using static GoodwillFlow.Core.Tests.Planning.PlannerTestData;

namespace GoodwillFlow.Core.Tests.Planning;

public class DripPlannerDaylightSavingTests
{
    private static readonly DayOfWeek[] EveryDay = Enum.GetValues<DayOfWeek>();

    [Fact]
    public void London_spring_forward_moves_a_window_opening_in_the_missing_hour_to_the_change()
    {
        // 29 March 2026: at 01:00 GMT London clocks jump to 02:00 BST, so 01:30 does not exist.
        var cadence = new Cadence { TimeZone = "Europe/London", Days = EveryDay, PromptsPerDay = 1, WindowStart = new(1, 30), WindowEnd = new(3, 30) };

        var plan = DripPlanner.Plan(People(3), cadence, Utc(2026, 3, 28, 12));

        Assert.Equal(
            [
                new DateTimeOffset(2026, 3, 29, 2, 0, 0, TimeSpan.FromHours(1)),
                new DateTimeOffset(2026, 3, 30, 1, 30, 0, TimeSpan.FromHours(1)),
                new DateTimeOffset(2026, 3, 31, 1, 30, 0, TimeSpan.FromHours(1)),
            ],
            plan.Select(p => p.SendAt));
    }

    [Fact]
    public void London_fall_back_sends_an_ambiguous_time_once_at_its_first_occurrence()
    {
        // 25 October 2026: at 02:00 BST London clocks go back to 01:00 GMT, so 01:30 happens twice.
        var cadence = new Cadence { TimeZone = "Europe/London", Days = EveryDay, PromptsPerDay = 1, WindowStart = new(1, 30), WindowEnd = new(6, 0) };

        var plan = DripPlanner.Plan(People(3), cadence, Utc(2026, 10, 24, 12));

        Assert.Equal(
            [
                new DateTimeOffset(2026, 10, 25, 1, 30, 0, TimeSpan.FromHours(1)),
                new DateTimeOffset(2026, 10, 26, 1, 30, 0, TimeSpan.Zero),
                new DateTimeOffset(2026, 10, 27, 1, 30, 0, TimeSpan.Zero),
            ],
            plan.Select(p => p.SendAt));
        Assert.Equal(TimeSpan.FromHours(1), plan[0].SendAt.Local("Europe/London").Offset);
    }

    [Fact]
    public void New_York_spring_forward_moves_a_window_opening_in_the_missing_hour_to_the_change()
    {
        // 8 March 2026: at 02:00 EST New York clocks jump to 03:00 EDT.
        var cadence = new Cadence { TimeZone = "America/New_York", Days = EveryDay, PromptsPerDay = 2, WindowStart = new(2, 30), WindowEnd = new(5, 0) };

        var plan = DripPlanner.Plan(People(4), cadence, Utc(2026, 3, 7, 18));

        Assert.Equal(
            [
                // The window really lasts from 03:00 to 05:00 EDT that day: two hours, one prompt an hour.
                new DateTimeOffset(2026, 3, 8, 3, 0, 0, TimeSpan.FromHours(-4)),
                new DateTimeOffset(2026, 3, 8, 4, 0, 0, TimeSpan.FromHours(-4)),
                new DateTimeOffset(2026, 3, 9, 2, 30, 0, TimeSpan.FromHours(-4)),
                new DateTimeOffset(2026, 3, 9, 3, 45, 0, TimeSpan.FromHours(-4)),
            ],
            plan.Select(p => p.SendAt));
    }

    [Fact]
    public void New_York_fall_back_takes_the_ambiguous_opening_once_with_the_daylight_offset()
    {
        // 1 November 2026: at 02:00 EDT New York clocks go back to 01:00 EST.
        var cadence = new Cadence { TimeZone = "America/New_York", Days = EveryDay, PromptsPerDay = 1, WindowStart = new(1, 30), WindowEnd = new(2, 0) };

        var plan = DripPlanner.Plan(People(2), cadence, Utc(2026, 10, 31, 18));

        Assert.Equal(
            [
                new DateTimeOffset(2026, 11, 1, 1, 30, 0, TimeSpan.FromHours(-4)),
                new DateTimeOffset(2026, 11, 2, 1, 30, 0, TimeSpan.FromHours(-5)),
            ],
            plan.Select(p => p.SendAt));
    }

    [Fact]
    public void Normal_office_hours_keep_their_clock_times_across_both_changes()
    {
        var cadence = new Cadence { TimeZone = "America/New_York", Days = EveryDay, PromptsPerDay = 1 };

        var plan = DripPlanner.Plan(People(240), cadence, Utc(2026, 3, 1));

        Assert.All(plan, p => Assert.Equal(new TimeOnly(9, 0), TimeOnly.FromDateTime(p.SendAt.Local("America/New_York").DateTime)));
        Assert.Contains(plan, p => p.SendAt == new DateTimeOffset(2026, 3, 8, 9, 0, 0, TimeSpan.FromHours(-4)));
        Assert.Contains(plan, p => p.SendAt == new DateTimeOffset(2026, 3, 7, 9, 0, 0, TimeSpan.FromHours(-5)));
    }

    [Theory]
    [InlineData("Europe/London")]
    [InlineData("America/New_York")]
    public void A_window_spanning_the_changes_stays_strictly_increasing_capped_and_inside_the_window(string zone)
    {
        // A night window that contains both the missing and the repeated hour, every day for a year.
        var cadence = new Cadence { TimeZone = zone, Days = EveryDay, PromptsPerDay = 7, WindowStart = new(0, 30), WindowEnd = new(3, 30) };

        var plan = DripPlanner.Plan(People(7 * 366), cadence, Utc(2026, 1, 1));

        Assert.All(plan.Zip(plan.Skip(1)), pair => Assert.True(pair.First.SendAt < pair.Second.SendAt, $"{pair.First.SendAt:o} then {pair.Second.SendAt:o}"));
        var local = plan.Select(p => p.SendAt.Local(zone)).ToArray();
        Assert.All(local.GroupBy(t => t.Date), day => Assert.Equal(7, day.Count()));
        Assert.All(local, t => Assert.InRange(TimeOnly.FromDateTime(t.DateTime), new TimeOnly(0, 30), new TimeOnly(3, 29, 59)));
    }

    [Fact]
    public void Skips_a_day_whose_window_lies_wholly_in_the_missing_hour()
    {
        // 01:15 to 01:45 never happens in London on 29 March 2026.
        var cadence = new Cadence { TimeZone = "Europe/London", Days = EveryDay, PromptsPerDay = 2, WindowStart = new(1, 15), WindowEnd = new(1, 45) };

        var plan = DripPlanner.Plan(People(2), cadence, Utc(2026, 3, 28, 12));

        Assert.Equal(
            [new DateTimeOffset(2026, 3, 30, 1, 15, 0, TimeSpan.FromHours(1)), new DateTimeOffset(2026, 3, 30, 1, 30, 0, TimeSpan.FromHours(1))],
            plan.Select(p => p.SendAt));
    }
}
