namespace GoodwillFlow.Core.Import;

/// <summary>Why an uploaded file was refused.</summary>
public enum ImportRejectionKind
{
    /// <summary>The file has no bytes, or only whitespace.</summary>
    Empty,

    /// <summary>The file is larger than <see cref="LinkedInImportOptions.MaxFileBytes"/>.</summary>
    TooLarge,

    /// <summary>The file is not text (an image, a zip, a spreadsheet renamed .csv).</summary>
    NotText,

    /// <summary>A different LinkedIn export (messages.csv, Invitations.csv, ...).</summary>
    OtherLinkedInExport,

    /// <summary>No connections header row was found in the first lines.</summary>
    NoHeader,

    /// <summary>The header was found but no connection rows follow it.</summary>
    NoRows,

    /// <summary>The CSV is malformed beyond recovery (for example a record larger than the size guard).</summary>
    Malformed,
}

/// <summary>
/// Thrown when a file is not a usable connections export. <see cref="Exception.Message"/> is a single sentence meant
/// for the owner, naming what is wrong and what to upload instead; it never contains values from the file.
/// </summary>
public sealed class ImportRejectedException : Exception
{
    /// <summary>Creates a rejection.</summary>
    public ImportRejectedException(ImportRejectionKind kind, string reason)
        : base(reason) => Kind = kind;

    /// <summary>Creates a rejection caused by another exception (kept for diagnostics, never shown).</summary>
    public ImportRejectedException(ImportRejectionKind kind, string reason, Exception innerException)
        : base(reason, innerException) => Kind = kind;

    /// <summary>Gets the category of the rejection.</summary>
    public ImportRejectionKind Kind { get; }
}
