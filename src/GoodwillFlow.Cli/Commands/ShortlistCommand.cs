using System.CommandLine;
using GoodwillFlow.Core.Shortlists;
using GoodwillFlow.Local.Hosting;
using GoodwillFlow.Workflow.Shortlists;

namespace GoodwillFlow.Cli.Commands;

/// <summary><c>goodwill shortlist [--format html|csv|json] [--out FILE]</c>: the current shortlist, compiled from the replies so far.</summary>
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
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            parseResult.GetValue(data)!, parseResult.GetValue(campaign), parseResult.GetValue(format), parseResult.GetValue(output), context, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(
        string dataPath, string? campaignId, ShortlistFormat? format, FileInfo? output, CliContext context, CancellationToken cancellationToken)
    {
        await using var session = await LocalStorageSession.OpenAsync(dataPath, connectionString: null, loggerFactory: null, cancellationToken);
        var campaigns = await session.Store.ListCampaignsAsync(cancellationToken);
        var campaign = campaignId is null
            ? campaigns.FirstOrDefault()
            : campaigns.FirstOrDefault(c => string.Equals(c.CampaignId, campaignId, StringComparison.OrdinalIgnoreCase));
        if (campaign is null)
        {
            await context.Error.WriteLineAsync(campaignId is null
                ? "goodwill: there is no campaign yet. Upload your export with `goodwill upload Connections.csv`."
                : $"goodwill: there is no campaign {campaignId}. `goodwill status` lists them.");
            return ExitCodes.Rejected;
        }

        var shortlist = await CampaignShortlist.CompileAsync(session.Store, campaign, context.Time.GetUtcNow(), cancellationToken);
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
