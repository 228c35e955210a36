using GoodwillFlow.Workflow.Storage;

namespace GoodwillFlow.Cli.Commands;

/// <summary>The <c>--campaign</c> option's rule: the campaign named, or the newest one.</summary>
internal static class CampaignChoice
{
    /// <summary>Finds the campaign, or writes why there is none to stderr and returns null.</summary>
    public static async Task<CampaignRecord?> FindAsync(
        ICampaignStore store, string? campaignId, string uploadHint, CliContext context, CancellationToken cancellationToken)
    {
        var campaigns = await store.ListCampaignsAsync(cancellationToken);
        var campaign = campaignId is null
            ? campaigns.FirstOrDefault()
            : campaigns.FirstOrDefault(c => string.Equals(c.CampaignId, campaignId, StringComparison.OrdinalIgnoreCase));
        if (campaign is null)
        {
            await context.Error.WriteLineAsync(campaignId is null
                ? $"goodwill: there is no campaign yet. Upload your export with `{uploadHint}`."
                : $"goodwill: there is no campaign {campaignId}. `goodwill status` lists them.");
        }

        return campaign;
    }
}
