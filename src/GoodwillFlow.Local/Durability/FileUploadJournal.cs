using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using GoodwillFlow.Local.Uploads;
using GoodwillFlow.Workflow.Configuration;
using GoodwillFlow.Workflow.Storage;
using Microsoft.Extensions.Logging;

namespace GoodwillFlow.Local.Durability;

/// <summary>
/// The local runtime's write-ahead journal of uploads: before <c>goodwill upload</c> tells the owner a file is
/// uploaded, a copy of it and a manifest (blob name, metadata, SHA-256) are written under
/// <c>{data}/journal/uploads/</c> and flushed to disk (fsync, then the folder). Azurite keeps its blob list in memory
/// and saves it every few seconds, so a power cut can lose an upload it had accepted; on the next start
/// <see cref="ReplayAsync"/> puts every journaled upload that storage lost (or whose import it lost) back into the
/// uploads container, and <see cref="TrimAsync"/> deletes an entry once its upload has been handled and storage has
/// had <see cref="SettleTime"/> to persist that. Each entry is its own files, so the CLI (which appends) and the
/// runtime (which replays and trims) never write the same file.
/// </summary>
public sealed partial class FileUploadJournal
{
    /// <summary>The journal's folder inside the data folder.</summary>
    public static readonly string RelativePath = Path.Combine("journal", "uploads");

    private const string ManifestExtension = ".json";
    private const string ContentExtension = ".upload";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly string _folder;
    private readonly TimeProvider _time;
    private readonly ILogger<FileUploadJournal> _logger;

    // Entries seen settled (handled, and imported or refused), with when they were first seen so.
    private readonly Dictionary<string, DateTimeOffset> _settled = new(StringComparer.Ordinal);

    /// <summary>Opens the journal in <paramref name="dataPath"/>.</summary>
    public FileUploadJournal(string dataPath, TimeProvider time, ILogger<FileUploadJournal> logger, TimeSpan? settleTime = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataPath);
        _folder = Path.Combine(Path.GetFullPath(dataPath), RelativePath);
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        SettleTime = settleTime ?? TimeSpan.FromMinutes(2);
    }

    /// <summary>Gets how long an entry is kept after its upload was seen handled (as for replies: Azurite's save and the OS's write-back, with room to spare).</summary>
    public TimeSpan SettleTime { get; }

    /// <summary>Gets the number of entries in the journal.</summary>
    public int Count => Directory.Exists(_folder) ? Directory.GetFiles(_folder, "*" + ManifestExtension).Length : 0;

    /// <summary>Copies <paramref name="filePath"/> into the journal as the upload <paramref name="blobName"/>, durably, and returns the entry's id.</summary>
    public async Task<string> AppendAsync(string filePath, string blobName, IDictionary<string, string>? metadata, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(filePath);
        Directory.CreateDirectory(_folder);
        var id = $"{_time.GetUtcNow().UtcTicks:D19}-{Guid.NewGuid():N}";
        var content = Path.Combine(_folder, id + ContentExtension);
        string sha256;
        await using (var source = File.OpenRead(filePath))
        await using (var copy = new FileStream(content, FileMode.CreateNew, FileAccess.Write, FileShare.None))
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[81920];
            int read;
            while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                await copy.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }

            copy.Flush(flushToDisk: true);
            sha256 = Convert.ToHexStringLower(hash.GetHashAndReset());
        }

        // The manifest is the entry's commit record: written whole, flushed, then renamed into place, then the folder flushed.
        var manifest = new UploadJournalEntry(blobName, metadata is null ? null : new Dictionary<string, string>(metadata), sha256);
        var temporary = Path.Combine(_folder, "." + id + ".tmp");
        await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
        {
            await JsonSerializer.SerializeAsync(stream, manifest, Json, cancellationToken);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, Path.Combine(_folder, id + ManifestExtension));
        FlushFolder();
        return id;
    }

    /// <summary>
    /// Puts back every journaled upload that storage no longer has, or that it has marked handled although no
    /// campaign holds its content (the import was lost with it); a refused upload stays refused. Returns how many were put back.
    /// </summary>
    public async Task<int> ReplayAsync(BlobServiceClient blobs, ICampaignStore store, CancellationToken cancellationToken)
    {
        var entries = await ReadStatesAsync(blobs, store, createContainer: true, cancellationToken);
        var replayed = 0;
        foreach (var (id, entry, blob, state) in entries)
        {
            if (state is UploadState.Lost)
            {
                await using var content = File.OpenRead(Path.Combine(_folder, id + ContentExtension));
                await blob.UploadAsync(
                    content,
                    new BlobUploadOptions { Metadata = entry.Metadata, HttpHeaders = new BlobHttpHeaders { ContentType = "text/csv" } },
                    cancellationToken);
                replayed++;
            }
        }

        if (entries.Count > 0)
        {
            LogReplayed(_logger, replayed, entries.Count);
        }

        return replayed;
    }

    /// <summary>
    /// Deletes the entries whose upload has been handled (imported into a campaign, or refused) for at least
    /// <see cref="SettleTime"/>, and those whose upload was deleted while the runtime ran. Returns how many are left.
    /// </summary>
    public async Task<int> TrimAsync(BlobServiceClient blobs, ICampaignStore store, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var left = 0;
        foreach (var (id, _, _, state) in await ReadStatesAsync(blobs, store, createContainer: false, cancellationToken))
        {
            if (state is UploadState.Pending)
            {
                _settled.Remove(id);
                left++;
                continue;
            }

            // Lost while running means deleted on purpose (a deleted campaign, a replaced file): nothing to keep.
            var since = _settled.TryGetValue(id, out var seen) ? seen : _settled[id] = now;
            if (state is UploadState.Lost || now - since >= SettleTime)
            {
                Delete(id);
                _settled.Remove(id);
            }
            else
            {
                left++;
            }
        }

        return left;
    }

    /// <summary>Every entry with its blob and where storage has it.</summary>
    private async Task<List<(string Id, UploadJournalEntry Entry, BlobClient Blob, UploadState State)>> ReadStatesAsync(
        BlobServiceClient blobs, ICampaignStore store, bool createContainer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blobs);
        ArgumentNullException.ThrowIfNull(store);
        var states = new List<(string, UploadJournalEntry, BlobClient, UploadState)>();
        var entries = ReadEntries();
        if (entries.Count == 0)
        {
            return states;
        }

        var container = blobs.GetBlobContainerClient(StorageOptions.UploadsContainer);
        if (createContainer)
        {
            await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        }

        HashSet<string> imported = [.. (await store.ListCampaignsAsync(cancellationToken)).SelectMany(c => c.ContentHashes)];
        foreach (var (id, entry) in entries)
        {
            var blob = container.GetBlobClient(entry.BlobName);
            states.Add((id, entry, blob, await StateAsync(blob, entry, imported, cancellationToken)));
        }

        return states;
    }

    private async Task<UploadState> StateAsync(BlobClient blob, UploadJournalEntry entry, HashSet<string> imported, CancellationToken cancellationToken)
    {
        try
        {
            var properties = await blob.GetPropertiesAsync(cancellationToken: cancellationToken);
            if (!properties.Value.Metadata.TryGetValue(UploadWatcher.HandledMetadataKey, out var outcome))
            {
                return UploadState.Pending;
            }

            return imported.Contains(entry.Sha256) || outcome.Contains("Reject", StringComparison.OrdinalIgnoreCase)
                ? UploadState.Settled
                : UploadState.Lost;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return UploadState.Lost;
        }
    }

    private List<(string Id, UploadJournalEntry Entry)> ReadEntries()
    {
        var entries = new List<(string, UploadJournalEntry)>();
        if (!Directory.Exists(_folder))
        {
            return entries;
        }

        foreach (var manifest in Directory.GetFiles(_folder, "*" + ManifestExtension).Order(StringComparer.Ordinal))
        {
            var id = Path.GetFileNameWithoutExtension(manifest);
            try
            {
                if (JsonSerializer.Deserialize<UploadJournalEntry>(File.ReadAllBytes(manifest), Json) is { BlobName.Length: > 0, Sha256.Length: > 0 } entry
                    && File.Exists(Path.Combine(_folder, id + ContentExtension)))
                {
                    entries.Add((id, entry));
                    continue;
                }
            }
            catch (JsonException)
            {
            }

            // A manifest is renamed into place whole, so an unreadable one was never acknowledged.
            LogTornEntry(_logger);
            Delete(id);
        }

        return entries;
    }

    private void Delete(string id)
    {
        File.Delete(Path.Combine(_folder, id + ManifestExtension));
        File.Delete(Path.Combine(_folder, id + ContentExtension));
    }

    /// <summary>Flushes the folder itself (fsync of the directory), so the rename that committed an entry survives a power cut.</summary>
    private void FlushFolder()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var path = System.Text.Encoding.UTF8.GetBytes(_folder + "\0");
        var descriptor = NativeMethods.Open(path, 0);
        if (descriptor < 0)
        {
            throw new IOException($"The upload journal's folder could not be opened to flush it (errno {Marshal.GetLastPInvokeError()}).");
        }

        try
        {
            if (NativeMethods.Fsync(descriptor) != 0)
            {
                throw new IOException($"The upload journal's folder could not be flushed to disk (errno {Marshal.GetLastPInvokeError()}).");
            }
        }
        finally
        {
            _ = NativeMethods.Close(descriptor);
        }
    }

    [LoggerMessage(EventId = 2111, Level = LogLevel.Information, Message = "Put back {Replayed} of {Journaled} journaled uploads that storage had lost")]
    private static partial void LogReplayed(ILogger logger, int replayed, int journaled);

    [LoggerMessage(EventId = 2112, Level = LogLevel.Warning, Message = "Dropped an unreadable upload journal entry (never acknowledged)")]
    private static partial void LogTornEntry(ILogger logger);

    private enum UploadState
    {
        /// <summary>In storage, not handled yet: the watcher will import it.</summary>
        Pending,

        /// <summary>Handled: imported into a campaign, or refused with its reason.</summary>
        Settled,

        /// <summary>Not in storage, or marked handled without the campaign it made.</summary>
        Lost,
    }

    private sealed record UploadJournalEntry(string BlobName, Dictionary<string, string>? Metadata, string Sha256);

    private static partial class NativeMethods
    {
        [LibraryImport("libc", EntryPoint = "open", SetLastError = true)]
        public static partial int Open(byte[] path, int flags);

        [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
        public static partial int Fsync(int descriptor);

        [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
        public static partial int Close(int descriptor);
    }
}
