using GoodwillFlow.Core.Planning;
using static GoodwillFlow.Core.Tests.Planning.PlannerTestData;

namespace GoodwillFlow.Core.Tests.Planning;

public class DripPlannerScheduleTests
{
    // Monday 2 March 2026.
    private static readonly DateTimeOffset MondayEarly = Utc(2026, 3, 2, 7);

    [Fact]
    public void Spreads_each_day_prompts_evenly_across_the_send_window()
    {
        var plan = DripPlanner.Plan(People(6), new Cadence(), MondayEarly);

        Assert.Equal(
            [
                Utc(2026, 3, 2, 9, 0), Utc(2026, 3, 2, 10, 36), Utc(2026, 3, 2, 12, 12), Utc(2026, 3, 2, 13, 48),
                Utc(2026, 3, 2, 15, 24), Utc(2026, 3, 3, 9, 0),
            ],
            plan.Select(p => p.SendAt));
    }

    [Fact]
    public void Numbers_prompts_from_the_first_sequence_in_the_given_order()
    {
        var people = People(3);

        var plan = DripPlanner.Plan(people, new Cadence(), MondayEarly, firstSequence: 40);

        Assert.Equal([40, 41, 42], plan.Select(p => p.Sequence));
        Assert.Equal(people.Select(p => p.Id), plan.Select(p => p.ConnectionId));
    }

    [Fact]
    public void Returns_an_empty_plan_for_no_connections()
    {
        Assert.Empty(DripPlanner.Plan([], new Cadence(), MondayEarly));
    }

    [Fact]
    public void Skips_weekends_with_the_default_weekday_cadence()
    {
        // Friday 6 March 2026, before the window opens.
        var plan = DripPlanner.Plan(People(12), new Cadence(), Utc(2026, 3, 6, 8));

        var perDate = plan.GroupBy(p => DateOnly.FromDateTime(p.SendAt.UtcDateTime)).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(
            new Dictionary<DateOnly, int> { [new(2026, 3, 6)] = 5, [new(2026, 3, 9)] = 5, [new(2026, 3, 10)] = 2 },
            perDate);
    }

    [Fact]
    public void Sends_only_on_the_chosen_days()
    {
        var cadence = new Cadence { Days = [DayOfWeek.Tuesday, DayOfWeek.Saturday], PromptsPerDay = 2 };

        var plan = DripPlanner.Plan(People(20), cadence, MondayEarly);

        Assert.All(plan, p => Assert.Contains(p.SendAt.DayOfWeek, new[] { DayOfWeek.Tuesday, DayOfWeek.Saturday }));
        Assert.Equal(new DateTimeOffset(2026, 3, 3, 9, 0, 0, TimeSpan.Zero), plan[0].SendAt);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    public void Never_sends_more_than_the_daily_cap_and_stays_inside_the_window(int perDay)
    {
        var cadence = new Cadence { TimeZone = "Europe/London", PromptsPerDay = perDay, WindowStart = new(8, 30), WindowEnd = new(11, 0) };

        var plan = DripPlanner.Plan(People(200), cadence, MondayEarly);

        var local = plan.Select(p => p.SendAt.Local("Europe/London")).ToArray();
        var perDate = local.GroupBy(t => t.Date).Select(day => day.Count()).ToArray();
        Assert.All(perDate[..^1], count => Assert.Equal(perDay, count));
        Assert.InRange(perDate[^1], 1, perDay);
        Assert.All(local, t => Assert.InRange(TimeOnly.FromDateTime(t.DateTime), new TimeOnly(8, 30), new TimeOnly(10, 59, 59, 999)));
    }

    [Fact]
    public void Uses_the_remaining_slots_when_today_window_is_partly_gone()
    {
        var plan = DripPlanner.Plan(People(4), new Cadence(), Utc(2026, 3, 2, 12, 0));

        Assert.Equal(
            [Utc(2026, 3, 2, 12, 12), Utc(2026, 3, 2, 13, 48), Utc(2026, 3, 2, 15, 24), Utc(2026, 3, 3, 9, 0)],
            plan.Select(p => p.SendAt));
    }

    [Fact]
    public void Starts_on_the_next_sending_day_when_today_window_has_passed()
    {
        var plan = DripPlanner.Plan(People(1), new Cadence(), Utc(2026, 3, 2, 17, 0));

        Assert.Equal(Utc(2026, 3, 3, 9, 0), plan[0].SendAt);
    }

    [Fact]
    public void Sends_at_the_exact_slot_when_not_before_falls_on_it()
    {
        var plan = DripPlanner.Plan(People(1), new Cadence(), Utc(2026, 3, 2, 10, 36));

        Assert.Equal(Utc(2026, 3, 2, 10, 36), plan[0].SendAt);
    }

    [Fact]
    public void Waits_for_a_start_date_in_the_future()
    {
        var cadence = new Cadence { TimeZone = "America/New_York", StartDate = new DateOnly(2026, 3, 18) };

        var plan = DripPlanner.Plan(People(2), cadence, MondayEarly);

        Assert.Equal(new DateTimeOffset(2026, 3, 18, 9, 0, 0, TimeSpan.FromHours(-4)), plan[0].SendAt);
    }

    [Fact]
    public void Never_plans_before_not_before_when_the_start_date_is_in_the_past()
    {
        var cadence = new Cadence { StartDate = new DateOnly(2020, 1, 6) };

        var plan = DripPlanner.Plan(People(2), cadence, Utc(2026, 3, 2, 10, 0));

        Assert.Equal([Utc(2026, 3, 2, 10, 36), Utc(2026, 3, 2, 12, 12)], plan.Select(p => p.SendAt));
    }

    [Fact]
    public void Uses_the_owner_local_date_to_decide_what_today_is()
    {
        // 23:30 UTC on Friday is already Saturday 08:30 in Tokyo: the weekend, so Monday is the first sending day.
        var cadence = new Cadence { TimeZone = "Asia/Tokyo" };

        var plan = DripPlanner.Plan(People(1), cadence, Utc(2026, 3, 6, 23, 30));

        Assert.Equal(new DateTimeOffset(2026, 3, 9, 9, 0, 0, TimeSpan.FromHours(9)), plan[0].SendAt);
    }

    [Fact]
    public void Returns_send_times_in_utc()
    {
        var cadence = new Cadence { TimeZone = "Europe/Paris" };

        var plan = DripPlanner.Plan(People(1), cadence, new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.FromHours(1)));

        Assert.Equal(TimeSpan.Zero, plan[0].SendAt.Offset);
        Assert.Equal(Utc(2026, 3, 2, 8, 0), plan[0].SendAt);
    }

    [Fact]
    public void Spreads_all_prompts_over_the_target_weeks()
    {
        var cadence = new Cadence { TargetWeeks = 2, PromptsPerDay = 1 };

        var plan = DripPlanner.Plan(People(100), cadence, MondayEarly);

        Assert.Equal(10, DripPlanner.DailyPace(cadence, 100));
        var days = plan.Select(p => DateOnly.FromDateTime(p.SendAt.UtcDateTime)).Distinct().ToArray();
        Assert.Equal(10, days.Length);
        Assert.Equal(new DateOnly(2026, 3, 13), days[^1]);
    }

    [Fact]
    public void Rounds_the_target_weeks_pace_up_so_the_campaign_ends_in_time()
    {
        var cadence = new Cadence { TargetWeeks = 3 };

        var plan = DripPlanner.Plan(People(31), cadence, MondayEarly);

        Assert.Equal(3, DripPlanner.DailyPace(cadence, 31));
        Assert.True(plan[^1].SendAt < Utc(2026, 3, 21));
    }

    [Fact]
    public void Sends_at_least_one_prompt_a_day_when_the_target_weeks_are_generous()
    {
        var cadence = new Cadence { TargetWeeks = 8 };

        var plan = DripPlanner.Plan(People(3), cadence, MondayEarly);

        Assert.Equal(1, DripPlanner.DailyPace(cadence, 3));
        Assert.Equal([Utc(2026, 3, 2, 9), Utc(2026, 3, 3, 9), Utc(2026, 3, 4, 9)], plan.Select(p => p.SendAt));
    }

    [Fact]
    public void Fixed_interval_replaces_the_calendar()
    {
        // Saturday night, outside any window: the interval ignores days and windows.
        var notBefore = new DateTimeOffset(2026, 3, 7, 23, 59, 58, TimeSpan.Zero);
        var cadence = new Cadence { FixedInterval = TimeSpan.FromSeconds(2), PromptsPerDay = 1 };

        var plan = DripPlanner.Plan(People(3), cadence, notBefore, firstSequence: 5);

        Assert.Equal([notBefore, notBefore.AddSeconds(2), notBefore.AddSeconds(4)], plan.Select(p => p.SendAt));
        Assert.Equal([5, 6, 7], plan.Select(p => p.Sequence));
    }

    [Fact]
    public void Send_times_can_be_read_lazily_from_a_cursor()
    {
        var cadence = new Cadence { TimeZone = "Europe/London", TargetWeeks = 4 };
        var full = DripPlanner.Plan(People(500), cadence, MondayEarly);

        var fromCursor = DripPlanner.SendTimes(cadence, 500, MondayEarly).Skip(321).First();

        Assert.Equal(full[321].SendAt, fromCursor);
    }

    [Fact]
    public void Plans_thirty_thousand_prompts_strictly_increasing()
    {
        var cadence = new Cadence { TimeZone = "America/New_York", TargetWeeks = 12, WindowStart = new(0, 30), WindowEnd = new(3, 30), Days = Enum.GetValues<DayOfWeek>() };

        var plan = DripPlanner.Plan(People(30_000), cadence, Utc(2026, 1, 1));

        Assert.Equal(30_000, plan.Count);
        Assert.All(plan.Zip(plan.Skip(1)), pair => Assert.True(pair.First.SendAt < pair.Second.SendAt));
    }
}
