using System.Diagnostics;
using System.Globalization;
using System.Text;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using GoodwillFlow.Benchmarks;
using GoodwillFlow.Core.Replies;
using GoodwillFlow.RuntimeBench;
using GoodwillFlow.Workflow.Configuration;
using GoodwillFlow.Workflow.Shortlists;
using GoodwillFlow.Workflow.Storage;
using GoodwillFlow.Workflow.Uploads;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

// The local runtime at campaign scale, on Azurite:
//   dotnet run -c Release --project bench/GoodwillFlow.RuntimeBench -- [--connections 1000,10000,30000] [--prompts 250] [--reply-share 0.05]
//     [--trace FILE]   writes the prompt window's timeline (storage requests, engine and worker logs, prompts sent) to FILE
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
var sizes = Arg("--connections", "1000,10000,30000").Split(',').Select(int.Parse).ToArray();
var promptWindow = int.Parse(Arg("--prompts", "250"), CultureInfo.InvariantCulture);
var replyShare = double.Parse(Arg("--reply-share", "0.05"), CultureInfo.InvariantCulture);
var tracePath = Arg("--trace", "");
var results = new List<RuntimeResult>();
foreach (var size in sizes)
{
    Console.WriteLine($"--- {size:N0} connections ---");
    var result = await RuntimeScenario.RunAsync(size, promptWindow, replyShare, tracePath.Length == 0 ? null : sizes.Length == 1 ? tracePath : $"{tracePath}.{size}");
    Console.WriteLine(result.ToText());
    results.Add(result);
}

Console.WriteLine();
Console.WriteLine(RuntimeResult.Markdown(results));
return 0;

string Arg(string name, string fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
}

internal static class RuntimeScenario
{
    private const string Owner = "bench@example.com";
    private const int PageSize = 25;

    public static async Task<RuntimeResult> RunAsync(int size, int promptWindow, double replyShare, string? tracePath)
    {
        var ct = CancellationToken.None;
        await using var runtime = await BenchRuntime.StartAsync(Owner, new BenchTrace(tracePath is not null), ct);
        var services = runtime.Services;
        var store = services.GetRequiredService<ICampaignStore>();
        var durable = services.GetRequiredService<DurableTaskClient>();
        var handler = services.GetRequiredService<ConnectionsUploadHandler>();
        using var http = new HttpClient { BaseAddress = runtime.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };

        var export = Path.Combine(Path.GetTempPath(), $"goodwill-bench-{size}.csv");
        ConnectionsExportGenerator.Write(export, size);
        var container = services.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(StorageOptions.UploadsContainer);
        await container.CreateIfNotExistsAsync(cancellationToken: ct);
        var blob = container.GetBlobClient($"Connections-{size}.csv");
        await blob.UploadAsync(export, overwrite: true, ct);

        // Upload → first prompt: from the moment the blob trigger (here the handler) fires to the first prompt in the outbox.
        var before = runtime.Counter.Snapshot();
        var start = Stopwatch.GetTimestamp();
        var handling = handler.HandleAsync(blob, durable, ct);
        while (runtime.Sends.Count == 0 && !handling.IsFaulted)
        {
            await Task.Delay(2, ct);
        }

        var outcome = await handling;
        var stored = Stopwatch.GetTimestamp();
        var firstPrompt = Stopwatch.GetElapsedTime(start, runtime.Sends.Timestamps[0]);
        var handlerTime = Stopwatch.GetElapsedTime(start, stored);
        var importCounts = runtime.Counter.Snapshot() - before;
        var campaignId = outcome.CampaignId ?? throw new InvalidOperationException($"The upload was not imported: {outcome}");

        // Prompts at zero cadence, after the import is done, over a window of whole pages.
        var window = Math.Min(promptWindow, size - runtime.Sends.Count);
        var from = runtime.Sends.Count;
        var atStart = runtime.Counter.Snapshot();
        var deadline = Stopwatch.GetTimestamp() + (long)(Stopwatch.Frequency * 600.0);
        while (runtime.Sends.Count < from + window && Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(5, ct);
        }

        var counts = runtime.Counter.Snapshot() - atStart;
        var stamps = runtime.Sends.Timestamps;
        var sentInWindow = stamps.Count - from;
        var windowSeconds = Stopwatch.GetElapsedTime(stamps[from], stamps[^1]).TotalSeconds;
        var gaps = new List<(int Index, double Ms)>();
        for (var i = Math.Max(from, 1); i < stamps.Count; i++)
        {
            gaps.Add((i, Stopwatch.GetElapsedTime(stamps[i - 1], stamps[i]).TotalMilliseconds));
        }

        var boundary = gaps.Where(g => g.Index % PageSize == 0).Select(g => g.Ms).ToList();
        var inPage = gaps.Where(g => g.Index % PageSize != 0).Select(g => g.Ms).ToList();

        // Storage requests sent during each gap (by any client: the engine's, the activities'), at a boundary and inside a page.
        var requests = runtime.Counter.RequestsBetween(gaps.Select(g => (stamps[g.Index - 1], stamps[g.Index])).ToList());
        var boundaryRequests = gaps.Select((g, i) => (g, i)).Where(x => x.g.Index % PageSize == 0).Select(x => (double)requests[x.i]).ToList();
        var inPageRequests = gaps.Select((g, i) => (g, i)).Where(x => x.g.Index % PageSize != 0).Select(x => (double)requests[x.i]).ToList();
        if (tracePath is not null)
        {
            runtime.Trace.Write(tracePath, stamps[from]);
            Console.WriteLine($"trace of the prompt window: {tracePath}");
        }

        // Idle: the campaign paused, what the runtime still costs a second (queue polling, leases).
        using (var pause = await http.PostAsync($"api/campaigns/{campaignId}/pause", null, ct))
        {
            pause.EnsureSuccessStatusCode();
        }

        await Task.Delay(TimeSpan.FromSeconds(3), ct);
        var idleFrom = runtime.Counter.Snapshot();
        await Task.Delay(TimeSpan.FromSeconds(10), ct);
        var idle = runtime.Counter.Snapshot() - idleFrom;

        // Status: the endpoint (what the status page calls) and the store path `goodwill status` takes.
        var endpoint = new List<double>();
        for (var i = 0; i < 7; i++)
        {
            var t = Stopwatch.GetTimestamp();
            using var response = await http.GetAsync($"api/campaigns/{campaignId}", ct);
            response.EnsureSuccessStatusCode();
            await response.Content.ReadAsByteArrayAsync(ct);
            endpoint.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
        }

        var cli = new List<double>();
        for (var i = 0; i < 7; i++)
        {
            var t = Stopwatch.GetTimestamp();
            foreach (var campaign in await store.ListCampaignsAsync(ct))
            {
                await store.GetProgressAsync(campaign.CampaignId, ct);
            }

            cli.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
        }

        var progress = await store.GetProgressAsync(campaignId, ct);

        // Replies to a share of the connections, then the shortlist compiled through storage.
        var ids = (await store.GetConnectionIdsAsync(campaignId, ct)).Order(StringComparer.Ordinal).ToList();
        var step = Math.Max(1, (int)Math.Round(1 / Math.Max(replyShare, 1e-6)));
        var replied = ids.Where((_, i) => i % step == 0).ToList();
        var beforeReplies = runtime.Counter.Snapshot();
        // One after another, as the owner answers them (side by side they would only race for the counters row).
        await Parallel.ForEachAsync(replied, new ParallelOptions { MaxDegreeOfParallelism = 1 }, async (id, token) =>
            await store.SaveReplyAsync(
                new RecordedReply(campaignId, id, new ReplyAnswers { Relationship = RelationshipKind.Peer, Strength = 4, HowWeKnow = "We shipped a release together." }, ReplyChannel.ReplyPage, DateTimeOffset.UtcNow),
                token));
        var replyCounts = runtime.Counter.Snapshot() - beforeReplies;
        var record = await store.FindCampaignAsync(campaignId, ct) ?? throw new InvalidOperationException("The campaign vanished.");
        var shortlist = new List<double>();
        var entries = 0;
        for (var i = 0; i < 3; i++)
        {
            var t = Stopwatch.GetTimestamp();
            var compiled = await CampaignShortlist.CompileAsync(store, record, DateTimeOffset.UtcNow, ct);
            shortlist.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            entries = compiled.Entries.Count;
        }

        var history = 0;
        var tables = new TableServiceClient(runtime.ConnectionString);
        await foreach (var _ in tables.GetTableClient("GoodwillFlowHistory").QueryAsync<TableEntity>(
            e => e.PartitionKey == campaignId, select: ["RowKey"], cancellationToken: ct))
        {
            history++;
        }

        GC.Collect();
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        return new RuntimeResult(
            size,
            firstPrompt,
            handlerTime,
            importCounts,
            sentInWindow,
            windowSeconds,
            Median(inPage),
            Median(boundary),
            boundary.Count == 0 ? 0 : boundary.Max(),
            boundary.Count == 0 ? 0 : boundary[0],
            boundary.Count == 0 ? 0 : boundary[^1],
            Median(inPageRequests),
            Median(boundaryRequests),
            counts,
            idle,
            Median(endpoint),
            endpoint.Max(),
            Median(cli),
            progress,
            replied.Count,
            replyCounts,
            Median(shortlist),
            entries,
            history,
            self.WorkingSet64,
            GC.GetTotalMemory(false),
            runtime.AzuriteResidentBytes());
    }

    private static double Median(List<double> values)
    {
        if (values.Count == 0)
        {
            return 0;
        }

        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}

internal sealed record RuntimeResult(
    int Connections,
    TimeSpan FirstPrompt,
    TimeSpan UploadHandler,
    TransactionCounts Import,
    int Prompts,
    double PromptSeconds,
    double InPageGapMs,
    double BoundaryGapMs,
    double BoundaryGapMaxMs,
    double FirstBoundaryGapMs,
    double LastBoundaryGapMs,
    double InPageGapRequests,
    double BoundaryGapRequests,
    TransactionCounts PromptCounts,
    TransactionCounts Idle10s,
    double StatusEndpointMs,
    double StatusEndpointMaxMs,
    double StatusCliMs,
    CampaignProgress Progress,
    int Replies,
    TransactionCounts ReplyCounts,
    double ShortlistMs,
    int ShortlistEntries,
    int HistoryRows,
    long RuntimeWorkingSet,
    long RuntimeManagedHeap,
    long? AzuriteResident)
{
    private double PerPrompt(long value) => Prompts == 0 ? 0 : (double)value / Prompts;

    public string ToText()
    {
        var text = new StringBuilder();
        text.AppendLine($"upload -> first prompt      {FirstPrompt.TotalSeconds:0.00} s (upload handler done after {UploadHandler.TotalSeconds:0.00} s)");
        text.AppendLine($"import transactions          {Import.Table} table, {Import.Queue} queue, {Import.Blob} blob ({(double)Import.Total / Connections:0.00} per connection)");
        text.AppendLine($"prompts at zero cadence      {Prompts} in {PromptSeconds:0.0} s = {(Prompts - 1) / Math.Max(PromptSeconds, 1e-9):0.0}/s");
        text.AppendLine($"gap in a page / at a page boundary   {InPageGapMs:0} ms / median {BoundaryGapMs:0} ms, max {BoundaryGapMaxMs:0} ms (first {FirstBoundaryGapMs:0}, last {LastBoundaryGapMs:0})");
        text.AppendLine($"boundary / in-page gap       {BoundaryGapMs / Math.Max(InPageGapMs, 1e-9):0.00}x; storage requests in a gap (median) {InPageGapRequests:0} in a page, {BoundaryGapRequests:0} at a boundary");
        text.AppendLine($"per prompt                   {PerPrompt(PromptCounts.Table):0.0} table, {PerPrompt(PromptCounts.Queue):0.0} queue, {PerPrompt(PromptCounts.Blob):0.0} blob; {PerPrompt(PromptCounts.WorkItemMessages):0.00} activity + {PerPrompt(PromptCounts.ControlMessages):0.00} orchestrator messages");
        text.AppendLine($"idle (paused), per second    {Idle10s.Table / 10.0:0.0} table, {Idle10s.Queue / 10.0:0.0} queue, {Idle10s.Blob / 10.0:0.0} blob");
        text.AppendLine($"status endpoint              median {StatusEndpointMs:0} ms, max {StatusEndpointMaxMs:0} ms; store path (goodwill status) {StatusCliMs:0} ms; {Progress}");
        text.AppendLine($"replies                      {Replies}, {(double)ReplyCounts.Table / Math.Max(Replies, 1):0.0} table transactions each");
        text.AppendLine($"shortlist through storage    {ShortlistMs:0} ms ({ShortlistEntries} entries from {Replies} replies)");
        text.AppendLine($"history rows                 {HistoryRows}");
        text.AppendLine($"memory                       runtime {RuntimeWorkingSet / 1048576.0:0} MB working set ({RuntimeManagedHeap / 1048576.0:0} MB managed), Azurite {(AzuriteResident is { } a ? $"{a / 1048576.0:0} MB" : "n/a")}");
        return text.ToString();
    }

    public static string Markdown(IReadOnlyList<RuntimeResult> results)
    {
        string Row(string name, Func<RuntimeResult, string> cell) => $"| {name} | {string.Join(" | ", results.Select(cell))} |";
        var text = new StringBuilder();
        text.AppendLine($"| | {string.Join(" | ", results.Select(r => $"{r.Connections:N0}"))} |");
        text.AppendLine($"| --- |{string.Concat(results.Select(_ => " ---: |"))}");
        text.AppendLine(Row("upload → first prompt (s)", r => $"{r.FirstPrompt.TotalSeconds:0.00}"));
        text.AppendLine(Row("upload handler done (s)", r => $"{r.UploadHandler.TotalSeconds:0.00}"));
        text.AppendLine(Row("prompts/s at zero cadence", r => $"{(r.Prompts - 1) / Math.Max(r.PromptSeconds, 1e-9):0.0}"));
        text.AppendLine(Row("gap inside a page (ms, median)", r => $"{r.InPageGapMs:0}"));
        text.AppendLine(Row("gap at a page boundary (ms, median / max)", r => $"{r.BoundaryGapMs:0} / {r.BoundaryGapMaxMs:0}"));
        text.AppendLine(Row("boundary gap / gap inside a page", r => $"{r.BoundaryGapMs / Math.Max(r.InPageGapMs, 1e-9):0.00}×"));
        text.AppendLine(Row("storage requests in a gap, inside a page / at a boundary (median)", r => $"{r.InPageGapRequests:0} / {r.BoundaryGapRequests:0}"));
        text.AppendLine(Row("status endpoint (ms, median / max)", r => $"{r.StatusEndpointMs:0} / {r.StatusEndpointMaxMs:0}"));
        text.AppendLine(Row("`goodwill status` store path (ms)", r => $"{r.StatusCliMs:0}"));
        text.AppendLine(Row("shortlist through storage (ms)", r => $"{r.ShortlistMs:0}"));
        text.AppendLine(Row("history rows", r => $"{r.HistoryRows}"));
        text.AppendLine(Row("table / queue / blob transactions per prompt", r => $"{r.PerPrompt(r.PromptCounts.Table):0.0} / {r.PerPrompt(r.PromptCounts.Queue):0.0} / {r.PerPrompt(r.PromptCounts.Blob):0.0}"));
        text.AppendLine(Row("activity / orchestrator messages per prompt", r => $"{r.PerPrompt(r.PromptCounts.WorkItemMessages):0.00} / {r.PerPrompt(r.PromptCounts.ControlMessages):0.00}"));
        text.AppendLine(Row("import transactions per connection", r => $"{(double)r.Import.Total / r.Connections:0.00}"));
        text.AppendLine(Row("table transactions per reply", r => $"{(double)r.ReplyCounts.Table / Math.Max(r.Replies, 1):0.0}"));
        text.AppendLine(Row("idle transactions/s (paused)", r => $"{r.Idle10s.Total / 10.0:0.0}"));
        text.AppendLine(Row("runtime working set (MB)", r => $"{r.RuntimeWorkingSet / 1048576.0:0}"));
        text.AppendLine(Row("Azurite resident (MB)", r => r.AzuriteResident is { } a ? $"{a / 1048576.0:0}" : "n/a"));
        return text.ToString();
    }
}
