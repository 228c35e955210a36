using GoodwillFlow.Core.Planning;
using static GoodwillFlow.Core.Tests.Planning.PlannerTestData;

namespace GoodwillFlow.Core.Tests.Planning;

public class DripPlannerValidationTests
{
    public static TheoryData<Cadence, string> InvalidCadences => new()
    {
        { new Cadence { TimeZone = "Mars/Olympus_Mons" }, "time zone 'Mars/Olympus_Mons' is not a known IANA time zone" },
        { new Cadence { TimeZone = "" }, "time zone '' is not a known IANA time zone" },
        { new Cadence { WindowStart = new(17, 0), WindowEnd = new(9, 0) }, "send window must end after it starts (start 17:00, end 09:00)" },
        { new Cadence { WindowStart = new(9, 0), WindowEnd = new(9, 0) }, "send window must end after it starts" },
        { new Cadence { Days = [] }, "days must name at least one day" },
        { new Cadence { Days = [(DayOfWeek)9] }, "days contains 9, which is not a day of the week" },
        { new Cadence { PromptsPerDay = 0 }, "prompts per day must be at least 1 (was 0)" },
        { new Cadence { TargetWeeks = 0 }, "target weeks must be at least 1 (was 0)" },
        { new Cadence { FixedInterval = TimeSpan.Zero }, "fixed interval must be longer than zero" },
    };

    [Theory]
    [MemberData(nameof(InvalidCadences))]
    public void Rejects_an_invalid_cadence_with_a_message_naming_the_setting(Cadence cadence, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => DripPlanner.Plan(People(1), cadence, Utc(2026, 3, 2)));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Equal("cadence", error.ParamName);
    }

    [Fact]
    public void Rejects_an_invalid_cadence_even_with_nothing_to_plan()
    {
        Assert.Throws<ArgumentException>(() => DripPlanner.Plan([], new Cadence { Days = [] }, Utc(2026, 3, 2)));
        Assert.Throws<ArgumentException>(() => DripPlanner.SendTimes(new Cadence { TimeZone = "Nowhere" }, 5, Utc(2026, 3, 2)));
    }

    [Fact]
    public void Ignores_prompts_per_day_when_target_weeks_set_the_pace()
    {
        var plan = DripPlanner.Plan(People(2), new Cadence { PromptsPerDay = 0, TargetWeeks = 1 }, Utc(2026, 3, 2));

        Assert.Equal(2, plan.Count);
    }

    [Fact]
    public void Accepts_iana_zone_ids_and_returns_the_zone()
    {
        Assert.Equal("Europe/London", DripPlanner.Validate(new Cadence { TimeZone = "Europe/London" }).Id);
    }
}
