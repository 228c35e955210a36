using BenchmarkDotNet.Reports;

namespace GoodwillFlow.Benchmarks;

/// <summary>
/// Prints each benchmark's time and allocation as a ratio to the baseline of its class and parameters, and to every
/// other floor (<see cref="Floor"/> category), measured in the same run, one <c>RATIO</c> line each, so a goal such as
/// "import ≤ 1.0× a read that keeps the rows" is read straight off the output.
/// </summary>
public static class BenchmarkRatios
{
    /// <summary>The category of a benchmark that others are compared with, besides the class's baseline.</summary>
    public const string Floor = "Floor";

    public static int Print(IEnumerable<Summary> summaries)
    {
        foreach (var summary in summaries)
        {
            foreach (var group in summary.Reports.GroupBy(r => r.BenchmarkCase.Parameters.DisplayInfo))
            {
                var reports = group.Where(r => r.ResultStatistics is not null).ToList();
                var floors = reports.Where(r => summary.IsBaseline(r.BenchmarkCase)).Concat(
                    reports.Where(r => !summary.IsBaseline(r.BenchmarkCase) && r.BenchmarkCase.Descriptor.HasCategory(Floor)));
                foreach (var (report, baseline) in
                    from baseline in floors
                    from report in reports
                    where report != baseline && !(summary.IsBaseline(report.BenchmarkCase) && baseline.BenchmarkCase.Descriptor.HasCategory(Floor))
                    select (report, baseline))
                {
                    Console.WriteLine(
                        $"RATIO {Name(report)} / {Name(baseline)} [{group.Key}]: " +
                        $"time {report.ResultStatistics!.Median / baseline.ResultStatistics!.Median:0.00}x " +
                        $"({Format(report.ResultStatistics.Median)} vs {Format(baseline.ResultStatistics.Median)}), " +
                        $"allocated {AllocationRatio(report, baseline)}");
                }
            }
        }

        return 0;
    }

    private static string Name(BenchmarkReport report) => report.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo;

    private static string Format(double nanoseconds) => nanoseconds switch
    {
        >= 1e6 => $"{nanoseconds / 1e6:0.0} ms",
        >= 1e3 => $"{nanoseconds / 1e3:0.0} µs",
        _ => $"{nanoseconds:0} ns",
    };

    private static string AllocationRatio(BenchmarkReport report, BenchmarkReport baseline)
    {
        var allocated = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase);
        var baselineAllocated = baseline.GcStats.GetBytesAllocatedPerOperation(baseline.BenchmarkCase);
        return allocated is > 0 && baselineAllocated is > 0 ? $"{(double)allocated / baselineAllocated:0.00}x" : "n/a";
    }
}
