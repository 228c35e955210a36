namespace GoodwillFlow.Core.Planning;

/// <summary>
/// When prompts may be sent: a daily window in the owner's time zone, on chosen days, at a pace of
/// <see cref="PromptsPerDay"/> (or, when <see cref="TargetWeeks"/> is set, whatever pace spreads all prompts over that many weeks).
/// </summary>
public sealed record Cadence
{
    /// <summary>Gets the IANA time zone of the owner, for example <c>Europe/London</c>. Default <c>UTC</c>.</summary>
    public string TimeZone { get; init; } = "UTC";

    /// <summary>Gets the local time of day the send window opens. Default 09:00.</summary>
    public TimeOnly WindowStart { get; init; } = new(9, 0);

    /// <summary>Gets the local time of day the send window closes (exclusive). Default 17:00.</summary>
    public TimeOnly WindowEnd { get; init; } = new(17, 0);

    /// <summary>Gets the days on which prompts are sent. Default Monday to Friday.</summary>
    public IReadOnlyList<DayOfWeek> Days { get; init; } =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    /// <summary>Gets the number of prompts per sending day. Default 5. Ignored when <see cref="TargetWeeks"/> is set.</summary>
    public int PromptsPerDay { get; init; } = 5;

    /// <summary>Gets the campaign length to aim for, in weeks; null to use <see cref="PromptsPerDay"/>.</summary>
    public int? TargetWeeks { get; init; }

    /// <summary>Gets the first local date on which prompts may be sent; null for "today".</summary>
    public DateOnly? StartDate { get; init; }

    /// <summary>
    /// Gets a fixed interval between prompts that replaces the calendar entirely when set (demos and tests:
    /// "one prompt every 2 seconds"). Null for the calendar cadence.
    /// </summary>
    public TimeSpan? FixedInterval { get; init; }
}
