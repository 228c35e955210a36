namespace GoodwillFlow.Core.Planning;

/// <summary>Turns local wall-clock times in a time zone into instants, with a defined answer on DST change days.</summary>
internal static class ZoneClock
{
    /// <summary>
    /// Returns the first instant at which the clock in <paramref name="zone"/> reads <paramref name="local"/> or later.
    /// A time skipped by a spring-forward change becomes the instant of the change (the clock jumps past it there);
    /// a time repeated by a fall-back change is taken once, at its first occurrence (the daylight offset).
    /// The mapping never decreases as <paramref name="local"/> increases, which keeps planned times in order.
    /// </summary>
    public static DateTimeOffset FirstInstantAtOrAfter(TimeZoneInfo zone, DateTime local)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);

        if (zone.IsAmbiguousTime(local))
        {
            var offsets = zone.GetAmbiguousTimeOffsets(local);
            var daylight = offsets.Max();
            return new DateTimeOffset(local.Ticks - daylight.Ticks, TimeSpan.Zero);
        }

        if (zone.IsInvalidTime(local))
        {
            return TransitionInstant(zone, local);
        }

        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero);
    }

    /// <summary>Returns the local calendar date in <paramref name="zone"/> at <paramref name="instant"/>.</summary>
    public static DateOnly LocalDate(TimeZoneInfo zone, DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);

    /// <summary>
    /// Finds the spring-forward change that skipped <paramref name="skipped"/>: the smallest instant whose wall-clock
    /// time is at or after it. Wall-clock time only moves forward around a gap, so a binary search over the day
    /// either side is exact (to the tick) without reading the zone's adjustment rules.
    /// </summary>
    private static DateTimeOffset TransitionInstant(TimeZoneInfo zone, DateTime skipped)
    {
        // Offsets range from -12h to +14h, so the change lies within a day of skipped-as-UTC.
        var low = skipped.Ticks - TimeSpan.TicksPerDay;
        var high = skipped.Ticks + TimeSpan.TicksPerDay;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (WallClockTicks(zone, middle) >= skipped.Ticks)
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        return new DateTimeOffset(low, TimeSpan.Zero);
    }

    private static long WallClockTicks(TimeZoneInfo zone, long utcTicks) =>
        utcTicks + zone.GetUtcOffset(new DateTime(utcTicks, DateTimeKind.Utc)).Ticks;
}
