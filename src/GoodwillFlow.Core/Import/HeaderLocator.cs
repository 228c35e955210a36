using System.Text;

namespace GoodwillFlow.Core.Import;

/// <summary>Where the connections header row is, and what it says about the export.</summary>
/// <param name="Offset">Byte offset of the header row in the UTF-8 text.</param>
/// <param name="Separator">The field separator the header row uses.</param>
/// <param name="HasPreamble">Whether non-blank lines (LinkedIn's <c>Notes:</c>) come before the header.</param>
/// <param name="HasUrlColumn">Whether the header has a URL column.</param>
internal sealed record HeaderLocation(int Offset, char Separator, bool HasPreamble, bool HasUrlColumn);

/// <summary>
/// Finds the header row among the first lines of an export. LinkedIn puts a preamble of <c>Notes:</c> lines above it
/// (and a spreadsheet re-save pads those with separators), so the header is neither always line 1 nor always line 4.
/// </summary>
internal static class HeaderLocator
{
    /// <summary>How many lines from the top are searched; LinkedIn's preamble is three.</summary>
    public const int MaxLines = 30;

    private const int MaxHeaderLineBytes = 4096;

    private static readonly char[] Separators = [',', ';', '\t', '|'];

    /// <summary>Other LinkedIn exports, recognised by columns that a connections export never has.</summary>
    private static readonly (string FileName, string[] Columns)[] OtherExports =
    [
        ("messages.csv", ["conversation id"]),
        ("Invitations.csv", ["sent at", "direction"]),
        ("Invitations.csv", ["inviterprofileurl"]),
        ("Profile.csv", ["first name", "last name", "headline"]),
        ("Positions.csv", ["company name", "title", "started on"]),
        ("Education.csv", ["school name"]),
        ("Recommendations.csv", ["first name", "last name", "job title", "text"]),
        ("Endorsements.csv", ["endorsement date"]),
        ("Email Addresses.csv", ["email address", "confirmed", "primary"]),
        ("PhoneNumbers.csv", ["extension", "number", "type"]),
        ("Company Follows.csv", ["organization", "followed on"]),
        ("Shares.csv", ["sharelink"]),
        ("Comments.csv", ["date", "link", "message"]),
        ("Reactions.csv", ["date", "type", "link"]),
        ("SearchQueries.csv", ["search query"]),
        ("ImportedContacts.csv", ["first name", "last name", "companies"]),
        ("Learning.csv", ["content title", "content type"]),
        ("Job Applications.csv", ["application date", "job title"]),
    ];

    /// <summary>
    /// True when <paramref name="row"/> has more than separators, quotes and blanks. A loop rather than
    /// <c>IndexOfAnyExcept(" \t,;|\""u8)</c>, which has no ReadyToRun code for bytes outside the framework.
    /// </summary>
    private static bool HasCells(ReadOnlySpan<byte> row)
    {
        foreach (var b in row)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)',' or (byte)';' or (byte)'|' or (byte)'"'))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Finds the connections header, or rejects the file saying what it is instead.</summary>
    /// <exception cref="ImportRejectedException">No connections header in the first lines.</exception>
    public static HeaderLocation Locate(ReadOnlySpan<byte> text)
    {
        var position = 0;
        var hasPreamble = false;
        var firstLongLine = 0;
        for (var line = 0; line < MaxLines && position < text.Length; line++)
        {
            var rest = text[position..];
            var end = rest.IndexOf((byte)'\n');
            var row = end < 0 ? rest : rest[..end];
            if (row is [.., (byte)'\r'])
            {
                row = row[..^1];
            }

            if (row.Length > MaxHeaderLineBytes)
            {
                if (LooksLikeConnectionsHeader(row))
                {
                    throw Rejections.HeaderTooLong(line + 1, MaxHeaderLineBytes);
                }

                firstLongLine = firstLongLine == 0 ? line + 1 : firstLongLine;
            }
            else if (HasCells(row))
            {
                var found = Classify(row, position, hasPreamble);
                if (found is not null)
                {
                    return found;
                }

                hasPreamble = true;
            }

            position = end < 0 ? text.Length : position + end + 1;
        }

        throw firstLongLine > 0 ? Rejections.LineTooLongForHeader(firstLongLine, MaxHeaderLineBytes) : Rejections.NoHeader();
    }

    /// <summary>Whether an over-long line still names the connections columns (a header padded with extra columns).</summary>
    private static bool LooksLikeConnectionsHeader(ReadOnlySpan<byte> row)
    {
        var start = Encoding.UTF8.GetString(row[..MaxHeaderLineBytes]);
        return start.Contains("first name", StringComparison.OrdinalIgnoreCase) && start.Contains("last name", StringComparison.OrdinalIgnoreCase);
    }

    private static HeaderLocation? Classify(ReadOnlySpan<byte> row, int offset, bool hasPreamble)
    {
        var line = Encoding.UTF8.GetString(row);
        foreach (var separator in Separators)
        {
            if (!line.Contains(separator, StringComparison.Ordinal))
            {
                continue;
            }

            var cells = Cells(line, separator);
            if (cells.Contains("first name") && cells.Contains("last name")
                && (cells.Contains("connected on") || (cells.Contains("company") && cells.Contains("position"))))
            {
                return new HeaderLocation(offset, separator, hasPreamble, cells.Contains("url"));
            }

            foreach (var (fileName, columns) in OtherExports)
            {
                if (columns.All(cells.Contains))
                {
                    throw Rejections.OtherExport(fileName);
                }
            }
        }

        return null;
    }

    /// <summary>The header cells, unquoted, trimmed and lower-cased, for matching column names.</summary>
    private static HashSet<string> Cells(string line, char separator)
    {
        var cells = new HashSet<string>(StringComparer.Ordinal);
        var inQuotes = false;
        var start = 0;
        for (var i = 0; i <= line.Length; i++)
        {
            if (i < line.Length && line[i] == '"')
            {
                inQuotes = !inQuotes;
            }
            else if (i == line.Length || (line[i] == separator && !inQuotes))
            {
                var cell = line[start..i].Trim().Trim('"').Trim();
                cells.Add(cell.ToLowerInvariant());
                start = i + 1;
            }
        }

        return cells;
    }
}
