using BenchmarkDotNet.Attributes;
using CsvHelper;
using GoodwillFlow.Core.Import;

namespace GoodwillFlow.Benchmarks;

/// <summary>
/// The importer against two floors on the same file: a bare CsvHelper read of every field as a string, and the same
/// read keeping every row's strings, which the importer does when every connection is asked for (the upload). The
/// ratio to the second floor is the cost of header finding, trimming, dates, URL normalisation, ids and
/// de-duplication. A preview (<c>goodwill import</c>) reads the kept fields as UTF-8 and makes no strings.
/// </summary>
[MemoryDiagnoser]
public class ImportBenchmarks
{
    private string path = "";

    [Params(1_000, 10_000, ConnectionsExportGenerator.LinkedInConnectionCap)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        path = Path.Combine(Path.GetTempPath(), $"goodwill-bench-{Environment.ProcessId}-{Rows}.csv");
        ConnectionsExportGenerator.Write(path, Rows);
    }

    [GlobalCleanup]
    public void Cleanup() => File.Delete(path);

    [Benchmark(Baseline = true, Description = "Bare CsvHelper read of all fields")]
    [BenchmarkCategory(BenchmarkRatios.Floor)]
    public long BareCsvHelperRead()
    {
        using var stream = File.OpenRead(path);
        return BareCsvRead.ReadAllFields(stream);
    }

    [Benchmark(Description = "Bare CsvHelper read keeping every row's strings")]
    [BenchmarkCategory(BenchmarkRatios.Floor)]
    public int BareCsvHelperReadKeepingRows()
    {
        using var stream = File.OpenRead(path);
        using var reader = CsvReader.Create(stream, new CsvReaderOptions { HasHeader = false });
        var rows = new List<string[]>();
        while (reader.Read())
        {
            var row = new string[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.GetString(i);
            }

            rows.Add(row);
        }

        return rows.Count;
    }

    [Benchmark(Description = "LinkedInConnectionsImporter.Import, every connection made")]
    public int Import()
    {
        using var stream = File.OpenRead(path);
        var made = 0;
        foreach (var connection in LinkedInConnectionsImporter.Import(stream).Connections)
        {
            made += connection.Id.Length;
        }

        return made;
    }

    [Benchmark(Description = "LinkedInConnectionsImporter.Import, fields read as UTF-8 (a preview)")]
    public int ImportPreview()
    {
        using var stream = File.OpenRead(path);
        var connections = (ImportedConnections)LinkedInConnectionsImporter.Import(stream).Connections;
        var bytes = 0;
        for (var i = 0; i < connections.Count; i++)
        {
            connections.TryGetUtf8(i, ImportedConnections.Field.Url, out var url);
            bytes += url.Length;
        }

        return bytes;
    }
}
