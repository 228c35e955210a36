using BenchmarkDotNet.Attributes;
using CsvHelper;
using GoodwillFlow.Core.Import;

namespace GoodwillFlow.Benchmarks;

/// <summary>
/// The importer against two floors on the same file: a bare CsvHelper read of every field as a string, and the same
/// read keeping every row's strings, which the importer must do (it returns every connection). The ratio to the
/// second floor is the cost of header finding, trimming, dates, URL normalisation, ids and de-duplication.
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

    [Benchmark(Description = "LinkedInConnectionsImporter.Import")]
    public int Import()
    {
        using var stream = File.OpenRead(path);
        return LinkedInConnectionsImporter.Import(stream).Connections.Count;
    }
}
