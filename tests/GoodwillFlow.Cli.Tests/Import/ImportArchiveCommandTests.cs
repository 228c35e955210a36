using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace GoodwillFlow.Cli.Tests.Import;

public class ImportArchiveCommandTests
{
    private const string OwnerUrl = "https://www.linkedin.com/in/olive-owner";

    private const string Connections =
        "Notes:\n\"When exporting your connection data, you may notice that some of the email addresses are missing.\"\n\n" +
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n" +
        "Ada,Lovelace,https://www.linkedin.com/in/ada-lovelace,,Analytical Engines,Programmer,14 Feb 2019\n" +
        "Grace,Hopper,https://www.linkedin.com/in/grace-hopper,,Navy,Rear Admiral,1 Mar 2018\n";

    private static readonly string Messages =
        "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER\n" +
        $"c1,,Olive Owner,{OwnerUrl},Ada Lovelace,https://www.linkedin.com/in/ada-lovelace,2023-01-05 15:33:58 UTC,Lunch?,PRIVATE-WORDS-1,INBOX\n" +
        $"c1,,Ada Lovelace,https://www.linkedin.com/in/ada-lovelace,Olive Owner,{OwnerUrl},2023-03-10 09:00:00 UTC,,PRIVATE-WORDS-2,INBOX\n";

    private const string Received =
        "First Name,Last Name,Company,Job Title,Text,Creation Date,Status\n" +
        "Grace,Hopper,Navy,Rear Admiral,\"Olive ships carefully and explains clearly.\",\"01/19/21, 12:10 AM\",VISIBLE\n";

    [Fact]
    public async Task Json_for_an_archive_adds_the_files_read_and_the_evidence_per_connection()
    {
        using var file = new TempFile(Zip(("Connections.csv", Connections), ("messages.csv", Messages), ("Recommendations_Received.csv", Received)), "Basic_LinkedInDataExport.zip");

        var run = await CliRun.RunAsync("import", file.Path, "--dry-run", "--json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(string.Empty, run.Error);
        using var json = JsonDocument.Parse(run.Output);
        var root = json.RootElement;
        Assert.Equal(
            ["connections", "duplicates", "skipped", "format", "items", "repeatedHeaders", "warnings", "filesRead", "evidence"],
            root.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal(["Connections.csv", "messages.csv", "Recommendations_Received.csv"], root.GetProperty("filesRead").EnumerateArray().Select(f => f.GetString()!).ToArray());

        var evidence = root.GetProperty("evidence").EnumerateArray().ToList();
        Assert.Equal(["Ada Lovelace", "Grace Hopper"], evidence.Select(e => e.GetProperty("name").GetString()!).ToArray());
        var messages = evidence[0].GetProperty("messages");
        Assert.Equal(2, messages.GetProperty("total").GetInt32());
        Assert.Equal("2023-03-10", messages.GetProperty("last").GetString());
        Assert.True(messages.GetProperty("theyWroteLast").GetBoolean());
        Assert.Equal("profileUrl", messages.GetProperty("match").GetString());
        var recommendation = Assert.Single(evidence[1].GetProperty("recommendations").EnumerateArray().ToList());
        Assert.Equal("toOwner", recommendation.GetProperty("direction").GetString());
        Assert.Equal("2021-01-19", recommendation.GetProperty("date").GetString());
        Assert.Equal("nameOnly", recommendation.GetProperty("match").GetString());
        Assert.DoesNotContain("PRIVATE-WORDS", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Lunch?", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Summary_for_an_archive_shows_a_line_per_file_read_and_the_evidence_counts()
    {
        using var file = new TempFile(Zip(("export/Connections.csv", Connections), ("export/messages.csv", Messages), ("export/Recommendations_Received.csv", Received)), "archive.zip");

        var run = await CliRun.RunAsync("import", file.Path, "--dry-run");

        Assert.Equal(0, run.ExitCode);
        var lines = run.Output.Split('\n');
        Assert.Equal("archive.zip: LinkedIn data download (ZIP), connections: current export (since mid-2023, with profile URLs) [current]", lines[0]);
        Assert.Contains("    Connections.csv: 2 connections", lines);
        Assert.Contains("    messages.csv: messages with 1 connection (1 connection wrote last)", lines);
        Assert.Contains("    Recommendations_Received.csv: 1 recommendation you received (1 matched by name only)", lines);
        Assert.Contains("  Evidence for 2 of 2 connections; message contents are never read or kept.", lines);
        Assert.DoesNotContain("PRIVATE-WORDS", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Archive_without_connections_exits_2_with_one_sentence()
    {
        using var file = new TempFile(Zip(("messages.csv", Messages)), "archive.zip");

        var run = await CliRun.RunAsync("import", file.Path, "--dry-run", "--json");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(string.Empty, run.Output);
        Assert.StartsWith("goodwill: archive.zip was not imported: The ZIP has no Connections.csv in it", run.Error, StringComparison.Ordinal);
        Assert.Equal(1, run.Error.Count(c => c == '\n'));
    }

    private static byte[] Zip(params (string Name, string Text)[] files)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in files)
            {
                using var stream = zip.CreateEntry(name).Open();
                stream.Write(Encoding.UTF8.GetBytes(text));
            }
        }

        return buffer.ToArray();
    }
}
