using BenchmarkDotNet.Attributes;
using GoodwillFlow.Core.Import;

namespace GoodwillFlow.Benchmarks;

/// <summary>
/// Importing LinkedIn's whole data download against reading its Connections.csv alone (the baseline), on 30,000
/// connections: the ZIP with Connections.csv only (the cost of the archive itself), and with 100,000 messages and the
/// small evidence files (the cost of the evidence).
/// </summary>
[MemoryDiagnoser]
public class ArchiveImportBenchmarks
{
    private string connectionsPath = "";
    private string connectionsOnlyZip = "";
    private string archivePath = "";

    [Params(100_000)]
    public int Messages { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var stem = Path.Combine(Path.GetTempPath(), $"goodwill-bench-archive-{Environment.ProcessId}");
        connectionsPath = stem + ".csv";
        connectionsOnlyZip = stem + "-connections.zip";
        archivePath = stem + ".zip";
        ConnectionsExportGenerator.Write(connectionsPath, ConnectionsExportGenerator.LinkedInConnectionCap);
        ArchiveExportGenerator.Write(archivePath, ConnectionsExportGenerator.LinkedInConnectionCap, Messages);
        using var zip = System.IO.Compression.ZipFile.Open(connectionsOnlyZip, System.IO.Compression.ZipArchiveMode.Create);
        System.IO.Compression.ZipFileExtensions.CreateEntryFromFile(zip, connectionsPath, "Connections.csv");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        File.Delete(connectionsPath);
        File.Delete(connectionsOnlyZip);
        File.Delete(archivePath);
    }

    [Benchmark(Baseline = true, Description = "Connections.csv alone")]
    public int ConnectionsCsvAlone() => Import(connectionsPath);

    [Benchmark(Description = "ZIP with Connections.csv only")]
    public int ZipWithConnectionsOnly() => Import(connectionsOnlyZip);

    [Benchmark(Description = "ZIP with 100k messages and evidence files")]
    public int WholeArchive() => Import(archivePath);

    private static int Import(string path)
    {
        using var stream = File.OpenRead(path);
        var result = LinkedInConnectionsImporter.Import(stream);
        return result.Connections.Count + (result.Evidence?.Count ?? 0);
    }
}
