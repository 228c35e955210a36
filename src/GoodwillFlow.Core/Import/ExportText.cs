using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Unicode;

namespace GoodwillFlow.Core.Import;

/// <summary>
/// Reads an upload into memory as UTF-8 text, refusing files that are too large or are not text at all.
/// </summary>
internal static class ExportText
{
    private const int ReadChunk = 81920;
    private const int ControlSampleBytes = 8192;

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    private static ReadOnlySpan<byte> Utf16LeBom => [0xFF, 0xFE];

    private static ReadOnlySpan<byte> Utf16BeBom => [0xFE, 0xFF];

    private static ReadOnlySpan<byte> Utf32LeBom => [0xFF, 0xFE, 0x00, 0x00];

    private static ReadOnlySpan<byte> Png => [0x89, 0x50, 0x4E, 0x47];

    private static ReadOnlySpan<byte> Jpeg => [0xFF, 0xD8, 0xFF];

    private static ReadOnlySpan<byte> OleCompound => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    private static ReadOnlySpan<byte> Gzip => [0x1F, 0x8B];

    /// <summary>
    /// Reads <paramref name="export"/> to the end and returns its text as UTF-8 without a byte order mark, in a
    /// pooled buffer that <paramref name="lease"/> returns when disposed.
    /// </summary>
    /// <param name="export">The upload.</param>
    /// <param name="maxFileBytes">The most bytes accepted.</param>
    /// <param name="warnings">Where a note about the encoding goes.</param>
    /// <param name="lease">The pooled buffer holding the text.</param>
    /// <param name="sizeHint">The expected size of a stream that cannot seek (a file in a ZIP), or 0.</param>
    public static ReadOnlyMemory<byte> Read(Stream export, long maxFileBytes, List<string> warnings, out BufferLease lease, long sizeHint = 0)
    {
        lease = ReadAll(export, maxFileBytes, sizeHint, out var bytes);
        try
        {
            var span = bytes.Span;
            if (span.IsEmpty)
            {
                throw Rejections.Empty();
            }

            RejectKnownBinary(span);
            var text = ToUtf8(bytes, warnings);
            var textSpan = text.Span;
            if (IsBlank(textSpan))
            {
                throw Rejections.Empty();
            }

            // IndexOf rather than Contains for bytes (here and below): the framework has ReadyToRun code for the first
            // only, and goodwill import would compile the other at every start.
            if (textSpan.IndexOf((byte)0) >= 0 || HasManyControlBytes(textSpan))
            {
                throw Rejections.NotText(null);
            }

            if (textSpan.IndexOf((byte)'\n') < 0 && textSpan.IndexOf((byte)'\r') >= 0)
            {
                // Classic Mac OS ended lines with CR alone; the reader and the header search split on LF. The text is
                // this import's own buffer (pooled or transcoded), so it is rewritten in place.
                MemoryMarshal.AsMemory(text).Span.Replace((byte)'\r', (byte)'\n');
            }

            return text;
        }
        catch
        {
            lease.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Reads the whole stream into a pooled array: a 30,000-row export is about 4 MiB, and allocating that afresh
    /// on every import would cost a full (large object heap) garbage collection each time.
    /// </summary>
    private static BufferLease ReadAll(Stream export, long maxFileBytes, long sizeHint, out ReadOnlyMemory<byte> bytes)
    {
        if (export.CanSeek)
        {
            var remaining = export.Length - export.Position;
            if (remaining > maxFileBytes)
            {
                throw Rejections.TooLarge(maxFileBytes);
            }

            var exact = new BufferLease(ArrayPool<byte>.Shared.Rent((int)Math.Max(remaining, 1)));
            export.ReadExactly(exact.Array.AsSpan(0, (int)remaining));
            bytes = exact.Array.AsMemory(0, (int)remaining);
            return exact;
        }

        // One byte over the hint, so reaching the end needs no larger buffer.
        var lease = new BufferLease(ArrayPool<byte>.Shared.Rent((int)Math.Min(Math.Max(sizeHint + 1, ReadChunk), Math.Max(Math.Min(maxFileBytes + 1, Array.MaxLength), 1))));
        var length = 0;
        while (true)
        {
            if (length == lease.Array.Length)
            {
                var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)lease.Array.Length * 2, Array.MaxLength));
                lease.Array.AsSpan(0, length).CopyTo(larger);
                lease.Dispose();
                lease = new BufferLease(larger);
            }

            var read = export.Read(lease.Array, length, lease.Array.Length - length);
            if (read == 0)
            {
                bytes = lease.Array.AsMemory(0, length);
                return lease;
            }

            length += read;
            if (length > maxFileBytes)
            {
                lease.Dispose();
                throw Rejections.TooLarge(maxFileBytes);
            }
        }
    }

    private static void RejectKnownBinary(ReadOnlySpan<byte> bytes)
    {
        var kind =
            bytes.StartsWith(Png) ? "a PNG picture" :
            bytes.StartsWith(Jpeg) ? "a JPEG picture" :
            bytes.StartsWith("GIF8"u8) ? "a GIF picture" :
            bytes.Length >= 12 && bytes.StartsWith("RIFF"u8) && bytes[8..12].SequenceEqual("WEBP"u8) ? "a WebP picture" :
            bytes.Length >= 12 && bytes[4..8].SequenceEqual("ftyp"u8) ? "a photo or video (HEIC/MP4)" :
            bytes.StartsWith("%PDF"u8) ? "a PDF document" :
            bytes.StartsWith("PK\x03\x04"u8) || bytes.StartsWith("PK\x05\x06"u8) ? "a ZIP archive or Excel workbook" :
            bytes.StartsWith(OleCompound) ? "an old Excel or Word file" :
            bytes.StartsWith(Gzip) ? "a compressed (gzip) file" :
            null;
        if (kind is not null)
        {
            throw Rejections.NotText(kind);
        }
    }

    private static ReadOnlyMemory<byte> ToUtf8(ReadOnlyMemory<byte> bytes, List<string> warnings)
    {
        var span = bytes.Span;
        if (span.StartsWith(Utf8Bom))
        {
            bytes = bytes[3..];
            span = bytes.Span;
        }
        else if (span.StartsWith(Utf32LeBom))
        {
            return Transcode(span[4..], new UTF32Encoding(bigEndian: false, byteOrderMark: false));
        }
        else if (span.StartsWith(Utf16LeBom))
        {
            return Transcode(span[2..], Encoding.Unicode);
        }
        else if (span.StartsWith(Utf16BeBom))
        {
            return Transcode(span[2..], Encoding.BigEndianUnicode);
        }
        else if (LooksLikeUtf16WithoutBom(span, out var bigEndian))
        {
            return Transcode(span, bigEndian ? Encoding.BigEndianUnicode : Encoding.Unicode);
        }

        if (Utf8.IsValid(span))
        {
            return bytes;
        }

        // A spreadsheet on Windows re-saves "CSV" in the machine's code page; Windows-1252 covers Western names.
        warnings.Add("The file is not UTF-8 (probably re-saved by a spreadsheet), so it was read as Windows-1252: check accented names.");
        return Transcode(span, CodePagesEncodingProvider.Instance.GetEncoding(1252) ?? Encoding.Latin1);
    }

    private static bool LooksLikeUtf16WithoutBom(ReadOnlySpan<byte> span, out bool bigEndian)
    {
        // The header and preamble are ASCII, so UTF-16 without a byte order mark has a zero in every other byte.
        bigEndian = span.Length >= 4 && span[0] == 0 && span[1] != 0 && span[2] == 0 && span[3] != 0;
        var littleEndian = span.Length >= 4 && span[0] != 0 && span[1] == 0 && span[2] != 0 && span[3] == 0;
        return bigEndian || littleEndian;
    }

    /// <summary>True when <paramref name="text"/> holds only spaces, tabs and line breaks (or nothing).</summary>
    internal static bool IsBlank(ReadOnlySpan<byte> text)
    {
        // A loop rather than IndexOfAnyExcept(" \t\r\n"u8), which is compiled at every start (see Read); a file that is
        // not blank ends the loop at its first byte.
        foreach (var b in text)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A rented array, returned to the shared pool when disposed.</summary>
    internal sealed class BufferLease(byte[] array) : IDisposable
    {
        public byte[] Array { get; private set; } = array;

        public void Dispose()
        {
            if (Array.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(Array);
                Array = [];
            }
        }
    }

    private static byte[] Transcode(ReadOnlySpan<byte> source, Encoding encoding)
    {
        var text = encoding.GetString(source);
        return Encoding.UTF8.GetBytes(text);
    }

    private static bool HasManyControlBytes(ReadOnlySpan<byte> text)
    {
        var sample = text[..Math.Min(text.Length, ControlSampleBytes)];
        var controls = 0;
        foreach (var b in sample)
        {
            if (b < 0x20 && b is not ((byte)'\t' or (byte)'\r' or (byte)'\n' or 0x0C))
            {
                controls++;
            }
        }

        // Real exports have none; a few stray ones are tolerated, a binary file has many.
        return controls > 8 && controls * 100 > sample.Length;
    }
}
