using CsvHelper;

// The least any CsvHelper program does with an export: read every field of every record as a string.
// `goodwill import FILE --dry-run --json` is timed against this as a whole process (docs/performance.md).
if (args is not [var path])
{
    Console.Error.WriteLine("usage: GoodwillFlow.BareRead FILE");
    return 2;
}

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

Console.WriteLine(characters);
return 0;
