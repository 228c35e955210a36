using System.Text;
using System.Text.Json;
using GoodwillFlow.Workflow.Storage;
using Microsoft.Extensions.Logging;

namespace GoodwillFlow.Local.Durability;

/// <summary>
/// The local runtime's write-ahead journal of replies: an append-only file in the data folder
/// (<c>journal/replies.jsonl</c>), one JSON line per acknowledged reply, flushed to disk (fsync) before the owner is
/// told the reply is saved. Azurite keeps tables in memory and saves them every 5 seconds, and the operating system
/// writes that file back later still, so a power cut can lose a reply Azurite had accepted; on the next start
/// <see cref="ReplayAsync"/> writes every journaled reply into storage again (every write is idempotent), and
/// <see cref="Trim"/> drops entries once storage has had <see cref="SettleTime"/> to persist them.
/// </summary>
public sealed partial class FileReplyJournal : IReplyJournal, IDisposable
{
    /// <summary>The journal's path inside the data folder.</summary>
    public static readonly string RelativePath = Path.Combine("journal", "replies.jsonl");

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    private readonly string _path;
    private readonly TimeProvider _time;
    private readonly ILogger<FileReplyJournal> _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);

    // Every line in the file, with when it was last written to storage (appended, or replayed after a start).
    private readonly List<(string Line, DateTimeOffset WrittenAt)> _lines = [];

    /// <summary>Opens the journal in <paramref name="dataPath"/>.</summary>
    public FileReplyJournal(string dataPath, TimeProvider time, ILogger<FileReplyJournal> logger, TimeSpan? settleTime = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataPath);
        _path = Path.Combine(dataPath, RelativePath);
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        SettleTime = settleTime ?? TimeSpan.FromMinutes(2);
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
    }

    /// <summary>
    /// Gets how long an entry is kept after it was written to storage: Azurite's 5-second save, plus the operating
    /// system's write-back of that file (30 seconds by default on Linux), with room to spare.
    /// </summary>
    public TimeSpan SettleTime { get; }

    /// <summary>Gets the number of entries in the journal.</summary>
    public int Count
    {
        get
        {
            _gate.Wait();
            try
            {
                return _lines.Count;
            }
            finally
            {
                _gate.Release();
            }
        }
    }

    /// <inheritdoc/>
    public async Task AppendAsync(IReadOnlyList<ReplyWrite> writes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writes);
        var line = JsonSerializer.Serialize(writes, Json);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using (var stream = new FileStream(_path, FileMode.Append, FileAccess.Write, FileShare.Read))
            {
                await stream.WriteAsync(Encoding.UTF8.GetBytes(line + "\n"), cancellationToken);
                stream.Flush(flushToDisk: true);
            }

            _lines.Add((line, _time.GetUtcNow()));
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Writes every journaled reply into <paramref name="store"/> again, in order, skipping those of campaigns that no
    /// longer exist (a deleted campaign stays deleted). A torn last line (the power went mid-write, before the owner was
    /// answered) is dropped. Returns how many entries were replayed.
    /// </summary>
    public async Task<int> ReplayAsync(ICampaignStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            _lines.Clear();
            var replayed = 0;
            var campaigns = new Dictionary<string, bool>(StringComparer.Ordinal);
            foreach (var line in File.Exists(_path) ? await File.ReadAllLinesAsync(_path, cancellationToken) : [])
            {
                if (Parse(line) is not { } writes)
                {
                    LogTornEntry(_logger);
                    continue;
                }

                var campaignId = writes[0].Reply.CampaignId;
                if (!campaigns.TryGetValue(campaignId, out var exists))
                {
                    exists = campaigns[campaignId] = await store.FindCampaignAsync(campaignId, cancellationToken) is not null;
                }

                if (exists)
                {
                    await ReplyWrite.ApplyAsync(store, writes, cancellationToken);
                    _lines.Add((line, _time.GetUtcNow()));
                    replayed++;
                }
            }

            // Rewritten without what was skipped; the replayed entries are kept until storage has settled them again.
            Rewrite();
            LogReplayed(_logger, replayed);
            return replayed;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Drops the entries written to storage more than <see cref="SettleTime"/> ago. Returns how many are left.</summary>
    public int Trim()
    {
        _gate.Wait();
        try
        {
            var cutoff = _time.GetUtcNow() - SettleTime;
            var settled = _lines.TakeWhile(l => l.WrittenAt <= cutoff).Count();
            if (settled > 0)
            {
                _lines.RemoveRange(0, settled);
                Rewrite();
            }

            return _lines.Count;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _gate.Dispose();

    private static List<ReplyWrite>? Parse(string line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return null;
        }

        try
        {
            var writes = JsonSerializer.Deserialize<List<ReplyWrite>>(line, Json);
            return writes is { Count: > 0 } && writes.All(w => w?.Reply is not null) ? writes : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Replaces the file with the lines in memory: a new file, flushed, then renamed over the old one.</summary>
    private void Rewrite()
    {
        var temporary = _path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            foreach (var (line, _) in _lines)
            {
                stream.Write(Encoding.UTF8.GetBytes(line + "\n"));
            }

            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, _path, overwrite: true);
    }

    [LoggerMessage(EventId = 2101, Level = LogLevel.Information, Message = "Replayed {Count} journaled reply writes into storage")]
    private static partial void LogReplayed(ILogger logger, int count);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Warning, Message = "Dropped a torn journal entry (written when the process stopped; that reply was never acknowledged)")]
    private static partial void LogTornEntry(ILogger logger);
}
