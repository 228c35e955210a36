using System.Globalization;
using System.Text.Json;
using GoodwillFlow.Core.Evidence;
using GoodwillFlow.Core.Import;

namespace GoodwillFlow.Cli.Commands;

/// <summary>
/// The fields <c>goodwill import ARCHIVE --json</c> adds for a LinkedIn data download: <c>filesRead</c> and
/// <c>evidence</c>, one entry per connection the archive says something about. Nothing is added for a bare
/// Connections.csv.
/// </summary>
internal static class ImportEvidenceJson
{
    /// <summary>Writes the archive's fields into the open object of <paramref name="json"/>.</summary>
    public static void Write(Utf8JsonWriter json, ImportResult result)
    {
        if (result.Evidence is not { } evidence)
        {
            return;
        }

        json.WriteStartArray("filesRead");
        foreach (var file in result.FilesRead ?? [])
        {
            json.WriteStringValue(file);
        }

        json.WriteEndArray();
        json.WriteStartArray("evidence");
        foreach (var connection in result.Connections)
        {
            if (evidence.TryGetValue(connection.Id, out var said))
            {
                json.WriteStartObject();
                json.WriteString("id", connection.Id);
                json.WriteString("name", connection.DisplayName);
                json.WriteString("url", connection.Url);
                WriteConnectionEvidence(json, said);
                json.WriteEndObject();
            }
        }

        json.WriteEndArray();
    }

    private static void WriteConnectionEvidence(Utf8JsonWriter json, ConnectionEvidence evidence)
    {
        if (evidence.Messages is { } messages)
        {
            json.WriteStartObject("messages");
            json.WriteNumber("total", messages.Total);
            json.WriteNumber("fromOwner", messages.FromOwner);
            json.WriteNumber("toOwner", messages.ToOwner);
            json.WriteString("first", Date(messages.First));
            json.WriteString("last", Date(messages.Last));
            json.WriteBoolean("theyWroteLast", messages.TheyWroteLast);
            json.WriteNumber("groupConversations", messages.GroupConversations);
            json.WriteString("match", Match(messages.Match));
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("messages");
        }

        json.WriteStartArray("recommendations");
        foreach (var recommendation in evidence.Recommendations)
        {
            json.WriteStartObject();
            json.WriteString("direction", Direction(recommendation.Direction));
            json.WriteString("date", Date(recommendation.Date));
            json.WriteString("excerpt", recommendation.Excerpt);
            json.WriteString("match", Match(recommendation.Match));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        if (evidence.Endorsements is { } endorsements)
        {
            json.WriteStartObject("endorsements");
            json.WriteStartArray("skills");
            foreach (var skill in endorsements.Skills)
            {
                json.WriteStringValue(skill);
            }

            json.WriteEndArray();
            json.WriteString("last", Date(endorsements.Last));
            json.WriteString("match", Match(endorsements.Match));
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("endorsements");
        }

        if (evidence.Invitation is { } invitation)
        {
            json.WriteStartObject("invitation");
            json.WriteString("direction", Direction(invitation.Direction));
            json.WriteString("sentOn", Date(invitation.SentOn));
            json.WriteString("note", invitation.Note);
            json.WriteString("match", Match(invitation.Match));
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("invitation");
        }
    }

    private static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Match(EvidenceMatch match) => match == EvidenceMatch.ProfileUrl ? "profileUrl" : "nameOnly";

    private static string Direction(EvidenceDirection direction) => direction == EvidenceDirection.FromOwner ? "fromOwner" : "toOwner";
}
