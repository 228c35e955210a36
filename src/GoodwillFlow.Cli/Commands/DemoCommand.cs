using System.CommandLine;
using System.Diagnostics;
using GoodwillFlow.Cli.Demo;
using GoodwillFlow.Cli.Local;
using GoodwillFlow.Core.Shortlists;
using GoodwillFlow.Local.Hosting;
using GoodwillFlow.Workflow.Control;
using GoodwillFlow.Workflow.Http;
using GoodwillFlow.Workflow.Storage;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace GoodwillFlow.Cli.Commands;

/// <summary>
/// <c>goodwill demo [--out DIR]</c>: runs the bundled sample export through the real local runtime with a cadence of
/// seconds, answers the prompts as a scripted owner would, and writes the shortlist next to the outbox.
/// </summary>
internal static class DemoCommand
{
    /// <summary>The demo owner's address (a reserved example domain: nothing is ever delivered).</summary>
    public const string OwnerEmail = "owner@example.com";

    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var output = new Option<DirectoryInfo>("--out")
        {
            Description = "Folder for the outbox and the shortlist (default goodwill-demo). Its earlier demo data is replaced.",
            HelpName = "dir",
            DefaultValueFactory = _ => new DirectoryInfo("goodwill-demo"),
        };
        var interval = new Option<TimeSpan>("--interval")
        {
            Description = "The gap between prompts (default 00:00:00.2).",
            HelpName = "hh:mm:ss",
            DefaultValueFactory = _ => TimeSpan.FromMilliseconds(200),
        };
        var verbose = new Option<bool>("--verbose") { Description = "Show the runtime's logs." };
        var digest = new Option<bool>("--digest") { Description = "Send the prompts as daily digests; the scripted owner answers part of each digest in one emailed reply." };
        var command = new Command("demo", "Run the sample export through the real workflow in about a minute, with simulated replies, and show the shortlist.")
        {
            output,
            interval,
            verbose,
            digest,
        };
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            parseResult.GetValue(output)!, parseResult.GetValue(interval), parseResult.GetValue(verbose), parseResult.GetValue(digest), context, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(DirectoryInfo output, TimeSpan interval, bool verbose, bool digest, CliContext context, CancellationToken cancellationToken)
    {
        using var shutdown = new ShutdownSignal(cancellationToken);
        var clock = Stopwatch.StartNew();
        var outDir = output.FullName;
        var dataPath = Path.Combine(outDir, ".data");
        var outbox = Path.Combine(outDir, "outbox");
        ResetFolder(dataPath);
        ResetFolder(outbox);
        var sample = await DemoArchive.WriteAsync(outDir, shutdown.Token);

        await context.Output.WriteLineAsync($"GoodwillFlow demo: the sample export (invented people) through the real workflow, one prompt every {interval.TotalSeconds:0.##} s.");
        await context.Output.WriteLineAsync("Starting local storage, the durable engine and the reply page...");
        // Nothing of the demo's storage outlives it (the outbox and the shortlist are plain files), so Azurite keeps it in memory.
        var options = new LocalRuntimeOptions { DataPath = dataPath, HttpPort = 0, UploadPollInterval = TimeSpan.FromMilliseconds(500), InMemoryStorage = true };
        options.Settings["Goodwill:OwnerEmail"] = OwnerEmail;
        options.Settings["Goodwill:FixedInterval"] = interval.ToString("c");
        // The scripted owner ends the wait for late answers once it has answered everything (below); this only bounds it.
        options.Settings["Goodwill:GracePeriod"] = "00:00:10";
        options.Settings["Goodwill:TargetCompanies"] = "Contoso,Fabrikam";
        options.Settings["Goodwill:TargetRoles"] = "engineering manager";
        options.Settings["Goodwill:ShortlistSize"] = "30";

        // Prompts come seconds apart here, not hours: close the schedule up at once after answers ahead.
        options.Settings["DripCampaign:ReplanDebounce"] = interval.ToString("c");
        options.Settings["Email:Provider"] = "Outbox";
        options.Settings["Email:OutboxPath"] = outbox;
        options.Settings["Email:InboundDomain"] = "inbound.example.com";
        if (digest)
        {
            options.Settings["DripCampaign:Delivery"] = "Digest";
        }

        await using var runtime = await LocalRuntime.StartAsync(options, configuration: null, ConsoleLogging.Configure(verbose, quiet: !verbose), shutdown.Token);
        await runtime.UploadAsync(sample, metadata: null, shutdown.Token);
        var campaignId = await StartCampaignAsync(runtime, context, shutdown.Token);
        if (campaignId is null)
        {
            return ExitCodes.InternalError;
        }

        using var http = new HttpClient { BaseAddress = runtime.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var links = runtime.Services.GetRequiredService<GoodwillFlow.Workflow.Replies.ReplyLinks>();
        var owner = new ScriptedOwner(http, outbox, OwnerEmail, runtime.InboundSecret)
        {
            ConnectionOf = page => links.Verify(page.Segments[^1]).Token?.ConnectionId,
        };
        var store = runtime.Services.GetRequiredService<ICampaignStore>();
        var total = (await store.GetProgressAsync(campaignId, shutdown.Token)).Total;
        await context.Output.WriteLineAsync($"Campaign {campaignId}: {total} prompts to send. The scripted owner answers each one as it arrives.");
        await DemoArchive.PrintEvidenceAsync(store, campaignId, context.Output, shutdown.Token);
        var campaignPage = links.OwnerPageUrl((await store.FindCampaignAsync(campaignId, shutdown.Token))!);
        await context.Output.WriteLineAsync($"Your campaign page (progress, the shortlist so far, pause, work ahead): {campaignPage}");
        var workedAhead = false;
        var doneAnswering = false;

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(shutdown.Token);
        deadline.CancelAfter(TimeSpan.FromMinutes(5) + (interval * total));
        OrchestrationMetadata? finished = null;
        var lastLine = "";
        while (finished is null)
        {
            await owner.AnswerNewPromptsAsync(deadline.Token);
            var progress = await store.GetProgressAsync(campaignId, deadline.Token);
            if (!workedAhead && progress.Sent >= 5)
            {
                // A free moment: the owner opens the campaign page and answers the next five prompts before they are sent.
                await owner.WorkAheadAsync(campaignPage, deadline.Token);
                await context.Output.WriteLineAsync($"  The owner worked ahead on the campaign page: {owner.Ahead} prompts answered before they were sent.");
                workedAhead = true;
            }

            if (!doneAnswering && owner.ByPage + owner.ByEmail + owner.Skipped >= total
                && (await store.FindCampaignAsync(campaignId, deadline.Token))?.State == CampaignState.AwaitingReplies)
            {
                // Every prompt is answered and the drip is only waiting for late answers: stop, as an owner who is done
                // would. A stop during that wait completes the campaign and sends the shortlist.
                await CampaignControlEvents.RaiseAsync(store, runtime.Client, campaignId, CampaignControl.Stop, deadline.Token);
                doneAnswering = true;
            }

            var line = $"  {StatusCommand.Bar(progress.Sent, progress.Total)} {progress.Sent}/{progress.Total} sent · {progress.Replied} answered";
            if (line != lastLine)
            {
                await context.Output.WriteLineAsync(line);
                lastLine = line;
            }

            var instance = await runtime.Client.GetInstanceAsync(campaignId, getInputsAndOutputs: false, deadline.Token);
            if (instance is { IsCompleted: true })
            {
                finished = instance;
            }
            else
            {
                await Task.Delay(250, deadline.Token);
            }
        }

        if (finished.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
        {
            await context.Error.WriteLineAsync($"goodwill: the campaign ended as {finished.RuntimeStatus}: {finished.FailureDetails?.ErrorMessage}");
            return ExitCodes.InternalError;
        }

        var files = runtime.Services.GetRequiredService<ICampaignFiles>();
        foreach (var format in Enum.GetValues<ShortlistFormat>())
        {
            var bytes = await files.ReadShortlistAsync(campaignId, format, shutdown.Token)
                ?? throw new InvalidOperationException("The campaign completed without storing its shortlist.");
            await File.WriteAllBytesAsync(Path.Combine(outDir, $"shortlist.{ShortlistRenderer.FileExtension(format)}"), bytes, shutdown.Token);
        }

        var campaign = await store.FindCampaignAsync(campaignId, shutdown.Token);
        var shortlist = await GoodwillFlow.Workflow.Shortlists.CampaignShortlist.CompileAsync(store, campaign!, context.Time.GetUtcNow(), shutdown.Token);
        await context.Output.WriteLineAsync();
        ShortlistTable.Write(shortlist, context.Output);
        await context.Output.WriteLineAsync($"""

            The replies were simulated: a scripted owner answered {owner.ByPage} prompts on the reply page ({owner.Ahead} of them ahead of schedule, from the campaign page), {owner.ByEmail} by email (through the Inbound Parse endpoint) and skipped {owner.Skipped}.
            Nothing was sent to anyone: every email is a file in the outbox.
              outbox     {outbox}
              shortlist  {Path.Combine(outDir, "shortlist.html")} (also .csv and .json)
            Finished in {clock.Elapsed.TotalSeconds:0} s. Run your own export with: goodwill run, then goodwill upload Connections.csv --owner-email you@example.com
            """);
        return ExitCodes.Success;
    }

    private static async Task<string?> StartCampaignAsync(LocalRuntime runtime, CliContext context, CancellationToken cancellationToken)
    {
        // Handle the upload now rather than waiting for the watcher's next look.
        await runtime.Uploads.PollOnceAsync(cancellationToken);
        var store = runtime.Services.GetRequiredService<ICampaignStore>();
        var campaigns = await store.ListCampaignsAsync(cancellationToken);
        if (campaigns.FirstOrDefault() is { } campaign)
        {
            return campaign.CampaignId;
        }

        await context.Error.WriteLineAsync("goodwill: the sample export did not start a campaign; run with --verbose to see why.");
        return null;
    }

    /// <summary>Writes the bundled sample export to <paramref name="path"/>.</summary>
    internal static async Task WriteSampleAsync(string path, CancellationToken cancellationToken)
    {
        await using var resource = typeof(DemoCommand).Assembly.GetManifestResourceStream("GoodwillFlow.Cli.Demo.Connections.csv")
            ?? throw new InvalidOperationException("The sample export is missing from this build.");
        await using var file = File.Create(path);
        await resource.CopyToAsync(file, cancellationToken);
    }

    private static void ResetFolder(string path)
    {
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }

        Directory.CreateDirectory(path);
    }
}
