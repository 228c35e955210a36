using GoodwillFlow.Core.Connections;
using GoodwillFlow.Core.Evidence;

namespace GoodwillFlow.Core.Import.Archive;

/// <summary>
/// Finds the imported connection a row of the archive is about: by profile URL, normalised as for import, or else by
/// name, which counts only when exactly one connection has it (two people can share a name).
/// </summary>
internal sealed class ConnectionDirectory
{
    private readonly Dictionary<string, string> _byUrl = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Connection?> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> _urlCache = new(StringComparer.Ordinal);

    private readonly IReadOnlyList<Connection> _connections;
    private bool _built;

    /// <summary>Creates the directory; it is filled on first use, so an archive with no evidence files costs nothing.</summary>
    public ConnectionDirectory(IReadOnlyList<Connection> connections) => _connections = connections;

    private void EnsureBuilt()
    {
        if (_built)
        {
            return;
        }

        _built = true;
        foreach (var connection in _connections)
        {
            if (connection.Url is not null)
            {
                _byUrl.TryAdd(ProfileUrl.Normalise(connection.Url), connection.Id);
            }

            if (connection.DisplayName.Length > 0)
            {
                var name = EvidenceCsv.FoldName(connection.DisplayName);
                // A name two connections share matches neither.
                _byName[name] = _byName.ContainsKey(name) ? null : connection;
            }
        }
    }

    /// <summary>The normalised form of a profile URL as exported, remembered because the same URL fills many rows.</summary>
    public string NormaliseUrl(string url)
    {
        if (!_urlCache.TryGetValue(url, out var normalised))
        {
            normalised = ProfileUrl.Normalise(url);
            _urlCache[url] = normalised;
        }

        return normalised!;
    }

    /// <summary>
    /// The connection with this normalised URL, or, failing that, the one connection with this name, unless both the row
    /// and that connection have URLs (then they differ, and the same name with different URLs is two people).
    /// </summary>
    public bool TryFind(string? normalisedUrl, string? name, out string connectionId, out EvidenceMatch match)
    {
        EnsureBuilt();
        if (normalisedUrl is not null && _byUrl.TryGetValue(normalisedUrl, out var byUrl))
        {
            connectionId = byUrl;
            match = EvidenceMatch.ProfileUrl;
            return true;
        }

        if (name is not null && _byName.TryGetValue(EvidenceCsv.FoldName(name), out var byName) && byName is not null
            && (normalisedUrl is null || byName.Url is null))
        {
            connectionId = byName.Id;
            match = EvidenceMatch.NameOnly;
            return true;
        }

        connectionId = string.Empty;
        match = default;
        return false;
    }
}
