using System.Globalization;
using System.Text;
using CsvHelper;
using GoodwillFlow.Core.Text;

namespace GoodwillFlow.Core.Import.Archive;

/// <summary>
/// One of the archive's evidence files, read row by row: the header is found among the first lines by a column that
/// only it has (as the Connections reader finds its header below LinkedIn's preamble), and columns are looked up by
/// any of their known names, ignoring case, so a renamed or missing column costs only what it held.
/// </summary>
internal sealed class EvidenceCsv : IDisposable
{
    private const int MaxHeaderSearchRows = 30;
    private const int MaxDateChars = 64;

    // "2023-06-11 15:33:58 UTC" (messages), "2024/10/24 14:11:21 UTC" (endorsements), "01/19/13, 12:10 AM"
    // (recommendations), "9/27/25, 8:41 AM" (invitations), and the forms a spreadsheet re-save gives them.
    private static readonly string[] DateFormats =
    [
        "yyyy-MM-dd HH:mm:ss", "yyyy/MM/dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
        "M/d/yy, h:mm tt", "M/d/yy h:mm tt", "M/d/yyyy, h:mm tt", "M/d/yyyy h:mm tt", "M/d/yy, H:mm", "M/d/yy",
        "M/d/yyyy", "yyyy-MM-dd", "yyyy/MM/dd", "d MMM yyyy", "d-MMM-yy", "MMM yyyy", "yyyy-MM-dd HH:mm",
    ];

    private readonly CsvReader _reader;

    private EvidenceCsv(CsvReader reader) => _reader = reader;

    /// <summary>Gets the underlying reader, positioned on the current row.</summary>
    public CsvReader Reader => _reader;

    /// <summary>
    /// Opens <paramref name="stream"/> and moves past its header, found as the first of the top rows with a cell named
    /// <paramref name="anchorColumn"/>; null (the reader disposed, and a warning naming <paramref name="knownColumns"/>
    /// added) when there is none.
    /// </summary>
    public static EvidenceCsv? Open(
        Stream stream, string fileName, string anchorColumn, string knownColumns, int maxRecordBytes, List<string> warnings)
    {
        var csv = Open(stream, anchorColumn, maxRecordBytes);
        if (csv is null)
        {
            warnings.Add($"{fileName} has no header GoodwillFlow knows ({knownColumns}), so it was not used.");
        }

        return csv;
    }

    private static EvidenceCsv? Open(Stream stream, string anchorColumn, int maxRecordBytes)
    {
        var reader = CsvReader.Create(
            stream,
            new CsvReaderOptions
            {
                HasHeader = true,
                IncludeValuesInExceptions = false,
                MaxRecordSize = maxRecordBytes,
                PoolStrings = true,
                DetectSeparatorHint = false,
            },
            leaveOpen: true);
        try
        {
            if (reader.Headers.Any(h => h.Trim().Trim('\uFEFF').Equals(anchorColumn, StringComparison.OrdinalIgnoreCase)))
            {
                return new EvidenceCsv(reader);
            }

            for (var row = 0; row < MaxHeaderSearchRows && reader.Read(); row++)
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    // Compared as bytes: the cells of rows above the header never become strings.
                    if (Ascii.EqualsIgnoreCase(reader.GetSpan(i).Trim(" \t\""u8), anchorColumn))
                    {
                        reader.ReadHeader();
                        return new EvidenceCsv(reader);
                    }
                }
            }
        }
        catch
        {
            reader.Dispose();
            throw;
        }

        reader.Dispose();
        return null;
    }

    /// <summary>The index of the first of <paramref name="names"/> the header has; -1 when it has none.</summary>
    public int Column(params string[] names)
    {
        foreach (var name in names)
        {
            if (_reader.TryGetFieldIndex(name, out var index))
            {
                return index;
            }
        }

        return -1;
    }

    /// <summary>Advances to the next row.</summary>
    public bool Read() => _reader.Read();

    /// <summary>The field trimmed, or null when the column is missing or the field blank.</summary>
    public string? Text(int index) =>
        index < _reader.FieldCount ? LinkedInConnectionsImporter.Field(_reader, index) : null;

    /// <summary>The field as a UTC time, from any of the forms LinkedIn's files use; null when blank or unreadable.</summary>
    public DateTime? Time(int index)
    {
        if (index < 0 || index >= _reader.FieldCount)
        {
            return null;
        }

        var span = _reader.GetSpan(index).Trim(" \t\r\n\""u8);
        if (span.IsEmpty || span.Length > MaxDateChars)
        {
            return null;
        }

        if (TryParseIsoUtc(span, out var fast))
        {
            return fast;
        }

        Span<char> chars = stackalloc char[MaxDateChars];
        var written = Encoding.UTF8.GetChars(span, chars);
        var text = chars[..written].Trim();
        if (text.EndsWith(" UTC", StringComparison.OrdinalIgnoreCase))
        {
            text = text[..^4].TrimEnd();
        }

        return DateTime.TryParseExact(
                text, DateFormats, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var parsed)
            ? parsed
            : null;
    }

    /// <inheritdoc />
    public void Dispose() => _reader.Dispose();

    /// <summary>
    /// The name folded for matching: trimmed, inner whitespace collapsed to one space, Unicode-composed and upper-cased.
    /// </summary>
    public static string FoldName(string name)
    {
        // Nearly every name is ASCII with single spaces, already in Form C: upper-casing is all it needs.
        if (Ascii.IsValid(name) && name.Length > 0 && name[0] != ' ' && name[^1] != ' '
            && !name.Contains("  ", StringComparison.Ordinal) && name.AsSpan().IndexOfAny('\t', '\r', '\n') < 0)
        {
            return name.ToUpperInvariant();
        }

        var builder = new StringBuilder(name.Length);
        var space = false;
        foreach (var c in name.Trim())
        {
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }

            if (space && builder.Length > 0)
            {
                builder.Append(' ');
            }

            space = false;
            builder.Append(c);
        }

        return UnicodeForms.Normalize(builder.ToString(), NormalizationForm.FormC).ToUpperInvariant();
    }

    /// <summary>"First Last" from the two parts, either of which may be missing; null when both are.</summary>
    public static string? FullName(string? first, string? last) =>
        (first, last) switch
        {
            (null, null) => null,
            (null, _) => last,
            (_, null) => first,
            _ => $"{first} {last}",
        };

    /// <summary>The first <paramref name="maxWords"/> words of <paramref name="text"/>, with "…" when it goes on.</summary>
    public static string FirstWords(string text, int maxWords)
    {
        var words = text.Split((char[]?)null, maxWords + 1, StringSplitOptions.RemoveEmptyEntries);
        return words.Length <= maxWords
            ? string.Join(' ', words)
            : string.Join(' ', words.Take(maxWords)) + "…";
    }

    /// <summary>Parses <c>yyyy-MM-dd HH:mm:ss</c> (optionally followed by <c> UTC</c>) straight from UTF-8: messages.csv's every row.</summary>
    private static bool TryParseIsoUtc(ReadOnlySpan<byte> text, out DateTime time)
    {
        time = default;
        if (text.Length < 19 || text[4] != '-' || text[7] != '-' || text[10] != ' ' || text[13] != ':' || text[16] != ':'
            || (text.Length != 19 && !text[19..].SequenceEqual(" UTC"u8)))
        {
            return false;
        }

        if (!Digits(text[..4], out var year) || !Digits(text.Slice(5, 2), out var month) || !Digits(text.Slice(8, 2), out var day)
            || !Digits(text.Slice(11, 2), out var hour) || !Digits(text.Slice(14, 2), out var minute)
            || !Digits(text.Slice(17, 2), out var second)
            || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        time = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc);
        return true;

        static bool Digits(ReadOnlySpan<byte> digits, out int value)
        {
            value = 0;
            foreach (var digit in digits)
            {
                if (digit is < (byte)'0' or > (byte)'9')
                {
                    return false;
                }

                value = (value * 10) + (digit - '0');
            }

            return true;
        }
    }
}
