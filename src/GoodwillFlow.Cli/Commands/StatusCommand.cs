using System.CommandLine;
using System.Globalization;
using System.Net.Http.Json;
using GoodwillFlow.Cli.Account;
using GoodwillFlow.Local.Hosting;
using GoodwillFlow.Workflow.Control;
using GoodwillFlow.Workflow.Orchestration;
using GoodwillFlow.Workflow.Http;
using GoodwillFlow.Workflow.Storage;

namespace GoodwillFlow.Cli.Commands;

/// <summary><c>goodwill status [--watch] [--account NAME]</c>: each campaign's progress, with a progress bar, locally or in a deployed app.</summary>
internal static class StatusCommand
{
    private const int BarWidth = 24;

    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var data = DataOption.Create();
        var watch = new Option<bool>("--watch") { Description = "Keep showing progress every few seconds until Ctrl+C." };
        var recount = new Option<bool>("--recount")
        {
            Description = "Count sent prompts and replies again from every stored row and keep the result (the kept counts are otherwise read as they are).",
        };
        var command = new Command("status", "Show each campaign's progress: prompts sent, replies, what comes next.") { data, watch, recount };
        var account = new AccountOptions();
        account.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => account.Read(parseResult) is { } target
            ? AccountSession.RunAsync(
                target, context, (session, token) => RunOnAccountAsync(session, parseResult.GetValue(watch), context, token), cancellationToken)
            : RunAsync(parseResult.GetValue(data)!, parseResult.GetValue(watch), parseResult.GetValue(recount), context, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string dataPath, bool watch, bool recount, CliContext context, CancellationToken cancellationToken)
    {
        using var shutdown = new Local.ShutdownSignal(cancellationToken);
        await using var session = await LocalStorageSession.OpenAsync(dataPath, connectionString: null, loggerFactory: null, shutdown.Token);
        if (recount)
        {
            foreach (var campaign in await session.Store.ListCampaignsAsync(shutdown.Token))
            {
                await session.Store.RecountProgressAsync(campaign.CampaignId, shutdown.Token);
            }
        }

        using var http = session.Runtime is null ? null : new HttpClient { BaseAddress = session.Runtime.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        try
        {
            do
            {
                await WriteStatusAsync(session, http, context, shutdown.Token);
                if (watch)
                {
                    await Task.Delay(TimeSpan.FromSeconds(3), shutdown.Token);
                    await context.Output.WriteLineAsync();
                }
            }
            while (watch);
        }
        catch (OperationCanceledException) when (watch)
        {
            // Ctrl+C ends --watch.
        }

        return ExitCodes.Success;
    }

    private static async Task WriteStatusAsync(LocalStorageSession session, HttpClient? http, CliContext context, CancellationToken cancellationToken)
    {
        var campaigns = await session.Store.ListCampaignsAsync(cancellationToken);
        if (campaigns.Count == 0)
        {
            await context.Output.WriteLineAsync("No campaigns yet. Upload your export with: goodwill upload Connections.csv --owner-email you@example.com");
            return;
        }

        if (http is null)
        {
            await context.Output.WriteLineAsync("(GoodwillFlow is not running: showing stored progress. Start it with `goodwill run`.)");
        }

        foreach (var campaign in campaigns)
        {
            var progress = await session.Store.GetProgressAsync(campaign.CampaignId, cancellationToken);
            var live = http is null ? null : await TryGetLiveStatusAsync(http, campaign.CampaignId, cancellationToken);
            await WriteCampaignAsync(campaign, progress, live?.Orchestration?.CustomStatus, context);
        }
    }

    private static async Task<int> RunOnAccountAsync(AccountSession session, bool watch, CliContext context, CancellationToken cancellationToken)
    {
        using var shutdown = new Local.ShutdownSignal(cancellationToken);
        try
        {
            do
            {
                await WriteAccountStatusAsync(session, context, shutdown.Token);
                if (watch)
                {
                    await Task.Delay(TimeSpan.FromSeconds(10), shutdown.Token);
                    await context.Output.WriteLineAsync();
                }
            }
            while (watch);
        }
        catch (OperationCanceledException) when (watch)
        {
            // Ctrl+C ends --watch.
        }

        return ExitCodes.Success;
    }

    private static async Task WriteAccountStatusAsync(AccountSession session, CliContext context, CancellationToken cancellationToken)
    {
        session.Step = StorageService.Table;
        var campaigns = await session.Store.ListCampaignsAsync(cancellationToken);
        if (campaigns.Count == 0)
        {
            await context.Output.WriteLineAsync(
                $"No campaigns yet in {session.Target.DisplayName}. Upload your export with: goodwill upload Connections.csv --account {session.Target.AccountName ?? "<name>"}");
            return;
        }

        var durable = await session.ConnectDurableAsync(cancellationToken);
        foreach (var campaign in campaigns)
        {
            session.Step = StorageService.Table;
            var progress = await session.Store.GetProgressAsync(campaign.CampaignId, cancellationToken);
            var instance = durable is null ? null : await durable.GetInstanceAsync(campaign.CampaignId, getInputsAndOutputs: true, cancellationToken);
            await WriteCampaignAsync(campaign, progress, instance is null ? null : CampaignControlEvents.ReadCustomStatus(instance), context);
        }
    }

    private static async Task WriteCampaignAsync(CampaignRecord campaign, CampaignProgress progress, CampaignStatus? live, CliContext context)
    {
        var state = live?.State ?? campaign.State.ToString();
        var reason = live?.Reason ?? campaign.StateReason;
        var next = live?.NextSendAt;
        await context.Output.WriteLineAsync(
            $"{campaign.CampaignId}  {campaign.SourceName}  {state}{(reason is null ? "" : $" ({reason})")}");
        await context.Output.WriteLineAsync(
            $"  {Bar(progress.Sent, progress.Total)} {progress.Sent}/{progress.Total} prompts sent · {progress.Replied} replied" +
            (next is { } at ? $" · next {at.ToLocalTime().ToString("ddd d MMM HH:mm:ss", CultureInfo.InvariantCulture)}" : ""));
    }

    private static async Task<CampaignStatusResponse?> TryGetLiveStatusAsync(HttpClient http, string campaignId, CancellationToken cancellationToken)
    {
        try
        {
            return await http.GetFromJsonAsync<CampaignStatusResponse>($"api/campaigns/{campaignId}", CampaignApiHandler.JsonOptions, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or System.Text.Json.JsonException or TaskCanceledException)
        {
            return null;
        }
    }

    /// <summary>Renders a text progress bar such as <c>[██████░░░░]</c>.</summary>
    internal static string Bar(int done, int total)
    {
        var filled = total == 0 ? 0 : (int)Math.Round((double)BarWidth * Math.Min(done, total) / total);
        return $"[{new string('█', filled)}{new string('░', BarWidth - filled)}]";
    }
}
