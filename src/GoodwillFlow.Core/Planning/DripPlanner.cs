using GoodwillFlow.Core.Connections;
using GoodwillFlow.Core.Evidence;

namespace GoodwillFlow.Core.Planning;

/// <summary>Orders connections and turns a <see cref="Cadence"/> into concrete send times.</summary>
/// <remarks>
/// <para>
/// Calendar cadence: on each sending day the window opens at the first instant the owner's clock reads
/// <see cref="Cadence.WindowStart"/> and closes at the first instant it reads <see cref="Cadence.WindowEnd"/>; the day's
/// prompts are spread evenly over the real time between the two, the first at the opening. On an ordinary day that is
/// the same as spreading them over the clock times; on a daylight-saving change day the window may be an hour shorter
/// or longer, and the prompts spread over the hours that really exist. A window edge that falls in a spring-forward gap
/// moves forward to the change; one that falls in the repeated fall-back hour is taken once, at its first occurrence.
/// Send times are therefore always strictly increasing, and no prompt is ever planned at a clock time that does not exist.
/// </para>
/// <para>
/// <see cref="Cadence.FixedInterval"/> replaces the calendar: prompt <c>i</c> (counting from the first one planned) is
/// sent at <c>notBefore + i × interval</c>.
/// </para>
/// </remarks>
public static class DripPlanner
{
    /// <summary>
    /// Orders connections so the most promising come first, so a campaign stopped early still yields a useful shortlist:
    /// connections matching both a target company and a target role, then company matches, then role matches, then the
    /// rest; within each group the longest-standing connection first (unknown dates last), then by id. The order is
    /// stable and depends only on the connections and targets, so re-planning gives the same order.
    /// </summary>
    /// <param name="connections">The connections to order.</param>
    /// <param name="targets">The owner's target companies and roles (see <see cref="TargetMatcher"/> for how they match).</param>
    public static IReadOnlyList<Connection> Order(IEnumerable<Connection> connections, OwnerTargets targets) =>
        Order(connections, targets, evidence: null, today: default);

    /// <summary>
    /// Orders connections as <see cref="Order(IEnumerable{Connection}, OwnerTargets)"/> does, with the owner's LinkedIn
    /// archive between the targets: target companies first, then the warmest evidence (strong, then warm, then some; see
    /// <see cref="EvidenceReading"/>), then target roles, then the longest-standing connection. A faded tie ranks with
    /// no evidence. With no evidence the order is exactly the one without it.
    /// </summary>
    /// <param name="connections">The connections to order.</param>
    /// <param name="targets">The owner's target companies and roles.</param>
    /// <param name="evidence">What the archive says, by connection id; null when only Connections.csv was read.</param>
    /// <param name="today">The owner's date, for how recent the evidence is.</param>
    public static IReadOnlyList<Connection> Order(
        IEnumerable<Connection> connections, OwnerTargets targets, IReadOnlyDictionary<string, ConnectionEvidence>? evidence, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(connections);
        ArgumentNullException.ThrowIfNull(targets);

        var matcher = new TargetMatcher(targets);
        var keyed = connections
            .Select((connection, index) => new OrderKey(
                connection,
                TargetGroup(matcher, connection, Warmth(evidence, connection.Id, today)),
                connection.ConnectedOn?.DayNumber ?? int.MaxValue,
                index))
            .ToArray();

        // The input index as the last key makes the (unstable) array sort stable and the order total.
        Array.Sort(keyed, static (a, b) =>
        {
            var byGroup = a.Group.CompareTo(b.Group);
            if (byGroup != 0)
            {
                return byGroup;
            }

            var byDate = a.ConnectedDay.CompareTo(b.ConnectedDay);
            if (byDate != 0)
            {
                return byDate;
            }

            var byId = string.CompareOrdinal(a.Connection.Id, b.Connection.Id);
            return byId != 0 ? byId : a.Index.CompareTo(b.Index);
        });

        return Array.ConvertAll(keyed, k => k.Connection);
    }

    /// <summary>
    /// Plans send times for <paramref name="ordered"/> (already in send order), numbering them from
    /// <paramref name="firstSequence"/>, starting no earlier than <paramref name="notBefore"/>. When today's window has
    /// passed or partly passed, the slots still ahead today are used, then the next sending day.
    /// </summary>
    /// <param name="ordered">The connections in send order.</param>
    /// <param name="cadence">When prompts may be sent. With <see cref="Cadence.TargetWeeks"/> the pace is computed from
    /// <c>ordered.Count</c>; to re-plan the rest of a campaign at its original pace, pass
    /// <c>cadence with { PromptsPerDay = DailyPace(cadence, total), TargetWeeks = null }</c>.</param>
    /// <param name="notBefore">The earliest instant a prompt may be sent.</param>
    /// <param name="firstSequence">The sequence number of the first prompt planned.</param>
    /// <returns>One prompt per connection, in order, with strictly increasing UTC send times.</returns>
    /// <exception cref="ArgumentException">The cadence is invalid (unknown time zone, empty window, no days); the message says which.</exception>
    public static IReadOnlyList<PlannedPrompt> Plan(
        IReadOnlyList<Connection> ordered, Cadence cadence, DateTimeOffset notBefore, int firstSequence = 0)
    {
        ArgumentNullException.ThrowIfNull(ordered);
        ArgumentOutOfRangeException.ThrowIfNegative(firstSequence);

        var plan = new PlannedPrompt[ordered.Count];
        var index = 0;
        foreach (var sendAt in SendTimes(cadence, ordered.Count, notBefore))
        {
            plan[index] = new PlannedPrompt(firstSequence + index, ordered[index].Id, sendAt);
            index++;
        }

        return plan;
    }

    /// <summary>
    /// Returns <paramref name="count"/> strictly increasing send times (UTC) for a cadence, starting no earlier than
    /// <paramref name="notBefore"/>, computed lazily: take only what you need (for example the next time after a cursor)
    /// without building the whole campaign.
    /// </summary>
    /// <param name="cadence">When prompts may be sent.</param>
    /// <param name="count">How many prompts there are; sets the pace when <see cref="Cadence.TargetWeeks"/> is used.</param>
    /// <param name="notBefore">The earliest instant a prompt may be sent.</param>
    /// <exception cref="ArgumentException">The cadence is invalid; thrown at the call, not on enumeration.</exception>
    public static IEnumerable<DateTimeOffset> SendTimes(Cadence cadence, int count, DateTimeOffset notBefore)
    {
        var zone = Validate(cadence);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var start = notBefore.ToUniversalTime();

        return cadence.FixedInterval is { } interval
            ? FixedTimes(interval, count, start)
            : CalendarTimes(cadence, zone, DailyPace(cadence, count), count, start);
    }

    /// <summary>
    /// Returns the number of prompts sent on each full sending day: <see cref="Cadence.PromptsPerDay"/>, or, when
    /// <see cref="Cadence.TargetWeeks"/> is set, the smallest pace (at least 1) that sends <paramref name="totalPrompts"/>
    /// within that many weeks of sending days.
    /// </summary>
    /// <param name="cadence">The cadence.</param>
    /// <param name="totalPrompts">How many prompts the campaign has.</param>
    /// <exception cref="ArgumentException">The cadence is invalid; the message says which setting.</exception>
    public static int DailyPace(Cadence cadence, int totalPrompts)
    {
        Validate(cadence);
        ArgumentOutOfRangeException.ThrowIfNegative(totalPrompts);
        if (cadence.TargetWeeks is not { } weeks)
        {
            return cadence.PromptsPerDay;
        }

        var sendingDays = (long)weeks * cadence.Days.Distinct().Count();
        return (int)Math.Max(1, (totalPrompts + sendingDays - 1) / sendingDays);
    }

    /// <summary>Checks a cadence and returns its time zone.</summary>
    /// <param name="cadence">The cadence to check.</param>
    /// <returns>The cadence's time zone.</returns>
    /// <exception cref="ArgumentException">A setting is invalid; the message names it and says what is expected.</exception>
    public static TimeZoneInfo Validate(Cadence cadence)
    {
        ArgumentNullException.ThrowIfNull(cadence);

        TimeZoneInfo zone;
        try
        {
            zone = string.IsNullOrWhiteSpace(cadence.TimeZone)
                ? throw new TimeZoneNotFoundException()
                : TimeZoneInfo.FindSystemTimeZoneById(cadence.TimeZone.Trim());
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new ArgumentException(
                $"Cadence time zone '{cadence.TimeZone}' is not a known IANA time zone; use an id such as Europe/London or America/New_York.",
                nameof(cadence),
                ex);
        }

        if (cadence.WindowEnd <= cadence.WindowStart)
        {
            throw new ArgumentException(
                $"Cadence send window must end after it starts (start {cadence.WindowStart:HH\\:mm}, end {cadence.WindowEnd:HH\\:mm}); windows that cross midnight are not supported.",
                nameof(cadence));
        }

        if (cadence.Days is null || cadence.Days.Count == 0)
        {
            throw new ArgumentException("Cadence days must name at least one day of the week to send on.", nameof(cadence));
        }

        foreach (var day in cadence.Days)
        {
            if (!Enum.IsDefined(day))
            {
                throw new ArgumentException($"Cadence days contains {(int)day}, which is not a day of the week.", nameof(cadence));
            }
        }

        if (cadence.TargetWeeks is { } weeks)
        {
            if (weeks < 1)
            {
                throw new ArgumentException($"Cadence target weeks must be at least 1 (was {weeks}).", nameof(cadence));
            }
        }
        else if (cadence.PromptsPerDay < 1)
        {
            throw new ArgumentException($"Cadence prompts per day must be at least 1 (was {cadence.PromptsPerDay}).", nameof(cadence));
        }

        if (cadence.FixedInterval is { } interval && interval <= TimeSpan.Zero)
        {
            throw new ArgumentException($"Cadence fixed interval must be longer than zero (was {interval}).", nameof(cadence));
        }

        return zone;
    }

    private static IEnumerable<DateTimeOffset> FixedTimes(TimeSpan interval, int count, DateTimeOffset start)
    {
        for (var i = 0; i < count; i++)
        {
            yield return start + (interval * i);
        }
    }

    private static IEnumerable<DateTimeOffset> CalendarTimes(
        Cadence cadence, TimeZoneInfo zone, int perDay, int count, DateTimeOffset start)
    {
        var sendsOn = new bool[7];
        foreach (var day in cadence.Days)
        {
            sendsOn[(int)day] = true;
        }

        var date = ZoneClock.LocalDate(zone, start);
        if (cadence.StartDate is { } startDate && startDate > date)
        {
            date = startDate;
        }

        var produced = 0;
        DateTimeOffset? last = null;
        while (produced < count)
        {
            if (sendsOn[(int)date.DayOfWeek])
            {
                var open = ZoneClock.FirstInstantAtOrAfter(zone, date.ToDateTime(cadence.WindowStart));
                var close = ZoneClock.FirstInstantAtOrAfter(zone, date.ToDateTime(cadence.WindowEnd));
                var span = close.UtcTicks - open.UtcTicks;

                // A window that lies wholly inside a spring-forward gap has no real time that day.
                if (span > 0)
                {
                    // Slots already behind notBefore are skipped, not crammed into the rest of the day.
                    var first = start > open ? (int)Int128.Min(perDay, CeilingDiv((Int128)(start.UtcTicks - open.UtcTicks) * perDay, span)) : 0;
                    for (var k = first; k < perDay && produced < count; k++)
                    {
                        var ticks = open.UtcTicks + (long)((Int128)span * k / perDay);
                        var sendAt = new DateTimeOffset(ticks, TimeSpan.Zero);

                        // Only a pace finer than a tick could repeat an instant; the skipped slot is simply dropped.
                        if (sendAt < start || sendAt <= last)
                        {
                            continue;
                        }

                        yield return sendAt;
                        last = sendAt;
                        produced++;
                    }
                }
            }

            date = date.AddDays(1);
        }
    }

    private static Int128 CeilingDiv(Int128 numerator, long denominator) => (numerator + denominator - 1) / denominator;

    // Company match, then warmth, then role match, as one number: with no evidence, the order of (company, role) as before.
    private static int TargetGroup(TargetMatcher matcher, Connection connection, int warmth) =>
        (matcher.MatchesCompany(connection.Company) ? 0 : 100) + ((MaxWarmth - warmth) * 10) + (matcher.MatchesRole(connection.Position) ? 0 : 1);

    private const int MaxWarmth = 3;

    private static int Warmth(IReadOnlyDictionary<string, ConnectionEvidence>? evidence, string connectionId, DateOnly today) =>
        evidence is null || !evidence.TryGetValue(connectionId, out var said)
            ? 0
            : EvidenceReading.Strength(said, today) switch
            {
                EvidenceStrength.Strong => 3,
                EvidenceStrength.Warm => 2,
                EvidenceStrength.Some => 1,
                _ => 0,
            };

    private readonly record struct OrderKey(Connection Connection, int Group, int ConnectedDay, int Index);
}
