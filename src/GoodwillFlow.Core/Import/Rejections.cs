namespace GoodwillFlow.Core.Import;

/// <summary>The owner-facing sentences of every rejection, in one place so they stay consistent and free of file values.</summary>
internal static class Rejections
{
    private const string Upload =
        "upload the Connections.csv file from LinkedIn's data download (Settings, Data privacy, Get a copy of your data)";

    public static ImportRejectedException Empty() =>
        new(ImportRejectionKind.Empty, $"The file is empty; {Upload}.");

    public static ImportRejectedException TooLarge(long maxFileBytes) =>
        new(
            ImportRejectionKind.TooLarge,
            $"The file is larger than {maxFileBytes / (1024 * 1024.0):0.#} MB, far more than a connections export can be; {Upload}.");

    public static ImportRejectedException NotText(string? kind) =>
        new(
            ImportRejectionKind.NotText,
            kind is null
                ? $"The file is not a text CSV file; {Upload}."
                : $"The file is {kind}, not a CSV file; {Upload}.");

    public static ImportRejectedException OtherExport(string fileName) =>
        new(
            ImportRejectionKind.OtherLinkedInExport,
            $"This is LinkedIn's {fileName} export, not your connections; upload Connections.csv from the same LinkedIn data download instead, or the whole download's ZIP as it is.");

    public static ImportRejectedException NoHeader() =>
        new(
            ImportRejectionKind.NoHeader,
            $"No connections header (First Name, Last Name, ... Connected On) was found near the top of the file; {Upload}.");

    public static ImportRejectedException HeaderTooLong(int line, int maxBytes) =>
        new(
            ImportRejectionKind.Malformed,
            $"The header row (line {line}) is longer than {maxBytes / 1024} KB: it has far more columns than a connections export's seven; {Upload} again without adding columns.");

    public static ImportRejectedException LineTooLongForHeader(int line, int maxBytes) =>
        new(
            ImportRejectionKind.NoHeader,
            $"Line {line} near the top of the file is longer than {maxBytes / 1024} KB, so the file is not laid out in rows like a connections export and no header was found; {Upload}.");

    public static ImportRejectedException Truncated() =>
        new(
            ImportRejectionKind.Malformed,
            $"The file ends in the middle of a row, so it looks cut off (an interrupted download or copy) and people are missing; {Upload} again and upload the complete file.");

    public static ImportRejectedException NoRows() =>
        new(
            ImportRejectionKind.NoRows,
            $"The file has the connections header but no connections under it; {Upload}.");

    public static ImportRejectedException Malformed(Exception? cause = null) =>
        cause is null
            ? new(ImportRejectionKind.Malformed, $"The file's quoting is broken (a quoted value is never closed), so its rows cannot be read reliably; {Upload} again without editing it.")
            : new(ImportRejectionKind.Malformed, $"The file's CSV structure is broken, so its rows cannot be read reliably; {Upload} again without editing it.", cause);

    public static ImportRejectedException RecordTooLarge(int maxRecordBytes) =>
        new(
            ImportRejectionKind.Malformed,
            $"A row of the file is longer than {maxRecordBytes / 1024} KB, which no connection is; {Upload} again without editing it.");
}
