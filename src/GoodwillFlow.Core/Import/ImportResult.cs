using GoodwillFlow.Core.Connections;
using GoodwillFlow.Core.Evidence;

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
/// <param name="Evidence">
/// What the rest of a LinkedIn archive says about each connection, by <see cref="Connection.Id"/>; null when only
/// Connections.csv was read. A connection the archive says nothing about has no entry.
/// </param>
/// <param name="FilesRead">The archive's files that were read (names only), or empty for a bare Connections.csv.</param>
public sealed record ImportResult(
    ExportFormat Format,
    IReadOnlyList<Connection> Connections,
    int Duplicates,
    int Skipped,
    IReadOnlyList<string> Warnings,
    int RepeatedHeaders = 0,
    IReadOnlyDictionary<string, ConnectionEvidence>? Evidence = null,
    IReadOnlyList<string>? FilesRead = null);
