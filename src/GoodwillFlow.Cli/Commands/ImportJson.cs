using System.Text;
using System.Text.Json;
using GoodwillFlow.Core.Connections;
using GoodwillFlow.Core.Import;

namespace GoodwillFlow.Cli.Commands;

/// <summary>Writes an import result as the one JSON object that <c>goodwill import --json</c> prints.</summary>
internal static class ImportJson
{
    // Utf8JsonWriter holds what it has written until flushed: hand it to the stream in chunks of about this size,
    // so a 30,000-row document costs a few hundred writes and never sits whole in memory.
    private const int FlushThreshold = 64 * 1024;

    // The document's shape is fixed by this class, and its tests check it is valid JSON: the writer need not check
    // the order of every one of the 200,000 values it is given.
    private static readonly JsonWriterOptions Options = new() { Encoder = MinimalJsonEscaping.Instance, SkipValidation = true };

    private static readonly byte[] NewLine = Encoding.UTF8.GetBytes(Environment.NewLine);

    // Every row repeats the same seven names: escaped and encoded to UTF-8 once rather than on every write.
    private static readonly JsonEncodedText FirstName = JsonEncodedText.Encode("firstName", MinimalJsonEscaping.Instance);
    private static readonly JsonEncodedText LastName = JsonEncodedText.Encode("lastName", MinimalJsonEscaping.Instance);
    private static readonly JsonEncodedText Url = JsonEncodedText.Encode("url", MinimalJsonEscaping.Instance);
    private static readonly JsonEncodedText EmailAddress = JsonEncodedText.Encode("emailAddress", MinimalJsonEscaping.Instance);
    private static readonly JsonEncodedText Company = JsonEncodedText.Encode("company", MinimalJsonEscaping.Instance);
    private static readonly JsonEncodedText Position = JsonEncodedText.Encode("position", MinimalJsonEscaping.Instance);
    private static readonly JsonEncodedText ConnectedOn = JsonEncodedText.Encode("connectedOn", MinimalJsonEscaping.Instance);

    /// <summary>Writes <paramref name="result"/> and a final newline to <paramref name="output"/>.</summary>
    public static void Write(ImportResult result, TextWriter output)
    {
        if (ReferenceEquals(output, Console.Out))
        {
            // Console.Out encodes and writes every 256 characters (22,000 writes for 30,000 rows): write the
            // UTF-8 straight to stdout instead. Console.Out flushes after each call, so nothing is reordered.
            using var stdout = Console.OpenStandardOutput();
            Write(result, stdout);
            return;
        }

        using var buffer = new MemoryStream(256 + (result.Connections.Count * 200));
        Write(result, buffer);
        output.Write(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
    }

    /// <summary>Writes <paramref name="result"/> and a final newline to <paramref name="output"/> as UTF-8.</summary>
    public static void Write(ImportResult result, Stream output)
    {
        using (var json = new Utf8JsonWriter(output, Options))
        {
            json.WriteStartObject();
            json.WriteNumber("connections", result.Connections.Count);
            json.WriteNumber("duplicates", result.Duplicates);
            json.WriteNumber("skipped", result.Skipped);
            json.WriteString("format", result.Format.ToName());
            json.WriteStartArray("items");
            if (result.Connections is ImportedConnections imported)
            {
                WriteItems(json, imported);
            }
            else
            {
                WriteItems(json, result.Connections);
            }

            json.WriteEndArray();
            WriteNotes(json, result);
            ImportEvidenceJson.Write(json, result);
            json.WriteEndObject();
        }

        output.Write(NewLine);
        output.Flush();
    }

    /// <summary>Writes each connection from the export's UTF-8 as it lies in memory: no string is made for a preview.</summary>
    private static void WriteItems(Utf8JsonWriter json, ImportedConnections connections)
    {
        Span<byte> date = stackalloc byte[10];
        for (var i = 0; i < connections.Count; i++)
        {
            json.WriteStartObject();
            WriteName(json, FirstName, connections, i, ImportedConnections.Field.FirstName);
            WriteName(json, LastName, connections, i, ImportedConnections.Field.LastName);
            WriteValue(json, Url, connections, i, ImportedConnections.Field.Url);
            WriteValue(json, EmailAddress, connections, i, ImportedConnections.Field.EmailAddress);
            WriteValue(json, Company, connections, i, ImportedConnections.Field.Company);
            WriteValue(json, Position, connections, i, ImportedConnections.Field.Position);
            WriteDate(json, connections.ConnectedOn(i), date);
            json.WriteEndObject();
            FlushWhenFull(json);
        }

        // A name the export lacks is an empty string (Connection.FirstName), any other field null.
        static void WriteName(
            Utf8JsonWriter json, JsonEncodedText name, ImportedConnections connections, int index, ImportedConnections.Field field)
        {
            connections.TryGetUtf8(index, field, out var utf8);
            json.WriteString(name, utf8);
        }

        static void WriteValue(
            Utf8JsonWriter json, JsonEncodedText name, ImportedConnections connections, int index, ImportedConnections.Field field)
        {
            if (connections.TryGetUtf8(index, field, out var utf8))
            {
                json.WriteString(name, utf8);
            }
            else
            {
                json.WriteNull(name);
            }
        }
    }

    private static void WriteItems(Utf8JsonWriter json, IReadOnlyList<Connection> connections)
    {
        Span<byte> date = stackalloc byte[10];
        foreach (var connection in connections)
        {
            json.WriteStartObject();
            json.WriteString(FirstName, connection.FirstName);
            json.WriteString(LastName, connection.LastName);
            json.WriteString(Url, connection.Url);
            json.WriteString(EmailAddress, connection.EmailAddress);
            json.WriteString(Company, connection.Company);
            json.WriteString(Position, connection.Position);
            WriteDate(json, connection.ConnectedOn, date);
            json.WriteEndObject();
            FlushWhenFull(json);
        }
    }

    private static void WriteDate(Utf8JsonWriter json, DateOnly? connectedOn, Span<byte> buffer)
    {
        if (connectedOn is { } date)
        {
            json.WriteString(ConnectedOn, IsoDate(date, buffer));
        }
        else
        {
            json.WriteNull(ConnectedOn);
        }
    }

    private static void FlushWhenFull(Utf8JsonWriter json)
    {
        if (json.BytesPending >= FlushThreshold)
        {
            json.Flush();
        }
    }

    /// <summary>
    /// <paramref name="date"/> as yyyy-MM-dd in ASCII (what <c>TryFormat(..., "yyyy-MM-dd", InvariantCulture)</c>
    /// writes for years 1 to 9999), digit by digit: the framework's custom date formatting has no ReadyToRun code for
    /// this use and was compiled at every start of <c>goodwill import</c>.
    /// </summary>
    private static ReadOnlySpan<byte> IsoDate(DateOnly date, Span<byte> buffer)
    {
        Digits(buffer[..4], date.Year);
        buffer[4] = (byte)'-';
        Digits(buffer.Slice(5, 2), date.Month);
        buffer[7] = (byte)'-';
        Digits(buffer.Slice(8, 2), date.Day);
        return buffer[..10];

        static void Digits(Span<byte> destination, int value)
        {
            for (var i = destination.Length - 1; i >= 0; i--)
            {
                destination[i] = (byte)('0' + (value % 10));
                value /= 10;
            }
        }
    }

    /// <summary>
    /// The repeated header rows skipped and every warning (a Windows-1252 fallback, unreadable dates), so a script
    /// sees what the dry-run text shows.
    /// </summary>
    private static void WriteNotes(Utf8JsonWriter json, ImportResult result)
    {
        json.WriteNumber("repeatedHeaders", result.RepeatedHeaders);
        json.WriteStartArray("warnings");
        foreach (var warning in result.Warnings)
        {
            json.WriteStringValue(warning);
        }

        json.WriteEndArray();
    }
}
