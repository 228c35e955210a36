using System.CommandLine;
using GoodwillFlow.Cli.Account;
using GoodwillFlow.Core.Shortlists;
using GoodwillFlow.Local.Hosting;
using GoodwillFlow.Workflow.Shortlists;
using GoodwillFlow.Workflow.Storage;

namespace GoodwillFlow.Cli.Commands;

/// <summary><c>goodwill shortlist [--format html|csv|json] [--out FILE] [--account NAME]</c>: the current shortlist, compiled from the replies so far, of the local runtime or of a deployed app.</summary>
internal static class ShortlistCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var data = DataOption.Create();
        var campaign = new Option<string?>("--campaign") { Description = "The campaign id (default: the newest campaign).", HelpName = "id" };
        var format = new Option<ShortlistFormat?>("--format") { Description = "html, csv or json (default: a table on the console, or html with --out).", HelpName = "format" };
        var output = new Option<FileInfo?>("--out") { Description = "Write to this file instead of the console.", HelpName = "file" };
        var command = new Command("shortlist", "Show or save the outreach shortlist: who to contact first, why, and how to open.")
        {
            data,
            campaign,
            format,
            output,
        };
        var account = new AccountOptions();
        account.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => account.Read(parseResult) is { } target
            ? AccountSession.RunAsync(
                target,
                context,
                (session, token) => RunOnAccountAsync(session, parseResult.GetValue(campaign), parseResult.GetValue(format), parseResult.GetValue(output), context, token),
                cancellationToken)
            : RunAsync(parseResult.GetValue(data)!, parseResult.GetValue(campaign), parseResult.GetValue(format), parseResult.GetValue(output), context, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(
        string dataPath, string? campaignId, ShortlistFormat? format, FileInfo? output, CliContext context, CancellationToken cancellationToken)
    {
        await using var session = await LocalStorageSession.OpenAsync(dataPath, connectionString: null, loggerFactory: null, cancellationToken);
        var campaign = await CampaignChoice.FindAsync(session.Store, campaignId, "goodwill upload Connections.csv", context, cancellationToken);
        if (campaign is null)
        {
            return ExitCodes.Rejected;
        }

        return await WriteAsync(session.Store, campaign, format, output, context, cancellationToken);
    }

    private static async Task<int> RunOnAccountAsync(
        AccountSession session, string? campaignId, ShortlistFormat? format, FileInfo? output, CliContext context, CancellationToken cancellationToken)
    {
        var campaign = await CampaignChoice.FindAsync(
            session.Store, campaignId, $"goodwill upload Connections.csv --account {session.Target.AccountName ?? "<name>"}", context, cancellationToken);
        return campaign is null ? ExitCodes.Rejected : await WriteAsync(session.Store, campaign, format, output, context, cancellationToken);
    }

    private static async Task<int> WriteAsync(
        ICampaignStore store, CampaignRecord campaign, ShortlistFormat? format, FileInfo? output, CliContext context, CancellationToken cancellationToken)
    {
        var shortlist = await CampaignShortlist.CompileAsync(store, campaign, context.Time.GetUtcNow(), cancellationToken);
        if (output is not null)
        {
            var chosen = format ?? ShortlistFormat.Html;
            await File.WriteAllBytesAsync(output.FullName, ShortlistRenderer.Render(shortlist, chosen), cancellationToken);
            await context.Output.WriteLineAsync($"Wrote {shortlist.Entries.Count} people to {output.FullName}.");
        }
        else if (format is { } chosen)
        {
            await context.Output.WriteAsync(System.Text.Encoding.UTF8.GetString(ShortlistRenderer.Render(shortlist, chosen)).TrimStart('\uFEFF'));
        }
        else
        {
            ShortlistTable.Write(shortlist, context.Output);
        }

        return ExitCodes.Success;
    }
}
