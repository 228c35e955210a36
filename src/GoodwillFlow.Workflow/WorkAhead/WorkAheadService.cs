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
public sealed class WorkAheadService(ICampaignStore store)
{
    private const int PageSize = 100;

    /// <summary>Returns up to <paramref name="count"/> prompts not yet sent, claimed or answered, in send order.</summary>
    public async Task<IReadOnlyList<WorkAheadPrompt>> NextAsync(string campaignId, int count, CancellationToken cancellationToken)
    {
        var found = new List<WorkAheadPrompt>(count);
        var from = 0;
        while (found.Count < count)
        {
            var page = await store.GetSchedulePageAsync(campaignId, from, PageSize, cancellationToken);
            foreach (var row in page)
            {
                if (row.SendState == PromptSendState.Pending
                    && await store.FindReplyAsync(campaignId, row.Connection.Id, cancellationToken) is null)
                {
                    found.Add(new WorkAheadPrompt(row.Connection.Id, row.Sequence, row.Connection.DisplayName));
                    if (found.Count == count)
                    {
                        break;
                    }
                }
            }

            if (page.Count < PageSize)
            {
                break;
            }

            from = page[^1].Sequence + 1;
        }

        return found;
    }
}
