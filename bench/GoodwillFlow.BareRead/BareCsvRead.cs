using CsvHelper;

namespace GoodwillFlow.Benchmarks;

/// <summary>
/// The least any CsvHelper program does with an export: read every field of every record as a string. The floor for
/// the importer, in process (ImportBenchmarks) and as a whole process (this project's Program.cs).
/// </summary>
public static class BareCsvRead
{
    /// <summary>Reads every field of <paramref name="stream"/>; returns the number of characters read.</summary>
    public static long ReadAllFields(Stream stream)
    {
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
}
