using System.CommandLine;
using System.Net;
using System.Text.Json;
using GoodwillFlow.Cli.Account;
using GoodwillFlow.Local.Hosting;
using GoodwillFlow.Workflow.Control;
using GoodwillFlow.Workflow.Http;

namespace GoodwillFlow.Cli.Commands;

/// <summary>
/// <c>goodwill pause|resume|stop [--campaign ID] [--account NAME]</c>: raises the owner's control event on a campaign of the
/// running local runtime (through its campaign API) or of a deployed app (through its task hub, with your Azure sign-in).
/// </summary>
internal static class ControlCommand
{
    /// <summary>Creates the command for <paramref name="action"/>.</summary>
    public static Command Create(CampaignControl action, CliContext context)
    {
        var verb = Verb(action);
        var data = DataOption.Create();
        var campaign = new Option<string?>("--campaign") { Description = "The campaign id (default: the newest campaign).", HelpName = "id" };
        var command = new Command(verb, action switch
        {
            CampaignControl.Pause => "Pause a campaign: no more prompts until you resume it.",
            CampaignControl.Resume => "Resume a paused campaign where it stopped.",
            _ => "Stop a campaign now and compile its shortlist from the replies so far.",
        })
        {
            data,
            campaign,
        };
        var account = new AccountOptions();
        account.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => account.Read(parseResult) is { } target
            ? AccountSession.RunAsync(
                target, context, (session, token) => RunOnAccountAsync(session, parseResult.GetValue(campaign), action, context, token), cancellationToken)
            : RunLocalAsync(parseResult.GetValue(data)!, parseResult.GetValue(campaign), action, context, cancellationToken));
        return command;
    }

    private static async Task<int> RunLocalAsync(string dataPath, string? campaignId, CampaignControl action, CliContext context, CancellationToken cancellationToken)
    {
        // Events are taken by the running workflow; without it there is nothing to tell.
        if (await LocalRuntimeInfo.ReadLiveAsync(dataPath, cancellationToken) is not { } runtime)
        {
            await context.Error.WriteLineAsync(
                $"goodwill: GoodwillFlow is not running on {Path.GetFullPath(dataPath)}. Start it with `goodwill run`, then {Verb(action)} the campaign.");
            return ExitCodes.Rejected;
        }

        await using var session = await LocalStorageSession.OpenAsync(dataPath, runtime.StorageConnectionString, loggerFactory: null, cancellationToken);
        var campaign = await CampaignChoice.FindAsync(session.Store, campaignId, "goodwill upload Connections.csv", context, cancellationToken);
        if (campaign is null)
        {
            return ExitCodes.Rejected;
        }

        using var http = new HttpClient { BaseAddress = runtime.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        using var response = await http.PostAsync(
            new Uri($"api/campaigns/{campaign.CampaignId}/{Verb(action)}", UriKind.Relative), content: null, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Accepted)
        {
            await context.Output.WriteLineAsync($"Asked campaign {campaign.CampaignId} to {Verb(action)}. `goodwill status` shows it within seconds.");
            return ExitCodes.Success;
        }

        await context.Error.WriteLineAsync($"goodwill: campaign {campaign.CampaignId} was not asked to {Verb(action)}: {await ProblemDetailAsync(response, cancellationToken)}");
        return ExitCodes.Rejected;
    }

    private static async Task<int> RunOnAccountAsync(
        AccountSession session, string? campaignId, CampaignControl action, CliContext context, CancellationToken cancellationToken)
    {
        var uploadHint = $"goodwill upload Connections.csv --account {session.Target.AccountName ?? "<name>"}";
        var campaign = await CampaignChoice.FindAsync(session.Store, campaignId, uploadHint, context, cancellationToken);
        if (campaign is null)
        {
            return ExitCodes.Rejected;
        }

        var durable = await session.ConnectDurableAsync(cancellationToken);
        if (durable is null)
        {
            await context.Error.WriteLineAsync(
                $"goodwill: the app has not started the workflow of campaign {campaign.CampaignId} in {session.Target.DisplayName} yet, so there is nothing to {Verb(action)}.");
            return ExitCodes.Rejected;
        }

        var outcome = await CampaignControlEvents.RaiseAsync(session.Store, durable, campaign.CampaignId, action, cancellationToken);
        switch (outcome.Result)
        {
            case CampaignControlResult.Raised:
                await context.Output.WriteLineAsync(
                    $"Asked campaign {campaign.CampaignId} to {Verb(action)}. The app acts on it when it next wakes (usually within a minute); " +
                    $"`goodwill status --account {session.Target.AccountName ?? "<name>"}` shows it.");
                return ExitCodes.Success;
            case CampaignControlResult.NotRunning:
                await context.Error.WriteLineAsync(
                    $"goodwill: campaign {campaign.CampaignId} is not running (its orchestration is {outcome.RuntimeStatus}), so there is nothing to {Verb(action)}.");
                return ExitCodes.Rejected;
            default:
                await context.Error.WriteLineAsync($"goodwill: there is no campaign {campaign.CampaignId}. It may have been deleted.");
                return ExitCodes.Rejected;
        }
    }

    private static string Verb(CampaignControl action) => action.ToString().ToLowerInvariant();

    private static async Task<string> ProblemDetailAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            using var problem = JsonDocument.Parse(body);
            if (problem.RootElement.TryGetProperty("detail", out var detail) && detail.GetString() is { Length: > 0 } text)
            {
                return text;
            }
        }
        catch (JsonException)
        {
            // Not a problem document: fall back to the status code.
        }

        return $"the runtime answered {(int)response.StatusCode} {response.ReasonPhrase}.";
    }
}
