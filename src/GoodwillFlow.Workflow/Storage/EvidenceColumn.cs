using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Azure.Data.Tables;
using GoodwillFlow.Core.Evidence;

namespace GoodwillFlow.Workflow.Storage;

/// <summary>
/// Keeps a connection's archive evidence as one compact JSON property on its row. A connection with no evidence has no
/// such property (an upload that removes its evidence writes an empty string). Everything kept is bounded, so a row stays
/// a few kilobytes at most, far under Table storage's 64 KiB property limit, whatever the archive held.
/// </summary>
internal static class EvidenceColumn
{
    /// <summary>The property's name on a connection row.</summary>
    public const string Name = "Evidence";

    /// <summary>The longest recommendation excerpt or invitation note kept, in characters.</summary>
    public const int MaxQuote = 200;

    /// <summary>The most recommendations kept per connection (a handful either way is the most anyone has).</summary>
    public const int MaxRecommendations = 4;

    /// <summary>The most endorsed skills kept per connection.</summary>
    public const int MaxSkills = 20;

    /// <summary>The longest skill name kept.</summary>
    public const int MaxSkillLength = 80;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Returns the stored form of <paramref name="evidence"/>: null when there is nothing to keep.</summary>
    public static string? Serialize(ConnectionEvidence? evidence) =>
        evidence is null || evidence.IsEmpty ? null : JsonSerializer.Serialize(Bounded(evidence), Json);

    /// <summary>Writes <paramref name="evidence"/> onto a connection entity; nothing when there is none.</summary>
    public static void Write(TableEntity entity, ConnectionEvidence? evidence)
    {
        if (Serialize(evidence) is { } json)
        {
            entity[Name] = json;
        }
    }

    /// <summary>Reads the evidence of a connection entity; null when it has none, or when what is stored cannot be read.</summary>
    public static ConnectionEvidence? Read(TableEntity entity) => Parse(entity.GetString(Name));

    /// <summary>Parses the stored form; null for none (an absent or empty property) and for text that is not evidence.</summary>
    public static ConnectionEvidence? Parse(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            // Evidence is a hint for the owner, never required: a row that cannot be read shows none rather than failing a send.
            return JsonSerializer.Deserialize<ConnectionEvidence>(json, Json) is { } evidence
                ? evidence with { Recommendations = evidence.Recommendations ?? [] }
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static ConnectionEvidence Bounded(ConnectionEvidence evidence) => evidence with
    {
        Recommendations = [.. (evidence.Recommendations ?? []).Take(MaxRecommendations).Select(r => r with { Excerpt = Cut(r.Excerpt) ?? "" })],
        Endorsements = evidence.Endorsements is { } e
            ? e with { Skills = [.. (e.Skills ?? []).Take(MaxSkills).Select(s => Cut(s, MaxSkillLength) ?? "")] }
            : null,
        Invitation = evidence.Invitation is { } i ? i with { Note = Cut(i.Note) } : null,
    };

    private static string? Cut(string? text, int max = MaxQuote)
    {
        if (text is null || text.Length <= max)
        {
            return text;
        }

        var cut = char.IsHighSurrogate(text[max - 1]) ? max - 1 : max;
        return text[..cut];
    }
}
