using GoodwillFlow.Workflow.Storage;

namespace GoodwillFlow.Workflow.WorkAhead;

/// <summary>A prompt the owner can answer before the drip sends it.</summary>
/// <param name="ConnectionId">The connection the prompt is about.</param>
/// <param name="Sequence">Its place in the send order.</param>
/// <param name="DisplayName">The connection's name, for the page.</param>
public sealed record WorkAheadPrompt(string ConnectionId, int Sequence, string DisplayName);

/// <summary>
/// Working ahead of the drip: the next prompts the owner has neither been sent nor answered, in send order, so the owner
/// page can open their reply forms one after another.
/// </summary>
/// <remarks>
/// Cheap at any campaign size: the drip sends in sequence order, so every prompt before sequence
/// <see cref="CampaignProgress.Sent"/> is sent (or answered ahead) and the search starts there, not at 0. The first page
/// read covers the prompts answered ahead since (they sit right after the drip's cursor), and each row's send state and
/// reply mark say whether it is still open: no per-row reply lookups.
/// </remarks>
public sealed class WorkAheadService(ICampaignStore store)
{
    private const int MaxPageSize = 200;

    /// <summary>Rows read beyond the expected ones: a send under way, a reply saved before its mark.</summary>
    private const int Slack = 8;

    /// <summary>Returns up to <paramref name="count"/> prompts not yet sent, claimed or answered, in send order.</summary>
    public async Task<IReadOnlyList<WorkAheadPrompt>> NextAsync(string campaignId, int count, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var found = new List<WorkAheadPrompt>(count);
        if (count == 0)
        {
            return found;
        }

        var progress = await store.GetProgressAsync(campaignId, cancellationToken);
        var from = progress.Sent;
        var pageSize = Math.Clamp(count + progress.AnsweredAhead + Slack, 1, MaxPageSize);
        while (found.Count < count)
        {
            var page = await store.GetSchedulePageAsync(campaignId, from, pageSize, cancellationToken);
            foreach (var row in page)
            {
                if (IsOpen(row))
                {
                    found.Add(new WorkAheadPrompt(row.Connection.Id, row.Sequence, row.Connection.DisplayName));
                    if (found.Count == count)
                    {
                        break;
                    }
                }
            }

            if (page.Count < pageSize)
            {
                break;
            }

            from = page[^1].Sequence + 1;
            pageSize = Math.Clamp(((count - found.Count) * 2) + Slack, 1, MaxPageSize);
        }

        return found;
    }

    /// <summary>Not sent, not going out, not answered: the reply mark also covers a reply recorded before the prompt was marked.</summary>
    private static bool IsOpen(CampaignConnection row) => row.SendState == PromptSendState.Pending && !row.Replied;
}
