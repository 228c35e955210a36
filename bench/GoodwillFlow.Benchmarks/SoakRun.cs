using System.Diagnostics;
using System.Globalization;
using Azure.Data.Tables;
using GoodwillFlow.Local.Engine;
using GoodwillFlow.Local.Hosting;
using GoodwillFlow.Workflow.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GoodwillFlow.Benchmarks;

/// <summary>
/// The load soak: a 30,000-connection campaign at (almost) zero cadence through the whole local runtime (Azurite, the
/// durable engine, the worker, the outbox) until <c>prompts</c> prompts are sent, sampling the process's memory, the
/// campaign's durable history rows and Azurite's size on disk. Each should stay flat as prompts go out: the
/// orchestration continues as new, the store pages the schedule, nothing accumulates per prompt.
/// </summary>
/// <remarks>
/// <c>dotnet run -c Release --project bench/GoodwillFlow.Benchmarks -- soak [prompts] [minutes]</c>
/// (defaults 2000 prompts, at most 30 minutes). Prints one line per sample and a verdict comparing the last third
/// of the samples with the first third after import.
/// </remarks>
public static class SoakRun
{
    public static async Task<int> RunAsync(string[] args)
    {
        var target = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2000;
        var limit = TimeSpan.FromMinutes(args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 30);
        var folder = Path.Combine(Path.GetTempPath(), "goodwill-soak-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var export = Path.Combine(folder, "Connections.csv");
        ConnectionsExportGenerator.Write(export);

        var options = new LocalRuntimeOptions { DataPath = Path.Combine(folder, "data"), HttpPort = 0, UploadPollInterval = TimeSpan.FromSeconds(1) };
        options.Settings["Goodwill:OwnerEmail"] = "owner@example.com";
        options.Settings["Goodwill:FixedInterval"] = "00:00:00.001";
        options.Settings["Goodwill:GracePeriod"] = "1.00:00:00";
        var clock = Stopwatch.StartNew();
        try
        {
            await using var runtime = await LocalRuntime.StartAsync(options, null, l => l.SetMinimumLevel(LogLevel.Warning), CancellationToken.None);
            await runtime.UploadAsync(export, metadata: null, CancellationToken.None);
            var store = runtime.Services.GetRequiredService<ICampaignStore>();
            string? campaignId = null;
            while (campaignId is null)
            {
                await Task.Delay(500);
                campaignId = (await store.ListCampaignsAsync(CancellationToken.None)).FirstOrDefault()?.CampaignId;
            }

            Console.WriteLine($"SOAK imported: campaign started after {clock.Elapsed.TotalSeconds:0.0} s");
            var history = new TableServiceClient(runtime.StorageConnectionString).GetTableClient(LocalDurableEngine.TaskHubName + "History");
            var samples = new List<Sample>();
            var started = clock.Elapsed;
            while (clock.Elapsed < limit)
            {
                await Task.Delay(TimeSpan.FromSeconds(15));
                var sample = await SampleAsync(clock.Elapsed - started, runtime, history, campaignId, Path.Combine(options.DataPath, "azurite"));
                samples.Add(sample);
                Console.WriteLine(sample);
                if (sample.Prompts >= target)
                {
                    break;
                }
            }

            return Verdict(samples, target) ? 0 : 1;
        }
        finally
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static async Task<Sample> SampleAsync(
        TimeSpan at, LocalRuntime runtime, TableClient history, string campaignId, string azuritePath)
    {
        var prompts = Directory.Exists(runtime.OutboxPath) ? Directory.EnumerateFiles(runtime.OutboxPath, "*-prompt-*.eml").Count() : 0;
        var rows = 0;
        await foreach (var _ in history.QueryAsync<TableEntity>(e => e.PartitionKey == campaignId, select: ["RowKey"]))
        {
            rows++;
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var self = Process.GetCurrentProcess();
        var azuriteBytes = new DirectoryInfo(azuritePath).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
        return new Sample(at, prompts, GC.GetTotalMemory(forceFullCollection: false), self.WorkingSet64, rows, azuriteBytes);
    }

    /// <summary>
    /// Flat: the last third of the samples grows by less than half over the first third, counting only samples after
    /// the first two generations (50 prompts), when history has reached its bounded size.
    /// </summary>
    private static bool Verdict(List<Sample> all, int target)
    {
        var samples = all.Where(s => s.Prompts >= 50).ToList();
        if (samples.Count < 3)
        {
            Console.WriteLine($"SOAK {(all.Count > 0 ? all[^1].Prompts : 0)} prompts sent; too few samples after 50 prompts for a verdict.");
            return false;
        }

        var third = Math.Max(1, samples.Count / 3);
        var first = samples.Take(third).ToList();
        var last = samples.TakeLast(third).ToList();
        var flat = true;
        foreach (var (name, value) in new (string, Func<Sample, double>)[]
        {
            ("managed heap", s => s.HeapBytes),
            ("working set", s => s.WorkingSetBytes),
            ("history rows", s => s.HistoryRows),
            ("azurite on disk", s => s.AzuriteBytes),
        })
        {
            var ratio = last.Average(value) / Math.Max(1, first.Average(value));
            var ok = ratio < 1.5;
            flat &= ok;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RATIO {name} last third / first third: {ratio:0.00}x {(ok ? "flat" : "GROWING")}"));
        }

        var sent = all[^1].Prompts;
        var rate = (sent - all[0].Prompts) / Math.Max(1, (all[^1].At - all[0].At).TotalSeconds);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"SOAK {sent} prompts sent ({(sent >= target ? "reached" : "did not reach")} {target}), {rate:0.0} prompts/s; {(flat ? "all flat" : "not flat")}"));
        return flat && sent >= target;
    }

    private sealed record Sample(TimeSpan At, int Prompts, long HeapBytes, long WorkingSetBytes, int HistoryRows, long AzuriteBytes)
    {
        public override string ToString() => string.Create(
            CultureInfo.InvariantCulture,
            $"SAMPLE t={At.TotalSeconds,6:0}s prompts={Prompts,6} heap={HeapBytes / 1048576.0,7:0.0}MB ws={WorkingSetBytes / 1048576.0,7:0.0}MB historyRows={HistoryRows,5} azurite={AzuriteBytes / 1048576.0,7:0.0}MB");
    }
}
