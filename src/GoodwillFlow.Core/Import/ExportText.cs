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
    /// Reads <paramref name="export"/> to the end and returns its text as UTF-8 without a byte order mark, in memory of
    /// its own: the imported connections point into it (<see cref="ImportedConnections"/>).
    /// </summary>
    /// <param name="export">The upload.</param>
    /// <param name="maxFileBytes">The most bytes accepted.</param>
    /// <param name="warnings">Where a note about the encoding goes.</param>
    /// <param name="sizeHint">The expected size of a stream that cannot seek (a file in a ZIP), or 0.</param>
    public static ReadOnlyMemory<byte> Read(Stream export, long maxFileBytes, List<string> warnings, long sizeHint = 0)
    {
        var bytes = ReadAll(export, maxFileBytes, sizeHint);
        var span = bytes.Span;
        if (span.IsEmpty)
        {
            throw Rejections.Empty();
        }

        RejectKnownBinary(span);
        var text = ToUtf8(bytes, warnings);
        var textSpan = text.Span;
        if (TrimBlank(textSpan).IsEmpty)
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
            // this import's own buffer (read or transcoded), so it is rewritten in place.
            MemoryMarshal.AsMemory(text).Span.Replace((byte)'\r', (byte)'\n');
        }

        return text;
    }

    /// <summary>
    /// Reads the whole stream into an array of its own, not cleared first (every byte used is read into it): the
    /// connections kept point into it for as long as the import's result lives.
    /// </summary>
    private static ReadOnlyMemory<byte> ReadAll(Stream export, long maxFileBytes, long sizeHint)
    {
        if (export.CanSeek)
        {
            var remaining = export.Length - export.Position;
            if (remaining > maxFileBytes)
            {
                throw Rejections.TooLarge(maxFileBytes);
            }

            var exact = GC.AllocateUninitializedArray<byte>((int)remaining);
            export.ReadExactly(exact);
            return exact;
        }

        // One byte over the hint, so reaching the end needs no larger buffer.
        var buffer = GC.AllocateUninitializedArray<byte>((int)Math.Min(Math.Max(sizeHint + 1, ReadChunk), Math.Max(Math.Min(maxFileBytes + 1, Array.MaxLength), 1)));
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                var larger = GC.AllocateUninitializedArray<byte>((int)Math.Min((long)buffer.Length * 2, Array.MaxLength));
                buffer.AsSpan(0, length).CopyTo(larger);
                buffer = larger;
            }

            var read = export.Read(buffer, length, buffer.Length - length);
            if (read == 0)
            {
                return buffer.AsMemory(0, length);
            }

            length += read;
            if (length > maxFileBytes)
            {
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

    /// <summary>
    /// The span without spaces, tabs and line breaks around it. A loop rather than <c>span.Trim(" \t\r\n"u8)</c>:
    /// that generic method has no ReadyToRun code for bytes outside the framework and is compiled at every start.
    /// </summary>
    internal static ReadOnlySpan<byte> TrimBlank(ReadOnlySpan<byte> span)
    {
        var start = 0;
        var end = span.Length;
        while (start < end && span[start] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            start++;
        }

        while (end > start && span[end - 1] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            end--;
        }

        return span[start..end];
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
