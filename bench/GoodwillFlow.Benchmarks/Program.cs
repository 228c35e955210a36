using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using GoodwillFlow.Benchmarks;

// dotnet run -c Release --project bench/GoodwillFlow.Benchmarks -- --filter '*'          full BenchmarkDotNet run
// dotnet run -c Release --project bench/GoodwillFlow.Benchmarks -- quick                 short in-process run of all of them
// dotnet run -c Release --project bench/GoodwillFlow.Benchmarks -- quick Shortlist       only the classes whose name contains it
// dotnet run -c Release --project bench/GoodwillFlow.Benchmarks -- generate FILE [ROWS]  write a Connections.csv (30,000 rows)
// dotnet run -c Release --project bench/GoodwillFlow.Benchmarks -- generate-archive FILE [CONNECTIONS] [MESSAGES]  a data download ZIP
// dotnet run -c Release --project bench/GoodwillFlow.Benchmarks -- soak [prompts] [minutes]  30k campaign through the local runtime, sampled
// dotnet run -c Release --project bench/GoodwillFlow.Benchmarks -- owner-reads [connections] [replies] [rounds]  page, re-plan and prompt reads on Azurite
if (args is ["soak", .. var soakArgs])
{
    return await SoakRun.RunAsync(soakArgs);
}

if (args is ["owner-reads", .. var ownerReadsArgs])
{
    return await OwnerReadsRun.RunAsync(ownerReadsArgs);
}

var config = DefaultConfig.Instance.WithSummaryStyle(SummaryStyle.Default.WithRatioStyle(RatioStyle.Trend));
Type[] quickSet = [typeof(ImportBenchmarks), typeof(ArchiveImportBenchmarks), typeof(ShortlistBenchmarks), typeof(ShortlistScoringBenchmarks), typeof(TokenBenchmarks), typeof(PromptEmailBenchmarks)];

return args switch
{
    ["generate", var target, ..] => Generate(target, args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : ConnectionsExportGenerator.LinkedInConnectionCap),
    ["generate-archive", var target, ..] => GenerateArchive(
        target,
        args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : ConnectionsExportGenerator.LinkedInConnectionCap,
        args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 100_000),
    ["quick", .. var only] => BenchmarkRatios.Print(Quick(only)),
    _ => BenchmarkRatios.Print(BenchmarkSwitcher.FromAssembly(typeof(ImportBenchmarks).Assembly).Run(args, config)),
};

static int Generate(string target, int rows)
{
    ConnectionsExportGenerator.Write(target, rows);
    Console.WriteLine($"Wrote {rows} connections to {target}");
    return 0;
}

static int GenerateArchive(string target, int connections, int messages)
{
    ArchiveExportGenerator.Write(target, connections, messages);
    Console.WriteLine($"Wrote a data download with {connections} connections and {messages} messages to {target}");
    return 0;
}

// In-process, so no separate benchmark project is built: every class in a few minutes, one class in under one.
IEnumerable<Summary> Quick(string[] only) =>
    BenchmarkRunner.Run(
        quickSet.Where(t => only.Length == 0 || only.Any(o => t.Name.Contains(o, StringComparison.OrdinalIgnoreCase))).ToArray(),
        config.AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance).WithId("Quick")));
