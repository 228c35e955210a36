namespace GoodwillFlow.Workflow.Uploads;

/// <summary>What an upload did.</summary>
public enum UploadOutcomeKind
{
    /// <summary>A new campaign was created and its orchestration started.</summary>
    Started,

    /// <summary>A newer export added connections to the owner's running campaign.</summary>
    Extended,

    /// <summary>This file was imported before (a repeated event or the same file uploaded again): nothing new started.</summary>
    AlreadyImported,

    /// <summary>The file or its settings were refused; the reason is in <c>rejected/{name}.txt</c> and was emailed to the owner.</summary>
    Rejected,
}

/// <summary>
/// The result of handling one upload, for the hosts to log or print. It carries no names or email addresses.
/// </summary>
/// <param name="Kind">What happened.</param>
/// <param name="CampaignId">The campaign started, extended or found; null when rejected.</param>
/// <param name="Imported">Connections read from the file (after dropping duplicates and empty rows).</param>
/// <param name="Added">Connections added to the campaign by this upload (0 when nothing new).</param>
/// <param name="Duplicates">Rows of the file dropped because they repeat an earlier connection.</param>
/// <param name="Skipped">Rows of the file skipped because they had no name and no URL.</param>
/// <param name="Reason">Why the file was rejected, in words for the owner; null otherwise.</param>
public sealed record UploadOutcome(
    UploadOutcomeKind Kind,
    string? CampaignId,
    int Imported,
    int Added,
    int Duplicates,
    int Skipped,
    string? Reason)
{
    /// <summary>Creates a rejection.</summary>
    public static UploadOutcome Rejected(string reason) => new(UploadOutcomeKind.Rejected, null, 0, 0, 0, 0, reason);

    /// <summary>Gets a one-line summary for logs and the console (no personal data).</summary>
    public override string ToString() => Kind switch
    {
        UploadOutcomeKind.Started => $"Started campaign {CampaignId} with {Added} connections ({Duplicates} duplicates, {Skipped} empty rows skipped).",
        UploadOutcomeKind.Extended => $"Added {Added} new connections to campaign {CampaignId} ({Imported - Added} already in it).",
        UploadOutcomeKind.AlreadyImported => $"Already imported into campaign {CampaignId}; nothing new started.",
        _ => $"Rejected: {Reason}",
    };
}
