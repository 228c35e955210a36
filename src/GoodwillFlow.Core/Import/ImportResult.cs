using GoodwillFlow.Core.Connections;

namespace GoodwillFlow.Core.Import;

/// <summary>The outcome of importing an accepted connections export.</summary>
/// <param name="Format">The export variant that was detected.</param>
/// <param name="Connections">One entry per kept connection, in file order.</param>
/// <param name="Duplicates">Rows dropped because they repeat an earlier connection.</param>
/// <param name="Skipped">Rows skipped because they had no name and no URL (hidden profiles, blank lines).</param>
/// <param name="Warnings">Human-readable notes about the file that did not stop the import (no personal data).</param>
/// <param name="RepeatedHeaders">
/// Rows skipped because they repeat the header (two exports concatenated, a spreadsheet that repeats its header row).
/// </param>
public sealed record ImportResult(
    ExportFormat Format,
    IReadOnlyList<Connection> Connections,
    int Duplicates,
    int Skipped,
    IReadOnlyList<string> Warnings,
    int RepeatedHeaders = 0);
