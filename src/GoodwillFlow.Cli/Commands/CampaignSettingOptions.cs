using System.CommandLine;
using GoodwillFlow.Workflow.Configuration;
using GoodwillFlow.Workflow.Uploads;

namespace GoodwillFlow.Cli.Commands;

/// <summary>
/// The campaign settings a user can give on the command line: to <c>run</c> as defaults for every upload, and to
/// <c>upload</c> as blob metadata for that one campaign (the same keys the Azure blob trigger reads).
/// </summary>
internal sealed class CampaignSettingOptions
{
    private readonly (Option<string?> Option, string Setting, string MetadataKey)[] _options =
    [
        (new Option<string?>("--owner-email") { Description = "Your email address: prompts and the shortlist go there.", HelpName = "address" },
            nameof(GoodwillOptions.OwnerEmail), UploadMetadataKeys.OwnerEmail),
        (new Option<string?>("--time-zone") { Description = "Your IANA time zone, for example Europe/London.", HelpName = "zone" },
            nameof(GoodwillOptions.TimeZone), UploadMetadataKeys.TimeZone),
        (new Option<string?>("--per-day") { Description = "Prompts per sending day.", HelpName = "n" },
            nameof(GoodwillOptions.PromptsPerDay), UploadMetadataKeys.PromptsPerDay),
        (new Option<string?>("--weeks") { Description = "Spread all prompts over this many weeks.", HelpName = "n" },
            nameof(GoodwillOptions.TargetWeeks), UploadMetadataKeys.TargetWeeks),
        (new Option<string?>("--days") { Description = "Sending days, for example Mon,Wed,Fri.", HelpName = "days" },
            nameof(GoodwillOptions.Days), UploadMetadataKeys.Days),
        (new Option<string?>("--interval") { Description = "A fixed gap between prompts instead of the calendar, e.g. 00:00:30 (for trying it out).", HelpName = "hh:mm:ss" },
            nameof(GoodwillOptions.FixedInterval), UploadMetadataKeys.FixedInterval),
        (new Option<string?>("--grace") { Description = "How long to wait for late replies after the last prompt, e.g. 3.00:00:00.", HelpName = "d.hh:mm:ss" },
            nameof(GoodwillOptions.GracePeriod), UploadMetadataKeys.GracePeriod),
        (new Option<string?>("--target-companies") { Description = "Companies you are aiming for, comma-separated.", HelpName = "list" },
            nameof(GoodwillOptions.TargetCompanies), UploadMetadataKeys.TargetCompanies),
        (new Option<string?>("--target-roles") { Description = "Role keywords you are aiming for, comma-separated.", HelpName = "list" },
            nameof(GoodwillOptions.TargetRoles), UploadMetadataKeys.TargetRoles),
    ];

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (var (option, _, _) in _options)
        {
            command.Options.Add(option);
        }
    }

    /// <summary>Returns the given values as configuration keys (<c>Goodwill:OwnerEmail</c>, ...).</summary>
    public Dictionary<string, string?> ToSettings(ParseResult parseResult) =>
        Given(parseResult).ToDictionary(v => $"{GoodwillOptions.SectionName}:{v.Setting}", v => (string?)v.Value, StringComparer.OrdinalIgnoreCase);

    /// <summary>Returns the given values as upload metadata.</summary>
    public Dictionary<string, string> ToMetadata(ParseResult parseResult) =>
        Given(parseResult).ToDictionary(v => v.MetadataKey, v => v.Value, StringComparer.OrdinalIgnoreCase);

    private IEnumerable<(string Setting, string MetadataKey, string Value)> Given(ParseResult parseResult)
    {
        foreach (var (option, setting, key) in _options)
        {
            if (parseResult.GetValue(option) is { Length: > 0 } value)
            {
                yield return (setting, key, value.Trim());
            }
        }
    }
}
