using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using GoodwillFlow.Core.Import;

namespace GoodwillFlow.Cli.Commands;

/// <summary>Writes an import result as the one JSON object that <c>goodwill import --json</c> prints.</summary>
internal static class ImportJson
{
    private static readonly JsonWriterOptions Options = new() { Encoder = MinimalJsonEscaping.Instance };

    /// <summary>Writes <paramref name="result"/> and a final newline to <paramref name="output"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Write(ImportResult result, TextWriter output)
    {
        var buffer = new ArrayBufferWriter<byte>(256 + (result.Connections.Count * 200));
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteNumber("connections", result.Connections.Count);
            json.WriteNumber("duplicates", result.Duplicates);
            json.WriteNumber("skipped", result.Skipped);
            json.WriteString("format", result.Format.ToName());
            json.WriteStartArray("items");
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
                    json.WriteString("connectedOn", connectedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                }
                else
                {
                    json.WriteNull("connectedOn");
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            WriteNotes(json, result);
            json.WriteEndObject();
        }

        output.WriteLine(Encoding.UTF8.GetString(buffer.WrittenSpan));
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
