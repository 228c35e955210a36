namespace GoodwillFlow.Core.Import;

/// <summary>Reads every known variant of LinkedIn's Connections.csv into <see cref="ImportResult"/>.</summary>
public static class LinkedInConnectionsImporter
{
    /// <summary>
    /// Imports an export from a stream (read to the end, not disposed).
    /// </summary>
    /// <exception cref="ImportRejectedException">The file is not a usable connections export.</exception>
    public static ImportResult Import(Stream export, LinkedInImportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(export);
        _ = options;
        throw new NotImplementedException("Owned by the import work package.");
    }
}
