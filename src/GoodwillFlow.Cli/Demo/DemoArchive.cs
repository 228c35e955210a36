using System.IO.Compression;
using GoodwillFlow.Core.Evidence;
using GoodwillFlow.Workflow.Storage;

namespace GoodwillFlow.Cli.Demo;

/// <summary>
/// The demo's invented LinkedIn archive: the sample Connections.csv plus messages, recommendations, endorsements and
/// invitations (<c>samples/archive/</c>), zipped as LinkedIn's data download is, so the demo's prompts and shortlist show
/// the archive's evidence.
/// </summary>
internal static class DemoArchive
{
    /// <summary>The name the archive is uploaded under.</summary>
    public const string FileName = "Basic_LinkedInDataExport_demo.zip";

    private const string ResourcePrefix = "GoodwillFlow.Cli.Demo.archive.";

    /// <summary>
    /// Writes the archive into <paramref name="folder"/> (with the sample Connections.csv beside it) and returns the ZIP to
    /// upload.
    /// </summary>
    public static async Task<string> WriteAsync(string folder, CancellationToken cancellationToken)
    {
        var csv = Path.Combine(folder, "Connections.csv");
        await Commands.DemoCommand.WriteSampleAsync(csv, cancellationToken);
        var zip = Path.Combine(folder, FileName);
        await using (var file = File.Create(zip))
        {
            await using var archive = new ZipArchive(file, ZipArchiveMode.Create);
            await AddAsync(archive, "Connections.csv", File.OpenRead(csv), cancellationToken);
            var assembly = typeof(DemoArchive).Assembly;
            foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
            {
                await AddAsync(archive, resource[ResourcePrefix.Length..], assembly.GetManifestResourceStream(resource)!, cancellationToken);
            }
        }

        return zip;
    }

    /// <summary>Prints what the archive says about the first few people of the campaign who have evidence.</summary>
    public static async Task PrintEvidenceAsync(ICampaignStore store, string campaignId, TextWriter output, CancellationToken cancellationToken)
    {
        var first = await store.GetSchedulePageAsync(campaignId, 0, 12, cancellationToken);
        var shown = 0;
        foreach (var person in first.Where(p => p.Evidence is { IsEmpty: false }))
        {
            if (shown == 0)
            {
                await output.WriteLineAsync("From the sample's LinkedIn archive (shown in each prompt before the questions; the warmest go first):");
            }

            await output.WriteLineAsync($"  {person.Connection.DisplayName}: {string.Join(" · ", EvidenceLines.ForPrompt(person.Evidence).Take(2))}");
            if (++shown == 2)
            {
                break;
            }
        }
    }

    private static async Task AddAsync(ZipArchive archive, string name, Stream content, CancellationToken cancellationToken)
    {
        await using (content)
        {
            await using var entry = await archive.CreateEntry(name, CompressionLevel.Fastest).OpenAsync(cancellationToken);
            await content.CopyToAsync(entry, cancellationToken);
        }
    }
}
