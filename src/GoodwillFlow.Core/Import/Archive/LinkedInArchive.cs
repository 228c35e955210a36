using System.IO.Compression;

namespace GoodwillFlow.Core.Import.Archive;

/// <summary>
/// A LinkedIn data download opened for reading, with the guards a hostile ZIP needs: nothing is ever extracted to disk
/// (entries are found by file name alone, so <c>../</c> and absolute names lead nowhere), nested archives are never
/// opened, and every byte decompressed is counted against per-file, ratio and total limits as it is read.
/// </summary>
internal sealed class LinkedInArchive : IDisposable
{
    /// <summary>Files smaller than this are not held to the compression ratio: tiny repetitive files compress very well.</summary>
    private const long RatioFloorBytes = 1024 * 1024;

    private readonly ZipArchive _zip;
    private readonly Stream? _ownedCopy;
    private readonly LinkedInImportOptions _options;
    private long _decompressed;
    private ImportRejectedException? _guardRefusal;

    private LinkedInArchive(ZipArchive zip, Stream? ownedCopy, LinkedInImportOptions options)
    {
        _zip = zip;
        _ownedCopy = ownedCopy;
        _options = options;
    }

    /// <summary>Whether <paramref name="head"/>, the first bytes of an upload, are a ZIP signature.</summary>
    public static bool IsZip(ReadOnlySpan<byte> head) =>
        head.StartsWith("PK\x03\x04"u8) || head.StartsWith("PK\x05\x06"u8) || head.StartsWith("PK\x07\x08"u8);

    /// <summary>
    /// Opens <paramref name="upload"/> (positioned at the ZIP's first byte) as an archive. A stream that cannot seek,
    /// or that does not start at the archive, is first copied to a temporary file deleted on close, within
    /// <see cref="LinkedInImportOptions.MaxArchiveBytes"/>.
    /// </summary>
    /// <exception cref="ImportRejectedException">Too large, damaged, too many entries, or an Office document.</exception>
    public static LinkedInArchive Open(Stream upload, LinkedInImportOptions options)
    {
        Stream source = upload;
        Stream? copy = null;
        if (!upload.CanSeek || upload.Position != 0)
        {
            copy = CopyToTemporaryFile(upload, options.MaxArchiveBytes);
            source = copy;
        }
        else if (upload.Length > options.MaxArchiveBytes)
        {
            throw ArchiveRejections.TooLarge(options.MaxArchiveBytes);
        }

        try
        {
            // Checked before the central directory is read: ZipArchive builds an object per entry it lists.
            if (DeclaredEntries(source) > options.MaxArchiveEntries)
            {
                throw ArchiveRejections.TooManyEntries(options.MaxArchiveEntries);
            }

            var zip = new ZipArchive(source, ZipArchiveMode.Read, leaveOpen: true);
            try
            {
                if (zip.Entries.Count > options.MaxArchiveEntries)
                {
                    throw ArchiveRejections.TooManyEntries(options.MaxArchiveEntries);
                }

                RejectOfficeDocument(zip);
                return new LinkedInArchive(zip, copy, options);
            }
            catch
            {
                zip.Dispose();
                throw;
            }
        }
        catch (InvalidDataException ex)
        {
            copy?.Dispose();
            throw ArchiveRejections.Damaged(ex);
        }
        catch
        {
            copy?.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The entry whose file name (the part after the last <c>/</c> or <c>\</c>) is <paramref name="fileName"/>,
    /// ignoring case, at any depth; the shallowest when several have it. Null when none.
    /// </summary>
    public ZipArchiveEntry? Find(string fileName, List<string> warnings)
    {
        ZipArchiveEntry? found = null;
        var foundDepth = int.MaxValue;
        var count = 0;
        foreach (var entry in _zip.Entries)
        {
            if (!FileName(entry.FullName).Equals(fileName, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            count++;
            var depth = Depth(entry.FullName);
            if (depth < foundDepth)
            {
                found = entry;
                foundDepth = depth;
            }
        }

        if (count > 1)
        {
            warnings.Add($"The ZIP has {count} files named {fileName}; the one nearest the top was read.");
        }

        return found;
    }

    /// <summary>
    /// Opens <paramref name="entry"/> for reading through a counting stream that refuses more than
    /// <paramref name="maxBytes"/>, a bomb's ratio, or the archive's total budget, whatever the ZIP's headers claim.
    /// </summary>
    /// <param name="entry">An entry of this archive.</param>
    /// <param name="knownName">The canonical name the owner is told (never a name taken from the archive).</param>
    /// <param name="maxBytes">The most bytes this entry may unpack to.</param>
    public Stream OpenEntry(ZipArchiveEntry entry, string knownName, long maxBytes)
    {
        if (entry.Length > maxBytes)
        {
            throw ArchiveRejections.EntryTooLarge(knownName, maxBytes);
        }

        Stream inner;
        try
        {
            inner = entry.Open();
        }
        catch (InvalidDataException ex)
        {
            throw ArchiveRejections.Damaged(ex);
        }
        catch (NotSupportedException)
        {
            throw ArchiveRejections.Encrypted();
        }

        return new CountingStream(this, inner, knownName, maxBytes, entry.CompressedLength);
    }

    /// <summary>Whether <paramref name="rejection"/> is this archive's own guard (a bomb, a size limit), not the file's content.</summary>
    public bool IsGuardRefusal(ImportRejectedException rejection) => ReferenceEquals(rejection, _guardRefusal);

    /// <inheritdoc />
    public void Dispose()
    {
        _zip.Dispose();
        _ownedCopy?.Dispose();
    }

    /// <summary>The part of an entry's name after its last <c>/</c> or <c>\</c>: all that is ever used of it.</summary>
    public static string FileName(string fullName)
    {
        var slash = fullName.AsSpan().LastIndexOfAny('/', '\\');
        return slash < 0 ? fullName : fullName[(slash + 1)..];
    }

    private static int Depth(string fullName) => fullName.AsSpan().Count('/') + fullName.AsSpan().Count('\\');

    /// <summary>
    /// The entry count the end-of-central-directory record declares (the last <c>PK\x05\x06</c> in the final 64 KiB),
    /// or 0 when it is not found or the archive is ZIP64 (then the count is checked after opening).
    /// </summary>
    private static int DeclaredEntries(Stream zip)
    {
        const int RecordBytes = 22;
        var tail = (int)Math.Min(zip.Length, RecordBytes + ushort.MaxValue);
        var buffer = new byte[tail];
        zip.Position = zip.Length - tail;
        zip.ReadExactly(buffer);
        zip.Position = 0;
        var record = buffer.AsSpan().LastIndexOf("PK\x05\x06"u8);
        if (record < 0 || record + RecordBytes > buffer.Length)
        {
            return 0;
        }

        var total = System.Buffers.Binary.BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(record + 10));
        return total == ushort.MaxValue ? 0 : total;
    }

    private static void RejectOfficeDocument(ZipArchive zip)
    {
        if (zip.GetEntry("[Content_Types].xml") is null)
        {
            return;
        }

        foreach (var entry in zip.Entries)
        {
            if (entry.FullName.StartsWith("xl/", StringComparison.Ordinal))
            {
                throw ArchiveRejections.Office("an Excel workbook");
            }

            if (entry.FullName.StartsWith("word/", StringComparison.Ordinal))
            {
                throw ArchiveRejections.Office("a Word document");
            }
        }
    }

    private static FileStream CopyToTemporaryFile(Stream upload, long maxBytes)
    {
        var file = new FileStream(
            Path.Combine(Path.GetTempPath(), $"goodwill-archive-{Guid.NewGuid():N}.zip"),
            FileMode.CreateNew,
            FileAccess.ReadWrite,
            FileShare.None,
            bufferSize: 81920,
            FileOptions.DeleteOnClose);
        try
        {
            var buffer = new byte[81920];
            long total = 0;
            int read;
            while ((read = upload.Read(buffer, 0, buffer.Length)) > 0)
            {
                total += read;
                if (total > maxBytes)
                {
                    throw ArchiveRejections.TooLarge(maxBytes);
                }

                file.Write(buffer, 0, read);
            }

            file.Position = 0;
            return file;
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Counts the bytes an entry really unpacks to and stops at the first limit crossed.</summary>
    private sealed class CountingStream(LinkedInArchive archive, Stream inner, string knownName, long maxBytes, long compressedLength)
        : ReadOnlyStream
    {
        private long _read;

        public override int Read(Span<byte> buffer)
        {
            int read;
            try
            {
                read = inner.Read(buffer);
            }
            catch (InvalidDataException ex)
            {
                throw Refuse(ArchiveRejections.Damaged(ex));
            }

            _read += read;
            archive._decompressed += read;
            if (_read > maxBytes)
            {
                throw Refuse(ArchiveRejections.EntryTooLarge(knownName, maxBytes));
            }

            if (_read > RatioFloorBytes && _read > Math.Max(compressedLength, 1) * archive._options.MaxCompressionRatio)
            {
                throw Refuse(ArchiveRejections.Bomb(knownName));
            }

            if (archive._decompressed > archive._options.MaxArchiveUncompressedBytes)
            {
                throw Refuse(ArchiveRejections.TotalTooLarge(archive._options.MaxArchiveUncompressedBytes));
            }

            return read;
        }

        private ImportRejectedException Refuse(ImportRejectedException rejection)
        {
            archive._guardRefusal = rejection;
            return rejection;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
