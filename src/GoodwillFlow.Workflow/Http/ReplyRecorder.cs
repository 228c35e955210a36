using GoodwillFlow.Core.Replies;
using GoodwillFlow.Workflow.Orchestration;
using GoodwillFlow.Workflow.Storage;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace GoodwillFlow.Workflow.Http;

/// <summary>
/// Stores a reply and tells the campaign's orchestration about it. Shared by the reply page and Inbound Parse so both
/// channels behave the same: the store is the record, the event only refreshes progress.
/// </summary>
public sealed class ReplyRecorder(ICampaignStore store, TimeProvider time, ILogger<ReplyRecorder> logger)
{
    /// <summary>
    /// Saves (or replaces) the reply, then raises <see cref="CampaignEvents.ReplyRecorded"/> on the campaign's instance
    /// when it is still running. A missing, finished or unreachable instance does not fail the reply: it is stored
    /// either way, and the orchestration reads progress from storage.
    /// </summary>
    public async Task<RecordedReply> RecordAsync(
        string campaignId,
        string connectionId,
        ReplyAnswers answers,
        ReplyChannel channel,
        DurableTaskClient durable,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(durable);
        var reply = new RecordedReply(campaignId, connectionId, answers, channel, time.GetUtcNow());
        await store.SaveReplyAsync(reply, cancellationToken);
        HttpLog.ReplyRecorded(logger, campaignId, channel.ToString());
        await TryRaiseReplyEventAsync(campaignId, connectionId, durable, cancellationToken);
        return reply;
    }

    private async Task TryRaiseReplyEventAsync(
        string campaignId, string connectionId, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        try
        {
            var instance = await durable.GetInstanceAsync(campaignId, getInputsAndOutputs: false, cancellationToken);
            if (instance is null || !CampaignApiHandler.AcceptsEvents(instance.RuntimeStatus))
            {
                HttpLog.ReplyEventSkipped(logger, campaignId, instance?.RuntimeStatus.ToString() ?? "not found");
                return;
            }

            await durable.RaiseEventAsync(campaignId, CampaignEvents.ReplyRecorded, connectionId, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The instance can finish between the check and the raise, or the backend can be briefly unreachable;
            // the reply is already stored, so the owner still gets the thank-you page.
            HttpLog.ReplyEventFailed(logger, ex, campaignId);
        }
    }
}
