using System.IO.Compression;
using System.Text;
using GoodwillFlow.Cli.Local;
using GoodwillFlow.Core.Shortlists;
using GoodwillFlow.Testing.Exports;
using GoodwillFlow.Testing.Hosting;
using Microsoft.DurableTask.Client;
using MimeKit;
using F = GoodwillFlow.Core.ReplyPage.ReplyPageRenderer.Fields;

namespace GoodwillFlow.Cli.Tests.LocalRuntime;

/// <summary>
/// LinkedIn's whole data download (a ZIP) through the local runtime: the prompt email and the reply page show what the
/// archive says, and the shortlist cites a recommendation. Needs the archive reader (wp/archive-read) to import the ZIP.
/// </summary>
public sealed class ArchiveEvidenceEndToEndTests
{
    private const string OwnerUrl = "https://www.linkedin.com/in/owner-person";

    [Fact]
    public async Task An_uploaded_archive_puts_its_evidence_in_the_prompt_email_the_reply_page_and_the_shortlist()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await using var host = await LocalRuntimeTestHost.StartAsync(TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(2), timeout.Token);
        var runtime = host.Runtime;

        var people = ConnectionsExport.People(3);
        await runtime.UploadAsync(WriteArchive(host.Folder, people), metadata: null, timeout.Token);
        using var started = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token);
        started.CancelAfter(TimeSpan.FromSeconds(30));
        string campaignId;
        try
        {
            campaignId = await host.WaitForCampaignAsync(started.Token);
        }
        catch (OperationCanceledException) when (!timeout.IsCancellationRequested)
        {
            Assert.Fail("The archive did not start a campaign within 30 s: the importer refused the ZIP (it needs the archive reader).");
            return;
        }

        // Person1 wrote and was written to (recently), and recommended the owner: the warmest, so the first prompt.
        using var http = new HttpClient { BaseAddress = runtime.BaseAddress };
        string? firstText = null;
        string? firstPage = null;
        var done = await host.AnswerEveryPromptAsync(
            campaignId,
            async file =>
            {
                if (OutboxMessage.TryRead(file) is not { ReplyPageUrl: { } page })
                {
                    return false;
                }

                if (firstText is null)
                {
                    firstText = (await MimeMessage.LoadAsync(file, timeout.Token)).TextBody;
                    firstPage = await http.GetStringAsync(page, timeout.Token);
                }

                using var form = new FormUrlEncodedContent(
                [
                    new(F.Relationship, "peer"), new(F.Strength, "4"), new(F.TheirPerception, "4"), new(F.YourPerception, "4"), new(F.CouldHelp, "advise"),
                ]);
                (await http.PostAsync(page, form, timeout.Token)).EnsureSuccessStatusCode();
                return true;
            },
            TimeSpan.FromMilliseconds(200),
            timeout.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.NotNull(firstText);
        Assert.Contains("Person1 Tester1", firstText, StringComparison.Ordinal);
        Assert.Contains("From your LinkedIn archive:", firstText, StringComparison.Ordinal);
        Assert.Contains("You exchanged 3 messages, the last in June 2026 (they wrote last)", firstText, StringComparison.Ordinal);
        Assert.Contains("They recommended you in 2021", firstText, StringComparison.Ordinal);
        Assert.DoesNotContain("secret plans", firstText, StringComparison.Ordinal);
        Assert.Contains("You exchanged 3 messages, the last in June 2026 (they wrote last)", firstPage, StringComparison.Ordinal);
        Assert.Contains("id=\"strength-4\" value=\"4\" checked", firstPage, StringComparison.Ordinal);
        Assert.DoesNotContain("secret plans", firstPage, StringComparison.Ordinal);

        var json = await host.Files.ReadShortlistAsync(campaignId, ShortlistFormat.Json, timeout.Token);
        var shortlist = Encoding.UTF8.GetString(json!);
        Assert.Contains("Recommended you in 2021", shortlist, StringComparison.Ordinal);
        Assert.DoesNotContain("secret plans", shortlist, StringComparison.Ordinal);
    }

    /// <summary>Connections.csv, messages.csv and Recommendations_Received.csv in a subfolder of a ZIP, as LinkedIn packs them.</summary>
    private static string WriteArchive(string folder, IReadOnlyList<ExportRow> people)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "Basic_LinkedInDataExport_12-01-2026.zip");
        using var archive = ZipFile.Open(path, ZipArchiveMode.Create);
        Add(archive, "Basic_LinkedInDataExport_12-01-2026/Connections.csv", Encoding.UTF8.GetString(ConnectionsExport.Of(people)));
        var person = people[0];
        Add(
            archive,
            "Basic_LinkedInDataExport_12-01-2026/messages.csv",
            "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER\n" +
            $"c1,,Owner Person,{OwnerUrl},{person.FirstName} {person.LastName},{person.Url},2024-02-01 09:00:00 UTC,,Our secret plans,INBOX\n" +
            $"c1,,{person.FirstName} {person.LastName},{person.Url},Owner Person,{OwnerUrl},2025-03-04 10:00:00 UTC,,More secret plans,INBOX\n" +
            $"c1,,{person.FirstName} {person.LastName},{person.Url},Owner Person,{OwnerUrl},2026-06-11 15:33:58 UTC,,\"secret plans, again\",INBOX\n");
        Add(
            archive,
            "Basic_LinkedInDataExport_12-01-2026/Recommendations_Received.csv",
            "First Name,Last Name,Company,Job Title,Text,Creation Date,Status\n" +
            $"{person.FirstName},{person.LastName},Fabrikam,Engineer,\"A calm, kind engineer who made the team better.\",\"03/15/21, 10:12 AM\",VISIBLE\n");
        return path;
    }

    private static void Add(ZipArchive archive, string name, string text)
    {
        using var writer = new StreamWriter(archive.CreateEntry(name).Open(), new UTF8Encoding(false));
        writer.Write(text);
    }
}
