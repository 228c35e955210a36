namespace GoodwillFlow.Core.Import.Archive;

/// <summary>The owner-facing sentences refusing a LinkedIn data download (ZIP), free of values from the archive.</summary>
internal static class ArchiveRejections
{
    private const string Download =
        "download your data again from LinkedIn (Settings, Data privacy, Get a copy of your data) and upload the ZIP as it is, or the Connections.csv file from it";

    public static ImportRejectedException NoConnections() =>
        new(
            ImportRejectionKind.NoHeader,
            $"The ZIP has no Connections.csv in it, so it is not LinkedIn's data download or it was made without your connections; {Download}.");

    public static ImportRejectedException EmptyConnections() =>
        new(
            ImportRejectionKind.Empty,
            "The ZIP's Connections.csv is empty (0 bytes): LinkedIn's first, quick archive can come before your connections are ready; " +
            "upload the complete archive LinkedIn emails about a day later, as it is.");

    public static ImportRejectedException ConnectionsRefused(ImportRejectedException inner) =>
        new(inner.Kind, $"The ZIP's Connections.csv cannot be used. {inner.Message}", inner);

    public static ImportRejectedException Damaged(Exception? cause = null) =>
        cause is null
            ? new(ImportRejectionKind.NotText, $"The file is a ZIP archive or Excel workbook that cannot be opened (damaged or cut off); {Download}.")
            : new(ImportRejectionKind.NotText, $"The file is a ZIP archive or Excel workbook that cannot be opened (damaged or cut off); {Download}.", cause);

    public static ImportRejectedException Office(string kind) =>
        new(
            ImportRejectionKind.NotText,
            $"The file is {kind}, not LinkedIn's data download or a CSV file; upload the ZIP from LinkedIn as it is, or the Connections.csv file from it without opening it in a spreadsheet.");

    public static ImportRejectedException TooLarge(long maxArchiveBytes) =>
        new(
            ImportRejectionKind.TooLarge,
            $"The ZIP is larger than {maxArchiveBytes / (1024 * 1024.0):0.#} MB, far more than LinkedIn's data download is; upload the Connections.csv file from it instead.");

    public static ImportRejectedException TooManyEntries(int maxEntries) =>
        new(
            ImportRejectionKind.Malformed,
            $"The ZIP lists more than {maxEntries:N0} files, far more than LinkedIn's data download (about a hundred); {Download}.");

    public static ImportRejectedException EntryTooLarge(string fileName, long maxBytes) =>
        new(
            ImportRejectionKind.TooLarge,
            $"The ZIP's {fileName} unpacks to more than {maxBytes / (1024 * 1024.0):0.#} MB, far more than LinkedIn writes; {Download}.");

    public static ImportRejectedException Bomb(string fileName) =>
        new(
            ImportRejectionKind.Malformed,
            $"The ZIP's {fileName} unpacks to far more than its packed size (a ZIP bomb, not LinkedIn's data download), so it was not read; {Download}.");

    public static ImportRejectedException TotalTooLarge(long maxBytes) =>
        new(
            ImportRejectionKind.TooLarge,
            $"The ZIP unpacks to more than {maxBytes / (1024 * 1024.0):0.#} MB, far more than LinkedIn's data download; {Download}.");

    public static ImportRejectedException Encrypted() =>
        new(
            ImportRejectionKind.NotText,
            $"The ZIP is password-protected or uses a compression GoodwillFlow cannot read; {Download}.");
}
