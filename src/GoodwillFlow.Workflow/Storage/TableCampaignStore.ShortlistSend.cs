using Azure;
using Azure.Data.Tables;
using static GoodwillFlow.Workflow.Storage.TableEntityMapping;

namespace GoodwillFlow.Workflow.Storage;

/// <summary>The shortlist email's send mark: one row per campaign, claimed and marked like a prompt's.</summary>
public sealed partial class TableCampaignStore
{
    /// <summary>
    /// The shortlist email's mark, in the connections' partition (deleted with the campaign) after every connection id
    /// and the counters and before the schedule rows, so no connection, page or recount query reads it.
    /// </summary>
    private const string ShortlistSendRowKey = "~e";

    /// <inheritdoc />
    public async Task<bool> TryClaimShortlistSendAsync(string campaignId, CancellationToken cancellationToken)
    {
        ValidateKey(campaignId, nameof(campaignId));
        await EnsureTablesAsync(cancellationToken);
        var current = await _connections.GetEntityIfExistsAsync<TableEntity>(campaignId, ShortlistSendRowKey, SendStateOnly, cancellationToken);
        var claim = new TableEntity(campaignId, ShortlistSendRowKey) { ["SendState"] = nameof(PromptSendState.Claimed) };
        try
        {
            if (!current.HasValue)
            {
                // Add fails with 409 when another caller created the row first: of two, one claims.
                await _connections.AddEntityAsync(claim, cancellationToken);
                return true;
            }

            if (ReadSendState(current.Value!) != PromptSendState.Pending)
            {
                return false;
            }

            // A released claim: the ETag makes this a compare-and-swap, as for prompts.
            await _connections.UpdateEntityAsync(claim, current.Value!.ETag, TableUpdateMode.Merge, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412 or 404)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public async Task<PromptSendState> GetShortlistSendStateAsync(string campaignId, CancellationToken cancellationToken)
    {
        ValidateKey(campaignId, nameof(campaignId));
        await EnsureTablesAsync(cancellationToken);
        var current = await _connections.GetEntityIfExistsAsync<TableEntity>(campaignId, ShortlistSendRowKey, SendStateOnly, cancellationToken);
        return current.HasValue ? ReadSendState(current.Value!) : PromptSendState.Pending;
    }

    /// <inheritdoc />
    public async Task ReleaseShortlistClaimAsync(string campaignId, CancellationToken cancellationToken)
    {
        ValidateKey(campaignId, nameof(campaignId));
        await ReleaseClaimedRowAsync(campaignId, ShortlistSendRowKey, cancellationToken);
    }

    /// <inheritdoc />
    public async Task MarkShortlistSentAsync(string campaignId, DateTimeOffset sentAt, CancellationToken cancellationToken)
    {
        ValidateKey(campaignId, nameof(campaignId));
        await EnsureTablesAsync(cancellationToken);
        var mark = new TableEntity(campaignId, ShortlistSendRowKey)
        {
            ["SendState"] = nameof(PromptSendState.Sent),
            ["SentAt"] = sentAt.ToUniversalTime(),
        };
        await _connections.UpsertEntityAsync(mark, TableUpdateMode.Merge, cancellationToken);
    }
}
