using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace GoodwillFlow.Benchmarks;

/// <summary>
/// Writes a deterministic LinkedIn data download (ZIP): the generated Connections.csv, a messages.csv of the owner's
/// conversations with some of those people (one in twenty a group of three, contents of a realistic length with
/// commas, quotes and line breaks), and small recommendation, endorsement and invitation files.
/// </summary>
public static class ArchiveExportGenerator
{
    private const string OwnerUrl = "https://www.linkedin.com/in/olive-owner";

    private static readonly string[] Sentences =
    [
        "Great to hear from you, it has been a while!",
        "Are you free for a coffee next week? I'd love to catch up about the \"platform\" work.",
        "Thanks for the introduction, we had a good call.",
        "Congratulations on the new role, well deserved.\nLet me know how the first weeks go.",
        "I saw the opening at your company, would you have twenty minutes to tell me about the team?",
        "Sure, happy to help. Send me your CV, and I will pass it on.",
    ];

    /// <summary>Writes the archive to <paramref name="path"/>: <paramref name="connections"/> people, <paramref name="messages"/> messages.</summary>
    public static void Write(string path, int connections, int messages, int seed = 20240214)
    {
        var connectionsCsv = Path.GetTempFileName();
        try
        {
            ConnectionsExportGenerator.Write(connectionsCsv, connections, seed);
            var urls = File.ReadLines(connectionsCsv).Skip(4)
                .Select(line => line.Split(',')).Select(f => (Name: $"{f[0]} {f[1]}", Url: f[2])).ToList();

            using var zip = new ZipArchive(File.Create(path), ZipArchiveMode.Create);
            zip.CreateEntryFromFile(connectionsCsv, "Connections.csv", CompressionLevel.Optimal);
            Add(zip, "messages.csv", Messages(urls, messages, new Random(seed)));
            Add(zip, "Recommendations_Received.csv", "First Name,Last Name,Company,Job Title,Text,Creation Date,Status\r\n" + string.Concat(
                urls.Take(20).Select(p => $"{p.Name.Split(' ')[0]},{p.Name.Split(' ')[1]},Contoso,Engineer,\"{Sentences[0]} {Sentences[2]}\",\"01/19/21, 12:10 AM\",VISIBLE\r\n")));
            Add(zip, "Endorsement_Received_Info.csv", "Endorsement Date,Skill Name,Endorser First Name,Endorser Last Name,Endorser Public Url,Endorsement Status\r\n" + string.Concat(
                urls.Take(200).Select((p, i) => $"2024/10/24 14:11:21 UTC,{(i % 2 == 0 ? "Kubernetes" : "C#")},{p.Name.Split(' ')[0]},{p.Name.Split(' ')[1]},{p.Url.Replace("https://", "", StringComparison.Ordinal)},ACCEPTED\r\n")));
            Add(zip, "Invitations.csv", "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\r\n" + string.Concat(
                urls.Take(500).Select((p, i) => i % 2 == 0
                    ? $"Olive Owner,{p.Name},\"9/27/25, 8:41 AM\",\"{Sentences[4]}\",OUTGOING,{OwnerUrl},{p.Url}\r\n"
                    : $"{p.Name},Olive Owner,\"9/27/25, 8:41 AM\",,INCOMING,{p.Url},{OwnerUrl}\r\n")));
        }
        finally
        {
            File.Delete(connectionsCsv);
        }
    }

    private static string Messages(List<(string Name, string Url)> people, int count, Random random)
    {
        var text = new StringBuilder("CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER,ATTACHMENTS\r\n", count * 260);
        var start = new DateTime(2015, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var conversations = Math.Max(1, count / 40);
        for (var i = 0; i < count; i++)
        {
            var conversation = random.Next(conversations);
            var person = people[conversation * 7 % people.Count];
            var group = conversation % 20 == 0 ? people[(conversation * 7 + 1) % people.Count] : default;
            var fromOwner = random.Next(2) == 0;
            var date = start.AddMinutes(random.Next(10 * 365 * 24 * 60)).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
            var content = Sentences[random.Next(Sentences.Length)] + " " + Sentences[random.Next(Sentences.Length)];
            var (from, fromUrl) = fromOwner ? ("Olive Owner", OwnerUrl) : person;
            var (to, toUrls) = fromOwner ? (person.Name, person.Url) : ("Olive Owner", OwnerUrl);
            if (group.Url is not null)
            {
                to += ", " + group.Name;
                toUrls += ";" + group.Url;
            }

            text.Append(CultureInfo.InvariantCulture, $"2-conv{conversation:x6},,{from},{fromUrl},\"{to}\",{toUrls},{date} UTC,,\"{content.Replace("\"", "\"\"", StringComparison.Ordinal)}\",INBOX,\r\n");
        }

        return text.ToString();
    }

    private static void Add(ZipArchive zip, string name, string text)
    {
        using var stream = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
        stream.Write(Encoding.UTF8.GetBytes(text));
    }
}
