using System.Text.Encodings.Web;
using System.Text.Json;

namespace GoodwillFlow.Core.Shortlists;

/// <summary>
/// The shortlist as indented camelCase JSON. Relaxed escaping keeps names readable; it is safe because this is only
/// ever served as application/json, and the HTML renderer never embeds it.
/// </summary>
internal static class ShortlistJson
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static byte[] Render(Shortlist shortlist)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, Options))
        {
            json.WriteStartObject();
            json.WriteString("campaignId", shortlist.CampaignId);
            json.WriteString("compiledAt", shortlist.CompiledAt);
            json.WriteNumber("repliesConsidered", shortlist.RepliesConsidered);
            json.WriteNumber("leftOut", shortlist.LeftOut);
            json.WriteStartArray("entries");
            foreach (var entry in shortlist.Entries)
            {
                var c = entry.Connection;
                json.WriteStartObject();
                json.WriteNumber("rank", entry.Rank);
                json.WriteString("id", c.Id);
                json.WriteString("name", c.DisplayName);
                json.WriteString("firstName", c.FirstName);
                json.WriteString("lastName", c.LastName);
                json.WriteString("company", c.Company);
                json.WriteString("position", c.Position);
                json.WriteString("url", c.Url);
                json.WriteNumber("score", entry.Score);
                json.WriteStartArray("reasons");
                foreach (var reason in entry.Reasons)
                {
                    json.WriteStringValue(reason);
                }

                json.WriteEndArray();
                json.WriteString("opener", entry.Opener);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return stream.ToArray();
    }
}
