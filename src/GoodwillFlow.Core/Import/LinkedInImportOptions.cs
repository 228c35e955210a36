namespace GoodwillFlow.Core.Import;

/// <summary>Limits applied when importing an export.</summary>
public sealed class LinkedInImportOptions
{
    /// <summary>
    /// The largest file accepted, in bytes. Default 20 MiB: LinkedIn caps connections at 30,000, and such an export
    /// is about 4 MiB, so anything far larger is not a connections export.
    /// </summary>
    public long MaxFileBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>
    /// The longest row accepted, in bytes. Default 64 KiB: a real row is a few hundred bytes, so a longer one means
    /// broken quoting has run rows together.
    /// </summary>
    public int MaxRecordBytes { get; set; } = 64 * 1024;
}
