namespace GoodwillFlow.Local.Uploads;

/// <summary>
/// Blob names the watcher will not hand on. Storage SDKs resolve <c>.</c> and <c>..</c> segments before a request is
/// sent, so a blob stored under such a name (by a hand-made REST call) cannot be read, marked or deleted by its name:
/// every call on it fails. It is refused up front, with the reason saved under a name that can be addressed.
/// </summary>
public static class UploadBlobNames
{
    /// <summary>Why <paramref name="name"/> cannot be imported, in words for the owner; null when it is fine.</summary>
    public static string? Problem(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var segments = name.Split('/');
        if (segments.Any(s => s is "." or ".."))
        {
            return $"The file name '{name}' has '.' or '..' path segments, so it cannot be read as a blob; upload it again under a plain name such as Connections.csv.";
        }

        if (segments.Any(s => s.Length == 0) || name.Contains('\\', StringComparison.Ordinal) || name.Any(char.IsControl))
        {
            return $"The file name '{name}' has an empty path segment, a backslash or a control character, so it cannot be read as a blob; upload it again under a plain name such as Connections.csv.";
        }

        return null;
    }

    /// <summary>A name for the upload's reason file that every storage client can address (no separators, no dot segments).</summary>
    public static string SafeName(string name) => Uri.EscapeDataString(name ?? throw new ArgumentNullException(nameof(name)));
}
