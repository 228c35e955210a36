using System.Globalization;
using System.Text;
using CsvHelper;
using GoodwillFlow.Core.Connections;

namespace GoodwillFlow.Core.Import;

/// <summary>Reads every known variant of LinkedIn's Connections.csv into <see cref="ImportResult"/>.</summary>
public static class LinkedInConnectionsImporter
{
    private const int MaxDateChars = 64;

    // "14 Feb 2024" as exported; "14-Feb-24" after a spreadsheet re-save; ISO from tools that rewrite dates.
    private static readonly string[] DateFormats =
        ["d MMM yyyy", "d-MMM-yy", "d-MMM-yyyy", "d MMM yy", "d MMMM yyyy", "yyyy-MM-dd"];

    /// <summary>
    /// Imports an export from a stream (read to the end, not disposed).
    /// </summary>
    /// <exception cref="ImportRejectedException">The file is not a usable connections export.</exception>
    public static ImportResult Import(Stream export, LinkedInImportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(export);
        options ??= new LinkedInImportOptions();

        var warnings = new List<string>();
        var text = ExportText.Read(export, options.MaxFileBytes, warnings);
        var header = HeaderLocator.Locate(text.Span);
        var format = header.HasUrlColumn ? ExportFormat.Current
            : header.HasPreamble ? ExportFormat.NoUrl2021
            : ExportFormat.Legacy2020;

        try
        {
            return ReadRows(text[header.Offset..], header.Separator, format, options, warnings);
        }
        catch (CsvFormatException ex)
        {
            throw Rejections.Malformed(ex);
        }
    }

    private static ImportResult ReadRows(
        ReadOnlyMemory<byte> rows, char separator, ExportFormat format, LinkedInImportOptions options, List<string> warnings)
    {
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

        var connections = new List<Connection>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var duplicates = 0;
        var skipped = 0;
        var unreadableDates = 0;

        while (reader.Read())
        {
            if (reader.RawRecord.Length > options.MaxRecordBytes)
            {
                throw Rejections.RecordTooLarge(options.MaxRecordBytes);
            }

            var firstName = Field(reader, columns.FirstName);
            var lastName = Field(reader, columns.LastName);
            var url = Field(reader, columns.Url);
            if (firstName is null && lastName is null && url is null)
            {
                skipped++;
                continue;
            }

            var email = Field(reader, columns.EmailAddress);
            var company = Field(reader, columns.Company);
            var position = Field(reader, columns.Position);
            var connectedOn = ReadDate(reader, columns.ConnectedOn, out var dateText);
            if (connectedOn is null && dateText is not null)
            {
                unreadableDates++;
            }

            var id = url is not null
                ? ConnectionId.FromText(ProfileUrl.Normalise(url))
                : ConnectionId.FromText(RowKey(firstName, lastName, company, position, connectedOn, dateText));
            if (!seen.Add(id))
            {
                duplicates++;
                continue;
            }

            connections.Add(new Connection(
                id, firstName ?? string.Empty, lastName ?? string.Empty, url, email, company, position, connectedOn));
        }

        if (malformed.Unterminated)
        {
            throw Rejections.Malformed();
        }

        if (connections.Count == 0)
        {
            throw Rejections.NoRows();
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

        return new ImportResult(format, connections, duplicates, skipped, warnings);
    }

    private static string Rows(int count) => count == 1 ? "1 row" : $"{count} rows";

    /// <summary>The field as exported, trimmed of surrounding whitespace only; null when absent or empty.</summary>
    private static string? Field(CsvReader reader, int index)
    {
        if (index < 0)
        {
            return null;
        }

        var span = reader.GetSpan(index).Trim(" \t\r\n"u8);
        if (span.IsEmpty)
        {
            return null;
        }

        var value = Encoding.UTF8.GetString(span);

        // Non-ASCII whitespace (a no-break space from a re-save) is several bytes, so it is trimmed here.
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

        var span = reader.GetSpan(index).Trim(" \t\r\n"u8);
        if (span.IsEmpty)
        {
            return null;
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
    /// The stable text of a row without a profile URL: its fields, case-folded and Unicode-normalised, with the date
    /// in ISO form so that a spreadsheet re-save of the same export gives the same ids.
    /// </summary>
    private static string RowKey(
        string? firstName, string? lastName, string? company, string? position, DateOnly? connectedOn, string? dateText) =>
        string.Join(
            '\u001f',
            "row",
            Fold(firstName),
            Fold(lastName),
            Fold(company),
            Fold(position),
            connectedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? Fold(dateText));

    private static string Fold(string? value) =>
        value is null ? string.Empty : value.Normalize(NormalizationForm.FormC).ToUpperInvariant();

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
