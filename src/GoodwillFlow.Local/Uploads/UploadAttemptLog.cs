using System.Text.Json;

namespace GoodwillFlow.Local.Uploads;

/// <summary>
/// Remembers, in a file in the data folder, which uploads failed and how often, so the watcher retries a failing upload
/// a bounded number of times with growing pauses and then gives up on it for good, across restarts. An upload is known
/// by its name and ETag: the same name uploaded again with new content is a new upload and is tried afresh.
/// </summary>
public sealed class UploadAttemptLog
{
    /// <summary>The file name inside the data folder.</summary>
    public const string FileName = "upload-attempts.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly string _path;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, UploadAttempts> _entries;

    /// <summary>Opens (or starts) the log at <c>{dataPath}/upload-attempts.json</c>.</summary>
    public UploadAttemptLog(string dataPath, TimeProvider time, int maxAttempts = 5)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataPath);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        _path = Path.Combine(dataPath, FileName);
        _time = time ?? throw new ArgumentNullException(nameof(time));
        MaxAttempts = maxAttempts;
        _entries = Load(_path);
    }

    /// <summary>Gets how many failed attempts make the watcher give up on an upload.</summary>
    public int MaxAttempts { get; }

    /// <summary>True when the upload should be tried in this pass: not given up, and its pause after the last failure is over.</summary>
    public bool ShouldTry(string name, string etag)
    {
        lock (_gate)
        {
            if (!_entries.TryGetValue(Key(name, etag), out var entry))
            {
                return true;
            }

            return entry.GaveUpReason is null && _time.GetUtcNow() >= entry.LastFailedAt + Pause(entry.Failures);
        }
    }

    /// <summary>Gets the reason the watcher gave up on the upload, or null.</summary>
    public string? GaveUpReason(string name, string etag)
    {
        lock (_gate)
        {
            return _entries.TryGetValue(Key(name, etag), out var entry) ? entry.GaveUpReason : null;
        }
    }

    /// <summary>Counts a failed attempt; returns true when that was the last one allowed (the caller then gives up).</summary>
    public bool RecordFailure(string name, string etag, string error)
    {
        lock (_gate)
        {
            var key = Key(name, etag);
            var failures = (_entries.TryGetValue(key, out var entry) ? entry.Failures : 0) + 1;
            _entries[key] = new UploadAttempts(failures, _time.GetUtcNow(), error, null);
            Save();
            return failures >= MaxAttempts;
        }
    }

    /// <summary>Stops trying the upload for good, with the reason.</summary>
    public void GiveUp(string name, string etag, string reason)
    {
        lock (_gate)
        {
            var key = Key(name, etag);
            var failures = _entries.TryGetValue(key, out var entry) ? entry.Failures : 0;
            _entries[key] = new UploadAttempts(failures, _time.GetUtcNow(), entry?.LastError, reason);
            Save();
        }
    }

    /// <summary>Forgets the upload's failures (it was handled).</summary>
    public void Succeeded(string name, string etag)
    {
        lock (_gate)
        {
            if (_entries.Remove(Key(name, etag)))
            {
                Save();
            }
        }
    }

    /// <summary>The pause before the next attempt after <paramref name="failures"/> failures: 2 s, 4 s, 8 s… at most 5 minutes.</summary>
    private static TimeSpan Pause(int failures) => TimeSpan.FromSeconds(Math.Min(300, Math.Pow(2, Math.Min(failures, 10))));

    private static string Key(string name, string etag) => $"{etag}\n{name}";

    private static Dictionary<string, UploadAttempts> Load(string path)
    {
        try
        {
            var text = File.ReadAllText(path);
            return JsonSerializer.Deserialize<Dictionary<string, UploadAttempts>>(text, Json) ?? [];
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or JsonException)
        {
            // No log yet, or a torn one from before atomic writes: start afresh (at worst a failing upload is retried again).
            return [];
        }
    }

    private void Save()
    {
        var temporary = _path + ".tmp";
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            JsonSerializer.Serialize(stream, _entries, Json);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, _path, overwrite: true);
    }

    private sealed record UploadAttempts(int Failures, DateTimeOffset LastFailedAt, string? LastError, string? GaveUpReason);
}
