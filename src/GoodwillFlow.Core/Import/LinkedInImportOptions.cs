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

    /// <summary>
    /// The largest LinkedIn data download (ZIP) accepted, in bytes. Default 256 MiB: a "Complete" archive of a busy
    /// account is tens of MB; its files are text and compress well.
    /// </summary>
    public long MaxArchiveBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>
    /// The largest evidence file (messages.csv, Invitations.csv, ...) read out of an archive, uncompressed, in bytes.
    /// Default 512 MiB. Connections.csv keeps <see cref="MaxFileBytes"/>.
    /// </summary>
    public long MaxArchiveEntryBytes { get; set; } = 512L * 1024 * 1024;

    /// <summary>
    /// The most bytes decompressed from one archive in all, counted as they are read (a ZIP's declared sizes can lie).
    /// Default 1 GiB.
    /// </summary>
    public long MaxArchiveUncompressedBytes { get; set; } = 1024L * 1024 * 1024;

    /// <summary>
    /// The largest compression ratio accepted for a file of the archive bigger than 1 MiB. Default 200: CSV text
    /// compresses 5 to 20 times; a ZIP bomb compresses a thousand times.
    /// </summary>
    public int MaxCompressionRatio { get; set; } = 200;

    /// <summary>The most entries (files and folders) an archive may list. Default 10,000; LinkedIn's has about 100.</summary>
    public int MaxArchiveEntries { get; set; } = 10_000;
}
