namespace GoodwillFlow.Workflow.Configuration;

/// <summary>
/// The owner's campaign defaults, bound from the <c>Goodwill</c> configuration section
/// (app settings <c>Goodwill__OwnerEmail</c>, ...). Blob metadata on an upload can override them per campaign.
/// </summary>
public sealed class GoodwillOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Goodwill";

    /// <summary>Gets or sets the owner's email address: prompts and the shortlist go there, and only mail from it is accepted as a reply.</summary>
    public string OwnerEmail { get; set; } = "";

    /// <summary>Gets or sets the owner's IANA time zone. Default <c>UTC</c>.</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>Gets or sets the local time the daily send window opens, <c>HH:mm</c>. Default 09:00.</summary>
    public string WindowStart { get; set; } = "09:00";

    /// <summary>Gets or sets the local time the daily send window closes, <c>HH:mm</c>. Default 17:00.</summary>
    public string WindowEnd { get; set; } = "17:00";

    /// <summary>Gets or sets the sending days, comma-separated (<c>Mon,Tue,Wed,Thu,Fri</c>). Default weekdays.</summary>
    public string Days { get; set; } = "Mon,Tue,Wed,Thu,Fri";

    /// <summary>Gets or sets the prompts per sending day. Default 5.</summary>
    public int PromptsPerDay { get; set; } = 5;

    /// <summary>Gets or sets the target campaign length in weeks; when set it overrides <see cref="PromptsPerDay"/>.</summary>
    public int? TargetWeeks { get; set; }

    /// <summary>Gets or sets a fixed interval between prompts that replaces the calendar (demos, tests). Null by default.</summary>
    public TimeSpan? FixedInterval { get; set; }

    /// <summary>Gets or sets target companies, comma-separated.</summary>
    public string TargetCompanies { get; set; } = "";

    /// <summary>Gets or sets target role keywords, comma-separated.</summary>
    public string TargetRoles { get; set; } = "";

    /// <summary>Gets or sets how long to wait for late replies after the last prompt before compiling the shortlist. Default 3 days.</summary>
    public TimeSpan GracePeriod { get; set; } = TimeSpan.FromDays(3);

    /// <summary>Gets or sets the most entries in a shortlist. Default 50.</summary>
    public int ShortlistSize { get; set; } = 50;
}
