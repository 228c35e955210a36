using System.Globalization;
using System.Net.Mail;
using GoodwillFlow.Core.Planning;
using GoodwillFlow.Workflow.Configuration;
using GoodwillFlow.Workflow.Storage;

namespace GoodwillFlow.Workflow.Uploads;

/// <summary>
/// The campaign settings for one upload: <see cref="GoodwillOptions"/> overridden by the upload's blob metadata.
/// </summary>
/// <param name="Settings">The settings, or null when one of them is invalid.</param>
/// <param name="OwnerEmail">The owner's address when it is valid, even if another setting is not (so the owner can be told).</param>
/// <param name="Error">What is wrong, in one sentence for the owner; null when <paramref name="Settings"/> is set.</param>
internal sealed record ResolvedUploadSettings(CampaignSettings? Settings, string? OwnerEmail, string? Error);

/// <summary>Merges app settings with per-upload metadata and validates the result.</summary>
internal static class UploadSettingsResolver
{
    private static readonly string[] TimeFormats = ["HH:mm", "H:mm"];

    /// <summary>Resolves the settings; never throws for bad values, it names the bad one instead.</summary>
    public static ResolvedUploadSettings Resolve(GoodwillOptions defaults, IDictionary<string, string>? metadata)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        var values = new Values(metadata);

        var (ownerEmail, ownerError) = ParseOwner(values.Get(UploadMetadataKeys.OwnerEmail, defaults.OwnerEmail));
        if (ownerError is not null)
        {
            return new(null, null, ownerError + " " + values.WhereToSet(UploadMetadataKeys.OwnerEmail, nameof(GoodwillOptions.OwnerEmail)));
        }

        var errors = new List<string>();
        string Fail(string key, string option, string problem)
        {
            errors.Add($"{problem} {values.WhereToSet(key, option)}");
            return "";
        }

        var timeZone = values.Get(UploadMetadataKeys.TimeZone, defaults.TimeZone);
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out _))
        {
            Fail(UploadMetadataKeys.TimeZone, nameof(GoodwillOptions.TimeZone),
                $"The time zone '{timeZone}' is not known: use an IANA name such as Europe/London or America/New_York.");
        }

        var windowStart = ParseTime(values.Get(UploadMetadataKeys.WindowStart, defaults.WindowStart));
        var windowEnd = ParseTime(values.Get(UploadMetadataKeys.WindowEnd, defaults.WindowEnd));
        if (windowStart is null)
        {
            Fail(UploadMetadataKeys.WindowStart, nameof(GoodwillOptions.WindowStart), "The send window start is not a time of day like 09:00.");
        }

        if (windowEnd is null)
        {
            Fail(UploadMetadataKeys.WindowEnd, nameof(GoodwillOptions.WindowEnd), "The send window end is not a time of day like 17:00.");
        }
        else if (windowStart is not null && windowEnd <= windowStart)
        {
            // Point at the half the owner changed on this upload, so the advice fixes what they actually set.
            var (key, option) = values.FromMetadata(UploadMetadataKeys.WindowStart) && !values.FromMetadata(UploadMetadataKeys.WindowEnd)
                ? (UploadMetadataKeys.WindowStart, nameof(GoodwillOptions.WindowStart))
                : (UploadMetadataKeys.WindowEnd, nameof(GoodwillOptions.WindowEnd));
            Fail(key, option, "The send window must end after it starts.");
        }

        var days = ParseDays(values.Get(UploadMetadataKeys.Days, defaults.Days));
        if (days is null)
        {
            Fail(UploadMetadataKeys.Days, nameof(GoodwillOptions.Days),
                "The sending days are not a comma-separated list of weekdays like Mon,Tue,Wed,Thu,Fri.");
        }

        var perDay = ParsePositive(values.Get(UploadMetadataKeys.PromptsPerDay, defaults.PromptsPerDay.ToString(CultureInfo.InvariantCulture)));
        if (perDay is null)
        {
            Fail(UploadMetadataKeys.PromptsPerDay, nameof(GoodwillOptions.PromptsPerDay), "The prompts per day must be a whole number of at least 1.");
        }

        int? weeks = null;
        var weeksText = values.Get(UploadMetadataKeys.TargetWeeks, defaults.TargetWeeks?.ToString(CultureInfo.InvariantCulture) ?? "");
        if (weeksText.Length > 0 && (weeks = ParsePositive(weeksText)) is null)
        {
            Fail(UploadMetadataKeys.TargetWeeks, nameof(GoodwillOptions.TargetWeeks), "The campaign length in weeks must be a whole number of at least 1.");
        }

        TimeSpan? interval = null;
        var intervalText = values.Get(UploadMetadataKeys.FixedInterval, defaults.FixedInterval?.ToString("c", CultureInfo.InvariantCulture) ?? "");
        if (intervalText.Length > 0 && ((interval = ParseDuration(intervalText)) is null || interval <= TimeSpan.Zero))
        {
            Fail(UploadMetadataKeys.FixedInterval, nameof(GoodwillOptions.FixedInterval), "The fixed interval must be a positive duration like 00:00:30.");
        }

        var grace = ParseDuration(values.Get(UploadMetadataKeys.GracePeriod, defaults.GracePeriod.ToString("c", CultureInfo.InvariantCulture)));
        if (grace is null || grace < TimeSpan.Zero)
        {
            Fail(UploadMetadataKeys.GracePeriod, nameof(GoodwillOptions.GracePeriod), "The grace period must be a duration like 3.00:00:00 (three days).");
        }

        var shortlistSize = ParsePositive(values.Get(UploadMetadataKeys.ShortlistSize, defaults.ShortlistSize.ToString(CultureInfo.InvariantCulture)));
        if (shortlistSize is null)
        {
            Fail(UploadMetadataKeys.ShortlistSize, nameof(GoodwillOptions.ShortlistSize), "The shortlist size must be a whole number of at least 1.");
        }

        if (errors.Count > 0)
        {
            return new(null, ownerEmail, string.Join(" ", errors));
        }

        var cadence = new Cadence
        {
            TimeZone = timeZone,
            WindowStart = windowStart!.Value,
            WindowEnd = windowEnd!.Value,
            Days = days!,
            PromptsPerDay = perDay!.Value,
            TargetWeeks = weeks,
            FixedInterval = interval,
        };
        var targets = new OwnerTargets(
            SplitList(values.Get(UploadMetadataKeys.TargetCompanies, defaults.TargetCompanies)),
            SplitList(values.Get(UploadMetadataKeys.TargetRoles, defaults.TargetRoles)));
        return new(new CampaignSettings(ownerEmail!, cadence, targets, grace!.Value, shortlistSize!.Value), ownerEmail, null);
    }

    /// <summary>The form of an owner address used in campaign ids and comparisons.</summary>
    public static string NormaliseEmail(string email) => email.Trim().ToLowerInvariant();

    private static (string? Email, string? Error) ParseOwner(string value)
    {
        if (value.Length == 0)
        {
            return (null, "No owner email address is set, so there is nobody to send the prompts to.");
        }

        // A display name ("Ann <ann@example.com>") or a list would parse as a MailAddress but is not one address.
        return MailAddress.TryCreate(value, out var address) && string.Equals(address.Address, value, StringComparison.OrdinalIgnoreCase)
            ? (address.Address, null)
            : (null, "The owner email address is not a single address like name@example.com.");
    }

    private static TimeOnly? ParseTime(string value) =>
        TimeOnly.TryParseExact(value, TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time : null;

    private static int? ParsePositive(string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : null;

    private static TimeSpan? ParseDuration(string value) =>
        TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var span) ? span : null;

    private static List<DayOfWeek>? ParseDays(string value)
    {
        var days = new List<DayOfWeek>();
        foreach (var part in SplitList(value))
        {
            DayOfWeek? day = Enum.GetValues<DayOfWeek>().Cast<DayOfWeek?>().FirstOrDefault(d =>
                string.Equals(d.ToString(), part, StringComparison.OrdinalIgnoreCase) ||
                (part.Length == 3 && d.ToString()!.StartsWith(part, StringComparison.OrdinalIgnoreCase)));
            if (day is null)
            {
                return null;
            }

            if (!days.Contains(day.Value))
            {
                days.Add(day.Value);
            }
        }

        return days.Count > 0 ? days : null;
    }

    private static List<string> SplitList(string value) =>
        value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();

    /// <summary>Looks a setting up in the metadata first, then in the app settings.</summary>
    private sealed class Values(IDictionary<string, string>? metadata)
    {
        private readonly Dictionary<string, string> _metadata = Decode(metadata);

        public string Get(string key, string? fallback) =>
            _metadata.TryGetValue(key, out var value) ? value : (fallback ?? "").Trim();

        public bool FromMetadata(string key) => _metadata.ContainsKey(key);

        public string WhereToSet(string key, string option) =>
            FromMetadata(key)
                ? $"(Fix the '{key}' metadata on the upload and upload the file again.)"
                : $"(Set the {GoodwillOptions.SectionName}__{option} app setting, or '{key}' metadata on the upload.)";

        private static Dictionary<string, string> Decode(IDictionary<string, string>? metadata)
        {
            var decoded = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var (key, value) in metadata ?? new Dictionary<string, string>())
            {
                var text = Uri.UnescapeDataString(value ?? "").Trim();
                if (text.Length > 0)
                {
                    decoded[key] = text;
                }
            }

            return decoded;
        }
    }
}
