using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using GoodwillFlow.Benchmarks;

// dotnet run -c Release --project bench/GoodwillFlow.Benchmarks -- --filter '*'     full BenchmarkDotNet run
// dotnet run -c Release --project bench/GoodwillFlow.Benchmarks -- quick            short in-process run (< 1 min)
// dotnet run -c Release --project bench/GoodwillFlow.Benchmarks -- generate FILE    write the 30,000-row export
// dotnet run -c Release --project bench/GoodwillFlow.Benchmarks -- soak [prompts] [minutes]   30k campaign through the local runtime, sampled
if (args is ["soak", .. var soakArgs])
{
    return await SoakRun.RunAsync(soakArgs);
}

if (args is ["generate", var target, ..])
{
    ConnectionsExportGenerator.Write(target);
    Console.WriteLine($"Wrote {ConnectionsExportGenerator.LinkedInConnectionCap} connections to {target}");
    return 0;
}

var config = DefaultConfig.Instance.WithSummaryStyle(SummaryStyle.Default.WithRatioStyle(RatioStyle.Trend));
Summary[] summaries;
if (args is ["quick", ..])
{
    // In-process, so no separate benchmark project is built: the run fits in well under a minute.
    summaries =
    [
        BenchmarkRunner.Run<ImportBenchmarks>(
            config.AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance).WithId("Quick"))),
    ];
}
else
{
    summaries = BenchmarkSwitcher.FromAssembly(typeof(ImportBenchmarks).Assembly).Run(args, config).ToArray();
}

foreach (var summary in summaries)
{
    var baseline = summary.Reports.FirstOrDefault(r => summary.IsBaseline(r.BenchmarkCase));
    if (baseline?.ResultStatistics is null)
    {
        continue;
    }

    foreach (var report in summary.Reports.Where(r => r != baseline && r.ResultStatistics is not null))
    {
        var timeRatio = report.ResultStatistics!.Mean / baseline.ResultStatistics.Mean;
        var allocated = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase);
        var baselineAllocated = baseline.GcStats.GetBytesAllocatedPerOperation(baseline.BenchmarkCase);
        var allocationRatio = allocated is > 0 && baselineAllocated is > 0 ? $"{(double)allocated / baselineAllocated:0.00}x" : "n/a";
        Console.WriteLine(
            $"RATIO {report.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo} / {baseline.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo}: " +
            $"time {timeRatio:0.00}x ({report.ResultStatistics.Mean / 1e6:0.0} ms vs {baseline.ResultStatistics.Mean / 1e6:0.0} ms), " +
            $"allocated {allocationRatio}");
    }
}

return 0;
