using GoodwillFlow.Benchmarks;

// `goodwill import FILE --dry-run --json` is timed against this as a whole process (bench/import-process.sh).
if (args is not [var path])
{
    Console.Error.WriteLine("usage: GoodwillFlow.BareRead FILE");
    return 2;
}

using var stream = File.OpenRead(path);
Console.WriteLine(BareCsvRead.ReadAllFields(stream));
return 0;
