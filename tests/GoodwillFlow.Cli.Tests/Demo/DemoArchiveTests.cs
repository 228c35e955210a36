using System.IO.Compression;
using GoodwillFlow.Cli.Demo;
using GoodwillFlow.Core.Connections;
using GoodwillFlow.Core.Evidence;
using GoodwillFlow.Testing;
using GoodwillFlow.Workflow.Storage;

namespace GoodwillFlow.Cli.Tests.Demo;

/// <summary>The demo's invented LinkedIn archive: what it packs and what the demo prints from it.</summary>
public sealed class DemoArchiveTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("goodwill-demo-archive-").FullName;

    [Fact]
    public async Task The_demo_archive_holds_the_sample_connections_and_the_archive_files_with_invented_people_only()
    {
        await DemoArchive.WriteAsync(_folder, default);

        using var zip = ZipFile.OpenRead(Path.Combine(_folder, DemoArchive.FileName));
        Assert.Equal(
            ["Connections.csv", "Endorsement_Received_Info.csv", "Invitations.csv", "messages.csv", "Recommendations_Given.csv", "Recommendations_Received.csv"],
            zip.Entries.Select(e => e.FullName).Order(StringComparer.OrdinalIgnoreCase));
        using var messages = new StreamReader(zip.GetEntry("messages.csv")!.Open());
        var header = await messages.ReadLineAsync();
        Assert.Equal("CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER", header);
        Assert.DoesNotContain("@", await messages.ReadToEndAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_demo_prints_the_evidence_of_the_first_two_people_the_archive_knows()
    {
        var store = new InMemoryCampaignStore();
        var people = Enumerable.Range(0, 4)
            .Select(i => new Connection($"{i:x16}", $"Person{i}", "Tester", null, null, null, null, null))
            .ToList();
        var evidence = new ConnectionEvidence(
            new MessageEvidence(14, 8, 6, new DateOnly(2019, 5, 2), new DateOnly(2026, 3, 11), true, 0, EvidenceMatch.ProfileUrl), [], null, null);
        await store.AddConnectionsAsync(
            "c",
            [.. people.Select((p, i) => new CampaignConnection(p, i, DateTimeOffset.UnixEpoch, Evidence: i == 0 ? null : evidence))],
            default);
        using var output = new StringWriter();

        await DemoArchive.PrintEvidenceAsync(store, "c", output, default);

        var text = output.ToString();
        Assert.Contains("Person1 Tester: You exchanged 14 messages, the last in March 2026 (they wrote last)", text, StringComparison.Ordinal);
        Assert.Contains("Person2 Tester:", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Person0", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Person3", text, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
