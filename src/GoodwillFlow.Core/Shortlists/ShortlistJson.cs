using System.Text.Encodings.Web;
using System.Text.Json;
using GoodwillFlow.Core.Connections;

namespace GoodwillFlow.Core.Shortlists;

/// <summary>
/// The shortlist as indented camelCase JSON: the same fields as the CSV columns, arrays where there are several
/// (ways to help, reasons), plus the legacy paragraph and the pay-it-forward section. Relaxed escaping keeps names
/// readable; it is safe because this is only ever served as application/json, and the HTML renderer never embeds it.
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
            json.WriteNumber("weakTies", shortlist.WeakTies);
            json.WriteString("legacy", shortlist.Legacy.Paragraph);
            json.WriteStartArray("entries");
            foreach (var entry in shortlist.Entries)
            {
                var a = entry.Answers;
                json.WriteStartObject();
                json.WriteString("tier", ShortlistTiers.Title(entry.Tier));
                json.WriteNumber("rank", entry.Rank);
                WritePerson(json, entry.Connection);
                json.WriteString("relationship", ShortlistCsv.RelationshipWord(a.Relationship));
                json.WriteString("sharedMemory", OwnerWords.Quote(a.SharedProject, int.MaxValue));
                json.WriteString("howYouKnowEachOther", OwnerWords.Quote(a.HowWeKnow, int.MaxValue));
                json.WriteStartArray("couldHelp");
                foreach (var way in ShortlistCsv.HelpList(a.CouldHelp))
                {
                    json.WriteStringValue(way);
                }

                json.WriteEndArray();
                json.WriteString("youCouldOffer", OwnerWords.Quote(a.CanOffer, int.MaxValue));
                json.WriteString("opener", entry.Opener);
                json.WriteString("ask", entry.Ask);
                json.WriteNumber("score", entry.Score);
                json.WriteStartArray("reasons");
                foreach (var reason in entry.Reasons)
                {
                    json.WriteStringValue(reason);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("payItForward");
            var rank = 0;
            foreach (var entry in shortlist.PayItForward)
            {
                json.WriteStartObject();
                json.WriteNumber("rank", ++rank);
                WritePerson(json, entry.Connection);
                json.WriteString("relationship", ShortlistCsv.RelationshipWord(entry.Relationship));
                json.WriteString("youCouldOffer", entry.Offer);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return stream.ToArray();
    }

    private static void WritePerson(Utf8JsonWriter json, Connection c)
    {
        json.WriteString("id", c.Id);
        json.WriteString("name", c.DisplayName);
        json.WriteString("firstName", c.FirstName);
        json.WriteString("lastName", c.LastName);
        json.WriteString("company", c.Company);
        json.WriteString("position", c.Position);
        json.WriteString("url", c.Url);
    }
}
