namespace GoodwillFlow.Workflow.Uploads;

/// <summary>
/// Blob metadata keys that override <see cref="Configuration.GoodwillOptions"/> for one upload
/// (for example <c>az storage blob upload ... --metadata owneremail=me@example.com perday=3 timezone=Europe/London</c>).
/// </summary>
/// <remarks>
/// Azure metadata names are case-insensitive C# identifiers, so these keys are lowercase without separators.
/// Metadata values travel as HTTP headers and must be ASCII: give non-ASCII text (a company such as
/// <c>Société Générale</c>) percent-encoded as UTF-8 (<c>Soci%C3%A9t%C3%A9%20G%C3%A9n%C3%A9rale</c>); every value is
/// percent-decoded before use. A key that is absent or empty keeps the app setting.
/// </remarks>
public static class UploadMetadataKeys
{
    /// <summary>The owner's email address (<see cref="Configuration.GoodwillOptions.OwnerEmail"/>).</summary>
    public const string OwnerEmail = "owneremail";

    /// <summary>The owner's IANA time zone, for example <c>Europe/London</c> (<see cref="Configuration.GoodwillOptions.TimeZone"/>).</summary>
    public const string TimeZone = "timezone";

    /// <summary>The local time the daily send window opens, <c>HH:mm</c> (<see cref="Configuration.GoodwillOptions.WindowStart"/>).</summary>
    public const string WindowStart = "windowstart";

    /// <summary>The local time the daily send window closes, <c>HH:mm</c> (<see cref="Configuration.GoodwillOptions.WindowEnd"/>).</summary>
    public const string WindowEnd = "windowend";

    /// <summary>The sending days, comma-separated, for example <c>Mon,Wed,Fri</c> (<see cref="Configuration.GoodwillOptions.Days"/>).</summary>
    public const string Days = "days";

    /// <summary>Prompts per sending day, a positive whole number (<see cref="Configuration.GoodwillOptions.PromptsPerDay"/>).</summary>
    public const string PromptsPerDay = "perday";

    /// <summary>The campaign length in weeks, a positive whole number; replaces the per-day pace (<see cref="Configuration.GoodwillOptions.TargetWeeks"/>).</summary>
    public const string TargetWeeks = "weeks";

    /// <summary>A fixed interval between prompts such as <c>00:00:30</c>, replacing the calendar (<see cref="Configuration.GoodwillOptions.FixedInterval"/>).</summary>
    public const string FixedInterval = "interval";

    /// <summary>Target companies, comma-separated (<see cref="Configuration.GoodwillOptions.TargetCompanies"/>).</summary>
    public const string TargetCompanies = "targetcompanies";

    /// <summary>Target role keywords, comma-separated (<see cref="Configuration.GoodwillOptions.TargetRoles"/>).</summary>
    public const string TargetRoles = "targetroles";

    /// <summary>How long to wait for late replies, for example <c>3.00:00:00</c> (<see cref="Configuration.GoodwillOptions.GracePeriod"/>).</summary>
    public const string GracePeriod = "graceperiod";

    /// <summary>The most entries in the shortlist, a positive whole number (<see cref="Configuration.GoodwillOptions.ShortlistSize"/>).</summary>
    public const string ShortlistSize = "shortlistsize";
}
