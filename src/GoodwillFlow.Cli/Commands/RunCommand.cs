using System.CommandLine;
using GoodwillFlow.Cli.Local;
using GoodwillFlow.Local.Hosting;
using GoodwillFlow.Workflow.Http;
using GoodwillFlow.Workflow.Orchestration;
using GoodwillFlow.Workflow.Replies;
using GoodwillFlow.Workflow.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GoodwillFlow.Cli.Commands;

/// <summary>
/// <c>goodwill run</c>: the whole workflow on this machine — storage, the durable engine, the upload watcher, and the
/// reply page and API on 127.0.0.1 — until Ctrl+C. Campaigns continue where they were on the next run.
/// </summary>
internal static class RunCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var data = DataOption.Create();
        var port = new Option<int>("--port") { Description = "Port for the reply page and API on 127.0.0.1 (default 7071).", DefaultValueFactory = _ => 7071 };
        var verbose = new Option<bool>("--verbose") { Description = "Show framework and engine logs too." };
        var digest = new Option<bool>("--digest") { Description = "Send one email a day holding that day's prompts instead of one email per prompt." };
        var settings = new CampaignSettingOptions();
        var command = new Command("run", "Run GoodwillFlow on this machine: watches for uploads, sends prompts (to the outbox folder unless SendGrid is configured) and serves the reply page.")
        {
            data,
            port,
            verbose,
            digest,
        };
        settings.AddTo(command);
        var mail = new MailServerOptions();
        mail.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
            await mail.ToSettingsAsync(parseResult, context.Error, context.Output) is { } mailSettings
                ? await RunAsync(
                    parseResult.GetValue(data)!, parseResult.GetValue(port), parseResult.GetValue(verbose),
                    new Dictionary<string, string?>(settings.ToSettings(parseResult).Concat(mailSettings).Concat(DeliverySettings(parseResult.GetValue(digest))), StringComparer.OrdinalIgnoreCase), context, cancellationToken)
                : ExitCodes.Rejected);
        return command;
    }

    // Configuration, not a campaign setting: the drip reads it through DripCampaignOptions like any host's settings.
    private static IEnumerable<KeyValuePair<string, string?>> DeliverySettings(bool digest) =>
        digest ? [new($"{DripCampaignOptions.SectionName}:{nameof(DripCampaignOptions.Delivery)}", nameof(PromptDelivery.Digest))] : [];

    private static async Task<int> RunAsync(
        string dataPath, int port, bool verbose, Dictionary<string, string?> settings, CliContext context, CancellationToken cancellationToken)
    {
        if (await LocalRuntimeInfo.ReadLiveAsync(dataPath, cancellationToken) is { } running)
        {
            await context.Error.WriteLineAsync(
                $"goodwill: GoodwillFlow is already running on this data folder (process {running.ProcessId}, {running.BaseAddress}). Stop it first, or use --data for another folder.");
            return ExitCodes.Rejected;
        }

        using var shutdown = new ShutdownSignal(cancellationToken);
        var options = new LocalRuntimeOptions { DataPath = dataPath, HttpPort = port };
        foreach (var (key, value) in settings)
        {
            options.Settings[key] = value;
        }

        // Settings from the environment, as in Azure: Goodwill__OwnerEmail, Email__SendGridApiKey, ...
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        await context.Output.WriteLineAsync("Starting GoodwillFlow (storage, engine, reply page)...");
        LocalRuntime started;
        try
        {
            started = await LocalRuntime.StartAsync(options, configuration, ConsoleLogging.Configure(verbose), shutdown.Token);
        }
        catch (LocalRuntimePortInUseException e)
        {
            await context.Error.WriteLineAsync(
                $"goodwill: 127.0.0.1:{e.Port} is already in use by another program (or another goodwill run). " +
                $"Pick another port with --port, for example: goodwill run --port {(e.Port < 65535 ? e.Port + 1 : 7072)}. Nothing was left running.");
            return ExitCodes.PortInUse;
        }

        await using var runtime = started;

        await context.Output.WriteLineAsync($"""
            GoodwillFlow is running.
              reply page and API  {runtime.BaseAddress}
              outbox              {runtime.OutboxPath}
              data                {Path.GetFullPath(dataPath)}
            Upload your export from another terminal:  goodwill upload Connections.csv --owner-email you@example.com
            Follow progress:                            goodwill status --watch
            Press Ctrl+C to stop; campaigns continue where they were on the next run.
            """);

        foreach (var campaign in await runtime.Services.GetRequiredService<ICampaignStore>().ListCampaignsAsync(shutdown.Token))
        {
            await context.Output.WriteLineAsync($"Your campaign page ({OwnerPageHandler.CampaignName(campaign)}): {runtime.Services.GetRequiredService<ReplyLinks>().OwnerPageUrl(campaign)}");
        }

        var announcer = new OutboxAnnouncer(runtime.OutboxPath, context.Output);
        announcer.SkipExisting();
        try
        {
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
            while (await timer.WaitForNextTickAsync(shutdown.Token))
            {
                announcer.AnnounceNew();
            }
        }
        catch (OperationCanceledException)
        {
            await context.Output.WriteLineAsync("Stopping GoodwillFlow...");
        }

        return ExitCodes.Success;
    }
}
