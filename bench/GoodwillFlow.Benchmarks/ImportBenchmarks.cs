using BenchmarkDotNet.Attributes;
using CsvHelper;
using GoodwillFlow.Core.Import;

namespace GoodwillFlow.Benchmarks;

/// <summary>
/// The importer against the least any CsvHelper reader of the same file does: read every field of every record as a
/// string. The ratio is the cost of header finding, trimming, dates, URL normalisation, ids and de-duplication.
/// </summary>
[MemoryDiagnoser]
public class ImportBenchmarks
{
    private string path = "";

    [Params(ConnectionsExportGenerator.LinkedInConnectionCap)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        path = Path.Combine(Path.GetTempPath(), $"goodwill-bench-{Rows}.csv");
        ConnectionsExportGenerator.Write(path, Rows);
    }

    [GlobalCleanup]
    public void Cleanup() => File.Delete(path);

    [Benchmark(Baseline = true, Description = "Bare CsvHelper read of all fields")]
    public long BareCsvHelperRead()
    {
        using var stream = File.OpenRead(path);
        using var reader = CsvReader.Create(stream, new CsvReaderOptions { HasHeader = false });
        long characters = 0;
        while (reader.Read())
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                characters += reader.GetString(i).Length;
            }
        }

        return characters;
    }

    [Benchmark(Description = "LinkedInConnectionsImporter.Import")]
    public int Import()
    {
        using var stream = File.OpenRead(path);
        return LinkedInConnectionsImporter.Import(stream).Connections.Count;
    }
}
