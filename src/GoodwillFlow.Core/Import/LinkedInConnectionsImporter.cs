using System.Buffers;
using System.Globalization;
using System.Text;
using CsvHelper;
using GoodwillFlow.Core.Connections;
using GoodwillFlow.Core.Import.Archive;
using GoodwillFlow.Core.Text;

namespace GoodwillFlow.Core.Import;

/// <summary>Reads every known variant of LinkedIn's Connections.csv into <see cref="ImportResult"/>.</summary>
public static class LinkedInConnectionsImporter
{
    private const int MaxDateChars = 64;

    // LinkedIn's cap of 30,000 connections, with room for the preamble, the header and a few blank lines.
    private const int MaxPlannedRows = 30_100;

    // "14 Feb 2024" as exported; "14-Feb-24" after a spreadsheet re-save; ISO from tools that rewrite dates.
    private static readonly string[] DateFormats =
        ["d MMM yyyy", "d-MMM-yy", "d-MMM-yyyy", "d MMM yy", "d MMMM yyyy", "yyyy-MM-dd"];

    /// <summary>
    /// Returns true when a file's first bytes are a ZIP's: a whole LinkedIn data download, which may be far larger than
    /// any Connections.csv (<see cref="LinkedInImportOptions.MaxArchiveBytes"/>).
    /// </summary>
    public static bool LooksLikeArchive(ReadOnlySpan<byte> head) => Archive.LinkedInArchive.IsZip(head);

    /// <summary>
    /// Imports an export from a stream (read to the end, not disposed): LinkedIn's Connections.csv, or its whole data
    /// download as a ZIP (recognised by its first bytes, whatever the file is called), whose messages, recommendations,
    /// endorsements and invitations become <see cref="ImportResult.Evidence"/>. The stream need not be seekable.
    /// </summary>
    /// <exception cref="ImportRejectedException">The file is not a usable connections export or archive.</exception>
    public static ImportResult Import(Stream export, LinkedInImportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(export);
        options ??= new LinkedInImportOptions();

        Span<byte> head = stackalloc byte[4];
        var headLength = export.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        if (export.CanSeek)
        {
            export.Seek(-headLength, SeekOrigin.Current);
        }
        else
        {
            export = new PrefixedStream(head[..headLength].ToArray(), export);
        }

        return LinkedInArchive.IsZip(head[..headLength])
            ? LinkedInArchiveImporter.Import(export, options)
            : ImportConnections(export, options);
    }

    /// <summary>
    /// Imports a Connections.csv from a stream (read to the end, not disposed); <paramref name="sizeHint"/> is the size
    /// expected of a stream that cannot seek, or 0.
    /// </summary>
    internal static ImportResult ImportConnections(Stream export, LinkedInImportOptions options, long sizeHint = 0)
    {
        var warnings = new List<string>();
        var text = ExportText.Read(export, options.MaxFileBytes, warnings, sizeHint);
        var header = HeaderLocator.Locate(text.Span);
        var format = header.HasUrlColumn ? ExportFormat.Current
            : header.HasPreamble ? ExportFormat.NoUrl2021
            : ExportFormat.Legacy2020;

        try
        {
            return ReadRows(text, header.Offset, header.Separator, format, options, warnings);
        }
        catch (CsvFormatException ex)
        {
            throw Rejections.Malformed(ex);
        }
    }

    private static ImportResult ReadRows(
        ReadOnlyMemory<byte> text, int headerOffset, char separator, ExportFormat format, LinkedInImportOptions options,
        List<string> warnings)
    {
        var rows = text[headerOffset..];
        var malformed = new MalformedCounter();
        var csvOptions = new CsvReaderOptions
        {
            Separator = separator,
            HasHeader = true,
            DetectSeparatorHint = false,
            // Blank rows are counted as skipped rather than silently passed over.
            SkipEmptyLines = false,
            IncludeValuesInExceptions = false,
            OnMalformedRecord = malformed.Record,
        };

        using var reader = CsvReader.Create(rows, csvOptions);
        var columns = new Columns(reader);

        // A row is at most a line, so the table starts with room for every row of an export up to LinkedIn's cap and
        // grows past it only for rows that are kept: a file of blank lines or empty rows costs no table.
        var capacity = LineCount(rows.Span, MaxPlannedRows);
        var connections = new ImportedConnections.Builder(text, capacity);
        var seen = new SeenIds(capacity);
        var duplicates = 0;
        var skipped = 0;
        var repeatedHeaders = 0;
        var headerFields = reader.Headers.Count;
        var lastFieldCount = headerFields;
        var unreadableDates = 0;

        while (reader.Read())
        {
            if (reader.RawRecord.Length > options.MaxRecordBytes)
            {
                throw Rejections.RecordTooLarge(options.MaxRecordBytes);
            }

            lastFieldCount = reader.FieldCount;

            // The fields stay UTF-8 where they lie in the export; strings are made only for the rare row that needs
            // them here, and for the connections a reader of the result asks for.
            var firstName = connections.Set(ImportedConnections.Field.FirstName, Utf8Field(reader, columns.FirstName));
            var lastName = connections.Set(ImportedConnections.Field.LastName, Utf8Field(reader, columns.LastName));
            var url = connections.Set(ImportedConnections.Field.Url, Utf8Field(reader, columns.Url));
            if (firstName.IsEmpty && lastName.IsEmpty && url.IsEmpty)
            {
                connections.Skip();
                skipped++;
                continue;
            }

            if (IsHeaderAgain(firstName, lastName, url))
            {
                connections.Skip();
                repeatedHeaders++;
                continue;
            }

            connections.Set(ImportedConnections.Field.EmailAddress, Utf8Field(reader, columns.EmailAddress));
            var company = connections.Set(ImportedConnections.Field.Company, Utf8Field(reader, columns.Company));
            var position = connections.Set(ImportedConnections.Field.Position, Utf8Field(reader, columns.Position));
            if (lastName.IsEmpty && url.IsEmpty && company.IsEmpty && position.IsEmpty && IsPreambleAgain(Text(firstName)))
            {
                connections.Skip();
                skipped++;
                continue;
            }

            var connectedOn = ReadDate(reader, columns.ConnectedOn, out var dateText);
            if (connectedOn is null && dateText is not null)
            {
                unreadableDates++;
            }

            // De-duplicating on the hash itself: the id string is made only when a reader asks for the connection.
            var hash = !url.IsEmpty
                ? UrlHash(url)
                : RowKeyHash(Text(firstName), Text(lastName), Text(company), Text(position), connectedOn, dateText);
            if (!seen.Add(hash))
            {
                connections.Skip();
                duplicates++;
                continue;
            }

            connections.Keep(hash, connectedOn);
        }

        if (malformed.Unterminated)
        {
            throw Rejections.Malformed();
        }

        // LinkedIn writes every column of every row; a last row short of columns with no line break after it is where
        // an interrupted download or copy stopped, and the people after it are missing.
        if (lastFieldCount < headerFields && rows.Span is not [.., (byte)'\n'])
        {
            throw Rejections.Truncated();
        }

        if (connections.Count == 0)
        {
            throw Rejections.NoRows();
        }

        if (repeatedHeaders > 0)
        {
            warnings.Add($"{Rows(repeatedHeaders)} repeated the header row (exports joined together, or a spreadsheet that repeats its header) and {(repeatedHeaders == 1 ? "was" : "were")} skipped.");
        }

        if (malformed.Recovered > 0)
        {
            warnings.Add($"{Rows(malformed.Recovered)} had stray quotes and were read as they are.");
        }

        if (unreadableDates > 0)
        {
            warnings.Add($"{Rows(unreadableDates)} had a Connected On date that could not be read; they were kept without a date.");
        }

        if (columns.ConnectedOn < 0)
        {
            warnings.Add("The file has no Connected On column, so no connection dates were imported.");
        }

        return new ImportResult(format, connections.Build(), duplicates, skipped, warnings, repeatedHeaders);
    }

    /// <summary>
    /// A row that names the columns again: the header of a second export appended to the first, or one a spreadsheet
    /// repeats on every printed page. A real person called "First Name Last Name" has a profile URL, which keeps them.
    /// </summary>
    private static bool IsHeaderAgain(ReadOnlySpan<byte> firstName, ReadOnlySpan<byte> lastName, ReadOnlySpan<byte> url) =>
        EqualsIgnoreCase(firstName, "First Name") && EqualsIgnoreCase(lastName, "Last Name")
        && (url.IsEmpty || EqualsIgnoreCase(url, "URL"));

    /// <summary>
    /// <see cref="string.Equals(string, string, StringComparison)"/> with <see cref="StringComparison.OrdinalIgnoreCase"/>
    /// of the UTF-8 <paramref name="utf8"/> and the ASCII <paramref name="ascii"/>, without a string for ASCII text.
    /// </summary>
    private static bool EqualsIgnoreCase(ReadOnlySpan<byte> utf8, string ascii)
    {
        if (!Ascii.IsValid(utf8))
        {
            // A few non-ASCII letters fold to ASCII ones (dotless i to I), so such text is compared as a string; a match
            // has at most three UTF-8 bytes for each character of the ASCII text.
            return utf8.Length <= ascii.Length * 3
                && string.Equals(Encoding.UTF8.GetString(utf8), ascii, StringComparison.OrdinalIgnoreCase);
        }

        return Ascii.EqualsIgnoreCase(utf8, ascii);
    }

    /// <summary>
    /// LinkedIn's <c>Notes:</c> preamble of a second export appended to the first: one value in the first column and
    /// nothing else, which no connection row is.
    /// </summary>
    private static bool IsPreambleAgain(string? firstName) =>
        firstName is not null
        && (firstName.Equals("Notes:", StringComparison.OrdinalIgnoreCase)
            || firstName.StartsWith("When exporting your connection data", StringComparison.OrdinalIgnoreCase));

    /// <summary>The hash behind the id of a profile URL: <see cref="ConnectionId.FromText(string)"/> of its normalised form.</summary>
    private static ulong UrlHash(ReadOnlySpan<byte> url)
    {
        if (url.Length <= ProfileUrl.StackLimit && Ascii.IsValid(url))
        {
            // Sized to the URL, not to the limit: the stack is cleared for every row.
            Span<char> chars = stackalloc char[url.Length];
            Span<byte> utf8 = stackalloc byte[url.Length];
            Ascii.ToUtf16(url, chars, out _);
            if (ProfileUrl.TryNormaliseAsciiUtf8(chars, utf8, out var length))
            {
                return ConnectionId.Hash(utf8[..length]);
            }
        }

        return ConnectionId.Hash(ProfileUrl.Normalise(Encoding.UTF8.GetString(url)));
    }

    /// <summary>The text of a field kept as UTF-8, or null when it is absent.</summary>
    private static string? Text(ReadOnlySpan<byte> utf8) => utf8.IsEmpty ? null : Encoding.UTF8.GetString(utf8);

    /// <summary>
    /// The number of lines of <paramref name="text"/> (the last one counted whether or not a line break ends it), or
    /// <paramref name="atMost"/> when there are more.
    /// </summary>
    private static int LineCount(ReadOnlySpan<byte> text, int atMost)
    {
        // IndexOf in a loop rather than Count, which has no ReadyToRun code for bytes outside the framework.
        var lines = 1;
        for (var next = text.IndexOf((byte)'\n'); next >= 0 && lines < atMost; next = text.IndexOf((byte)'\n'))
        {
            lines++;
            text = text[(next + 1)..];
        }

        return lines;
    }

    private static string Rows(int count) => count == 1 ? "1 row" : $"{count} rows";

    /// <summary>The field as the reader decodes it (unquoted), or nothing for a column the variant does not have.</summary>
    private static ReadOnlySpan<byte> Utf8Field(CsvReader reader, int index) => index < 0 ? default : reader.GetSpan(index);

    /// <summary>The field as exported, trimmed of surrounding whitespace only; null when absent or empty.</summary>
    internal static string? Field(CsvReader reader, int index)
    {
        if (index < 0)
        {
            return null;
        }

        // Nearly every field has nothing to trim, and trimming the string afterwards also catches non-ASCII whitespace
        // (a no-break space from a re-save).
        var value = reader.GetString(index);
        if (value.Length == 0)
        {
            return null;
        }

        if (char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1]))
        {
            value = value.Trim();
            return value.Length == 0 ? null : value;
        }

        return value;
    }

    private static DateOnly? ReadDate(CsvReader reader, int index, out string? unreadText)
    {
        unreadText = null;
        if (index < 0)
        {
            return null;
        }

        var span = ExportText.TrimBlank(reader.GetSpan(index));
        if (span.IsEmpty)
        {
            return null;
        }

        if (TryParseLinkedInDate(span, out var linkedInDate))
        {
            return linkedInDate;
        }

        Span<char> chars = stackalloc char[MaxDateChars];
        if (span.Length <= MaxDateChars
            && Encoding.UTF8.TryGetChars(span, chars, out var written)
            && DateOnly.TryParseExact(
                chars[..written].Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        unreadText = Encoding.UTF8.GetString(span);
        return null;
    }

    /// <summary>
    /// Parses the two forms nearly every row has, <c>14 Feb 2024</c> and <c>14-Feb-24</c>, straight from the UTF-8
    /// bytes; <see cref="DateOnly.TryParseExact(ReadOnlySpan{char}, string[], IFormatProvider?, DateTimeStyles, out DateOnly)"/>
    /// with several formats costs more than reading the row. Anything else falls back to it.
    /// </summary>
    private static bool TryParseLinkedInDate(ReadOnlySpan<byte> text, out DateOnly date)
    {
        date = default;
        var dayDigits = text.Length > 1 && char.IsAsciiDigit((char)text[1]) ? 2 : 1;
        if (text.Length < dayDigits + 7 || !char.IsAsciiDigit((char)text[0]))
        {
            return false;
        }

        var separator = text[dayDigits];
        var month = text.Slice(dayDigits + 1, 3);
        var yearText = text[(dayDigits + 5)..];
        if (separator is not ((byte)' ' or (byte)'-') || text[dayDigits + 4] != separator
            || yearText.Length is not (2 or 4))
        {
            return false;
        }

        var year = 0;
        foreach (var digit in yearText)
        {
            if (!char.IsAsciiDigit((char)digit))
            {
                return false;
            }

            year = (year * 10) + (digit - '0');
        }

        var monthNumber = MonthNumber(month);
        var day = dayDigits == 2 ? ((text[0] - '0') * 10) + (text[1] - '0') : text[0] - '0';

        if (yearText.Length == 2)
        {
            year = CultureInfo.InvariantCulture.Calendar.ToFourDigitYear(year);
        }

        if (monthNumber == 0 || year < 1 || day < 1 || day > DateTime.DaysInMonth(year, monthNumber))
        {
            return false;
        }

        date = new DateOnly(year, monthNumber, day);
        return true;
    }

    private static int MonthNumber(ReadOnlySpan<byte> name)
    {
        // Lower-casing ASCII letters by setting bit 5 keeps the comparison to three bytes.
        var key = (name[0] | 0x20) << 16 | (name[1] | 0x20) << 8 | (name[2] | 0x20);
        return key switch
        {
            'j' << 16 | 'a' << 8 | 'n' => 1,
            'f' << 16 | 'e' << 8 | 'b' => 2,
            'm' << 16 | 'a' << 8 | 'r' => 3,
            'a' << 16 | 'p' << 8 | 'r' => 4,
            'm' << 16 | 'a' << 8 | 'y' => 5,
            'j' << 16 | 'u' << 8 | 'n' => 6,
            'j' << 16 | 'u' << 8 | 'l' => 7,
            'a' << 16 | 'u' << 8 | 'g' => 8,
            's' << 16 | 'e' << 8 | 'p' => 9,
            'o' << 16 | 'c' << 8 | 't' => 10,
            'n' << 16 | 'o' << 8 | 'v' => 11,
            'd' << 16 | 'e' << 8 | 'c' => 12,
            _ => 0,
        };
    }

    /// <summary>
    /// The hash of the stable text of a row without a profile URL: its fields, case-folded and Unicode-normalised,
    /// joined by U+001F after "row", with the date in ISO form so that a spreadsheet re-save of the same export gives
    /// the same ids. The text is built in one buffer rather than as a string per field.
    /// </summary>
    private static ulong RowKeyHash(
        string? firstName, string? lastName, string? company, string? position, DateOnly? connectedOn, string? dateText)
    {
        const int StackChars = 256;
        const int IsoDateChars = 10;

        // Upper-casing keeps every field's length; the rare character that composition lengthens grows the buffer.
        var capacity = 3 + 5 + Length(firstName) + Length(lastName) + Length(company) + Length(position)
            + Math.Max(IsoDateChars, Length(dateText));
        char[]? rented = null;
        var buffer = capacity <= StackChars
            ? stackalloc char[StackChars]
            : (rented = ArrayPool<char>.Shared.Rent(capacity));
        try
        {
            var key = new RowKeyWriter(buffer);
            key.Append("row");
            key.Separate();
            key.AppendFolded(firstName);
            key.Separate();
            key.AppendFolded(lastName);
            key.Separate();
            key.AppendFolded(company);
            key.Separate();
            key.AppendFolded(position);
            key.Separate();
            if (connectedOn is { } date)
            {
                key.AppendIsoDate(date);
            }
            else
            {
                key.AppendFolded(dateText);
            }

            return ConnectionId.Hash(key.Written);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }

        static int Length(string? value) => value?.Length ?? 0;
    }

    /// <summary>Writes a row key into a buffer sized for it, case-folding each field on the way in.</summary>
    private ref struct RowKeyWriter(Span<char> buffer)
    {
        private Span<char> _buffer = buffer;
        private int _length;

        public readonly ReadOnlySpan<char> Written => _buffer[.._length];

        public void Separate() => Append("\u001f");

        public void Append(ReadOnlySpan<char> text)
        {
            text.CopyTo(_buffer[_length..]);
            _length += text.Length;
        }

        public void AppendIsoDate(DateOnly date)
        {
            date.TryFormat(_buffer[_length..], out var written, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            _length += written;
        }

        /// <summary>Appends <paramref name="value"/> in Unicode Form C, upper-cased (nothing for null).</summary>
        public void AppendFolded(string? value)
        {
            if (value is null)
            {
                return;
            }

            // ASCII text is already in Form C and upper-cases byte for byte, which is nearly every field.
            if (Ascii.IsValid(value))
            {
                Ascii.ToUpper(value, _buffer[_length..], out var written);
                _length += written;
                return;
            }

            var composed = UnicodeForms.Normalize(value, NormalizationForm.FormC);
            if (composed.Length > _buffer.Length - _length)
            {
                // A few characters decompose under Form C (U+0958 becomes two), so a key can outgrow its estimate.
                var grown = new char[(_buffer.Length * 2) + composed.Length];
                Written.CopyTo(grown);
                _buffer = grown;
            }

            _length += composed.AsSpan().ToUpperInvariant(_buffer[_length..]);
        }
    }

    /// <summary>Column indexes by LinkedIn's header names; -1 for a column the variant does not have.</summary>
    private sealed class Columns
    {
        public Columns(CsvReader reader)
        {
            FirstName = Index(reader, "First Name");
            LastName = Index(reader, "Last Name");
            Url = Index(reader, "URL");
            EmailAddress = Index(reader, "Email Address");
            Company = Index(reader, "Company");
            Position = Index(reader, "Position");
            ConnectedOn = Index(reader, "Connected On");
        }

        public int FirstName { get; }

        public int LastName { get; }

        public int Url { get; }

        public int EmailAddress { get; }

        public int Company { get; }

        public int Position { get; }

        public int ConnectedOn { get; }

        private static int Index(CsvReader reader, string name) =>
            reader.TryGetFieldIndex(name, out var index) ? index : -1;
    }

    /// <summary>Counts quoting problems that the reader recovered from, and notes the one it cannot recover from.</summary>
    private sealed class MalformedCounter
    {
        public int Recovered { get; private set; }

        public bool Unterminated { get; private set; }

        public void Record(CsvMalformedRecord record)
        {
            if (record.Reason == CsvMalformedReason.UnterminatedQuote)
            {
                Unterminated = true;
            }
            else
            {
                Recovered++;
            }
        }
    }
}
