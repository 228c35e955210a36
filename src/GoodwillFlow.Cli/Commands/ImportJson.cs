using System.Globalization;
using System.Text;
using System.Text.Json;
using GoodwillFlow.Core.Import;

namespace GoodwillFlow.Cli.Commands;

/// <summary>Writes an import result as the one JSON object that <c>goodwill import --json</c> prints.</summary>
internal static class ImportJson
{
    // Utf8JsonWriter holds what it has written until flushed: hand it to the stream in chunks of about this size,
    // so a 30,000-row document costs a few hundred writes and never sits whole in memory.
    private const int FlushThreshold = 64 * 1024;

    private static readonly JsonWriterOptions Options = new() { Encoder = MinimalJsonEscaping.Instance };

    private static readonly byte[] NewLine = Encoding.UTF8.GetBytes(Environment.NewLine);

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
            Span<char> date = stackalloc char[10];
            foreach (var connection in result.Connections)
            {
                json.WriteStartObject();
                json.WriteString("firstName", connection.FirstName);
                json.WriteString("lastName", connection.LastName);
                json.WriteString("url", connection.Url);
                json.WriteString("emailAddress", connection.EmailAddress);
                json.WriteString("company", connection.Company);
                json.WriteString("position", connection.Position);
                if (connection.ConnectedOn is { } connectedOn)
                {
                    // yyyy-MM-dd of a DateOnly always fits in ten characters.
                    connectedOn.TryFormat(date, out var written, "yyyy-MM-dd", CultureInfo.InvariantCulture);
                    json.WriteString("connectedOn", date[..written]);
                }
                else
                {
                    json.WriteNull("connectedOn");
                }

                json.WriteEndObject();
                if (json.BytesPending >= FlushThreshold)
                {
                    json.Flush();
                }
            }

            json.WriteEndArray();
            WriteNotes(json, result);
            ImportEvidenceJson.Write(json, result);
            json.WriteEndObject();
        }

        output.Write(NewLine);
        output.Flush();
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
