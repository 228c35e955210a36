using System.Diagnostics;
using System.Globalization;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using GoodwillFlow.Core.Connections;
using GoodwillFlow.Core.Planning;
using GoodwillFlow.Core.Replies;
using GoodwillFlow.Local.Storage;
using GoodwillFlow.Workflow.Configuration;
using GoodwillFlow.Workflow.Orchestration;
using GoodwillFlow.Workflow.Shortlists;
using GoodwillFlow.Workflow.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace GoodwillFlow.Benchmarks;

/// <summary>
/// The owner page's, the re-plan's and a prompt's storage reads on Azurite at campaign scale, before and after they were
/// narrowed (issue 9), alternately in the same run: wall-clock medians and the storage requests of each, which do not
/// depend on the machine's load.
/// </summary>
/// <remarks>
/// <c>dotnet run -c Release --project bench/GoodwillFlow.Benchmarks -- owner-reads [connections] [replies] [rounds]</c>
/// (defaults 30,000, 1,500 and 5). "Before" replays the requests the code made before (the page read the replies and
/// filtered every connection row on its replied mark, then the shortlist did both again; the re-plan read every
/// connection row and then every id; a prompt read the campaign and the connection after its claim) through the same
/// clients; "after" calls the code as it is.
/// </remarks>
public static class OwnerReadsRun
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    public static async Task<int> RunAsync(string[] args)
    {
        var size = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : ConnectionsExportGenerator.LinkedInConnectionCap;
        var replyCount = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_500;
        var rounds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5;
        var folder = Path.Combine(Path.GetTempPath(), "goodwill-owner-reads-" + Guid.NewGuid().ToString("N")[..8]);
        // Disposed in the finally below, before its folder is deleted.
        var azurite = await AzuriteProcess.StartAsync(new AzuriteOptions { DataPath = folder }, NullLogger.Instance, CancellationToken.None);
        try
        {
            var counter = new RequestCounter();
            var clientOptions = new TableClientOptions();
            clientOptions.AddPolicy(counter, HttpPipelinePosition.PerCall);
            var service = new TableServiceClient(azurite.ConnectionString, clientOptions);
            var store = new TableCampaignStore(service, Options.Create(new StorageOptions()));
            var connectionsTable = service.GetTableClient(store.TableNames[1]);
            var campaignId = Guid.NewGuid().ToString("N")[..16];
            var campaign = Campaign(campaignId);

            var clock = Stopwatch.StartNew();
            await store.SaveCampaignAsync(campaign, CancellationToken.None);
            await store.BeginImportAsync(campaignId, size, CancellationToken.None);
            await store.AddConnectionsAsync(campaignId, Enumerable.Range(0, size).Select(i => Row(i)).ToList(), CancellationToken.None);
            await store.CompleteImportAsync(campaignId, CancellationToken.None);
            Console.WriteLine($"SEED {size} connections stored in {clock.Elapsed.TotalSeconds:0.0} s");

            clock.Restart();
            var step = Math.Max(1, size / Math.Max(1, replyCount));
            await Parallel.ForEachAsync(
                Enumerable.Range(0, replyCount),
                new ParallelOptions { MaxDegreeOfParallelism = 8 },
                async (i, ct) => await store.SaveReplyAsync(Reply(campaignId, (i * step) % size, i), ct));
            Console.WriteLine($"SEED {replyCount} replies saved in {clock.Elapsed.TotalSeconds:0.0} s");

            var results = new List<(string Name, double Ms, int Requests)>();

            async Task MeasureAsync(string name, Func<Task> action)
            {
                counter.Reset();
                var watch = Stopwatch.StartNew();
                await action();
                results.Add((name, watch.Elapsed.TotalMilliseconds, counter.Count));
            }

            // Warm both paths (JIT, Azurite's first queries) before anything is timed.
            var read = await CampaignShortlist.ReadRepliesAsync(store, campaignId, CancellationToken.None);
            Console.WriteLine($"SEED {read.Replies.Count} replies from {read.Connections.Count} connections read back");
            await PageBeforeAsync(store, connectionsTable, campaign, read);
            await PageAfterAsync(store, campaign);
            for (var round = 0; round < rounds; round++)
            {
                await MeasureAsync("page reads + shortlist, before", () => PageBeforeAsync(store, connectionsTable, campaign, read));
                await MeasureAsync("page reads + shortlist, after", () => PageAfterAsync(store, campaign));
                await MeasureAsync("re-plan reads at cursor 1,000, before", () => ReplanReadsBeforeAsync(store, campaignId));
                await MeasureAsync("re-plan reads at cursor 1,000, after", () => ReplanReadsAfterAsync(store, campaignId, 1_000));
                await MeasureAsync($"re-plan reads at cursor {size - 1_000:N0}, before", () => ReplanReadsBeforeAsync(store, campaignId));
                await MeasureAsync($"re-plan reads at cursor {size - 1_000:N0}, after", () => ReplanReadsAfterAsync(store, campaignId, size - 1_000));
            }

            // Whole re-plans (reads and writes of every open prompt's time), once each: the writes are the same in both.
            var replan = new ReplanScheduleActivity(store, NullLogger<ReplanScheduleActivity>.Instance);
            await MeasureAsync($"whole re-plan at cursor {size - 1_000:N0}, after", () => replan.RunAsync(new ReplanInput(campaignId, size - 1_000, Start.AddDays(1)), CancellationToken.None));
            await MeasureAsync($"whole re-plan at cursor {size - 1_000:N0}, before (reads + same writes)", async () =>
            {
                await ReplanReadsBeforeAsync(store, campaignId);
                await replan.RunAsync(new ReplanInput(campaignId, size - 1_000, Start.AddDays(2)), CancellationToken.None);
            });

            // A prompt's storage requests: 40 prompts each way, from the head of the schedule (no email is sent here).
            var prompt = 0;
            for (var round = 0; round < 40; round++)
            {
                var before = $"{prompt++:x16}";
                await MeasureAsync("prompt claim + reads + sent mark, before", async () =>
                {
                    if (await store.TryClaimSendAsync(campaignId, before, CancellationToken.None))
                    {
                        _ = await store.FindCampaignAsync(campaignId, CancellationToken.None);
                        _ = await store.FindConnectionAsync(campaignId, before, CancellationToken.None);
                        await store.MarkSentAsync(campaignId, before, Start, CancellationToken.None);
                    }
                });
                var after = $"{prompt++:x16}";
                await MeasureAsync("prompt claim + reads + sent mark, after", async () =>
                {
                    var campaignRead = store.FindCampaignAsync(campaignId, CancellationToken.None);
                    if (await store.ClaimSendAsync(campaignId, after, CancellationToken.None) is not null)
                    {
                        _ = await campaignRead;
                        await store.MarkSentAsync(campaignId, after, Start, CancellationToken.None);
                    }
                });
            }

            Console.WriteLine();
            Console.WriteLine($"OWNER READS at {size:N0} connections, {replyCount:N0} replies, {rounds} rounds (medians; requests per call)");
            Console.WriteLine($"{"what",-72} {"ms",10} {"requests",9}");
            var medians = new Dictionary<string, double>();
            foreach (var group in results.GroupBy(r => r.Name))
            {
                var times = group.Select(r => r.Ms).Order().ToList();
                var requests = group.Select(r => r.Requests).Order().ToList();
                medians[group.Key] = times[times.Count / 2];
                Console.WriteLine($"{group.Key,-72} {medians[group.Key],10:0.0} {requests[requests.Count / 2],9}");
            }

            foreach (var (what, before, after) in new[]
            {
                ("page", "page reads + shortlist, before", "page reads + shortlist, after"),
                ("re-plan reads near the end", $"re-plan reads at cursor {size - 1_000:N0}, before", $"re-plan reads at cursor {size - 1_000:N0}, after"),
                ("prompt", "prompt claim + reads + sent mark, before", "prompt claim + reads + sent mark, after"),
            })
            {
                Console.WriteLine($"RATIO {what}: after / before = {medians[after] / medians[before]:0.00}");
            }

            return 0;
        }
        finally
        {
            await azurite.DisposeAsync();
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    /// <summary>What the owner page read before: the replies and the filtered replied rows for its answers, then both again for the shortlist.</summary>
    private static async Task PageBeforeAsync(ICampaignStore store, TableClient connections, CampaignRecord campaign, CampaignReplies alreadyRead)
    {
        for (var pass = 0; pass < 2; pass++)
        {
            _ = await store.GetRepliesAsync(campaign.CampaignId, CancellationToken.None);
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {campaign.CampaignId} and RowKey lt {"~"} and Replied eq {true}");
            await foreach (var row in connections.QueryAsync<TableEntity>(filter))
            {
                _ = row;
            }
        }

        // The compile itself is the same either way (from what those reads returned).
        _ = CampaignShortlist.Compile(campaign, alreadyRead, Start.AddDays(60));
    }

    private static async Task PageAfterAsync(ICampaignStore store, CampaignRecord campaign) =>
        _ = CampaignShortlist.Compile(campaign, await CampaignShortlist.ReadRepliesAsync(store, campaign.CampaignId, CancellationToken.None), Start.AddDays(60));

    /// <summary>What a re-plan read before its writes: every connection row, then (in the store's re-plan) every id.</summary>
    private static async Task ReplanReadsBeforeAsync(ICampaignStore store, string campaignId)
    {
        _ = await store.FindCampaignAsync(campaignId, CancellationToken.None);
        _ = await store.GetConnectionsAsync(campaignId, CancellationToken.None);
        _ = await store.GetConnectionIdsAsync(campaignId, CancellationToken.None);
    }

    private static async Task ReplanReadsAfterAsync(ICampaignStore store, string campaignId, int cursor)
    {
        _ = await store.FindCampaignAsync(campaignId, CancellationToken.None);
        _ = await store.GetProgressAsync(campaignId, CancellationToken.None);
        _ = await store.GetOpenScheduleAsync(campaignId, cursor, CancellationToken.None);
    }

    private static CampaignConnection Row(int i) => new(
        new Connection(
            $"{i:x16}",
            $"First{i}",
            $"Last{i}",
            $"https://www.linkedin.com/in/person-{i}",
            null,
            (i % 7) switch { 0 => "Contoso", 1 => "Fabrikam", 2 => "Northwind Traders", _ => $"Company {i % 500}" },
            (i % 3) switch { 0 => "Engineering Manager", 1 => "Senior Engineer", _ => "Product Designer" },
            new DateOnly(2015, 1, 1).AddDays(i % 3_000)),
        i,
        Start.AddMinutes(i));

    private static RecordedReply Reply(string campaignId, int connection, int i) => new(
        campaignId,
        $"{connection:x16}",
        new ReplyAnswers
        {
            Relationship = (i % 4) switch { 0 => RelationshipKind.Boss, 1 => RelationshipKind.Peer, 2 => RelationshipKind.Client, _ => RelationshipKind.Report },
            HowWeKnow = $"We worked on project {i % 40} together",
            Strength = 1 + (i % 5),
            TheirPerception = 1 + ((i + 2) % 5),
            CouldHelp = i % 3 == 0 ? HelpKind.Refer : HelpKind.None,
            Skip = i % 17 == 0,
        },
        ReplyChannel.ReplyPage,
        Start.AddMinutes(i));

    private static CampaignRecord Campaign(string id) => new(
        id,
        new CampaignSettings(
            "owner@example.com",
            new Cadence { TimeZone = "Europe/London", PromptsPerDay = 5, Days = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday] },
            new OwnerTargets(["Contoso", "Fabrikam"], ["engineering manager"]),
            TimeSpan.FromDays(3),
            50),
        "Connections.csv",
        ["aa11"],
        Start,
        CampaignState.Running,
        null);

    private sealed class RequestCounter : HttpPipelineSynchronousPolicy
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public void Reset() => Interlocked.Exchange(ref _count, 0);

        public override void OnSendingRequest(HttpMessage message) => Interlocked.Increment(ref _count);
    }
}
