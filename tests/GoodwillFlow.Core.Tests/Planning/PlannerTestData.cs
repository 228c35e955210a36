using GoodwillFlow.Core.Connections;

namespace GoodwillFlow.Core.Tests.Planning;

internal static class PlannerTestData
{
    public static Connection Person(
        string id, string? company = null, string? position = null, DateOnly? connectedOn = null) =>
        new(id, "First" + id, "Last", null, null, company, position, connectedOn);

    public static IReadOnlyList<Connection> People(int count) =>
        Enumerable.Range(0, count).Select(i => Person(i.ToString("x16", System.Globalization.CultureInfo.InvariantCulture))).ToArray();

    public static DateTimeOffset Utc(int year, int month, int day, int hour = 0, int minute = 0) =>
        new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    public static DateTimeOffset Local(this DateTimeOffset instant, string zone) =>
        TimeZoneInfo.ConvertTime(instant, TimeZoneInfo.FindSystemTimeZoneById(zone));
}
