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
/// <remarks>
/// An edit never loses what was typed before: the answer it replaces is kept as an earlier version (a reply history
/// per connection), and <see cref="UndoLastEditAsync"/> brings the newest earlier version back. When the host
/// registers an <see cref="IReplyJournal"/>, every write goes there first, so what the owner is told is saved
/// survives a crash of storage that acknowledges before it persists.
/// </remarks>
public sealed class ReplyRecorder(ICampaignStore store, TimeProvider time, ILogger<ReplyRecorder> logger, IReplyJournal? journal = null)
{
    /// <summary>
    /// Saves the reply, keeping the one it replaces as an earlier version, then raises
    /// <see cref="CampaignEvents.ReplyRecorded"/> on the campaign's instance when it is still running. A reply to a
    /// prompt not yet sent marks it answered ahead (the drip never emails it) and raises <see cref="CampaignEvents.Replan"/>. The same answers
    /// posted again (a replayed form) change nothing. A missing, finished or unreachable instance does not fail the
    /// reply: it is stored either way, and the orchestration reads progress from storage.
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
        var previous = await store.FindReplyAsync(campaignId, connectionId, cancellationToken);
        if (previous is not null && previous.Answers == answers)
        {
            // A replayed form (a double click, a browser resubmitting): nothing new to keep, but a retry after a crash
            // between the save and the mark below still marks the prompt answered ahead.
            HttpLog.ReplyRecorded(logger, campaignId, channel.ToString());
            if (await store.TryMarkAnsweredAheadAsync(campaignId, connectionId, cancellationToken))
            {
                await TryRaiseReplyEventAsync(campaignId, connectionId, durable, replan: true, cancellationToken);
            }

            return previous;
        }

        var reply = new RecordedReply(campaignId, connectionId, answers, channel, time.GetUtcNow());
        await WriteAsync(
            previous is null
                ? [new(ReplyWriteKind.Answer, reply)]
                : [new(ReplyWriteKind.EarlierVersion, previous), new(ReplyWriteKind.Answer, reply)],
            cancellationToken);
        HttpLog.ReplyRecorded(logger, campaignId, channel.ToString());

        // After the reply is stored, never before: a crash in between costs at worst an email for an answered prompt,
        // never an unanswered prompt the drip skips. A prompt the drip already claimed stays an ordinary reply.
        var answeredAhead = await store.TryMarkAnsweredAheadAsync(campaignId, connectionId, cancellationToken);
        await TryRaiseReplyEventAsync(campaignId, connectionId, durable, answeredAhead, cancellationToken);
        return reply;
    }

    /// <summary>Returns the earlier versions of the connection's reply, newest first.</summary>
    public Task<IReadOnlyList<RecordedReply>> GetHistoryAsync(string campaignId, string connectionId, CancellationToken cancellationToken) =>
        store.GetReplyHistoryAsync(campaignId, connectionId, cancellationToken);

    /// <summary>
    /// Makes the newest earlier version the answer again and keeps the answer it replaces as an earlier version (so an
    /// undo can itself be undone). Returns the restored reply, or null when the reply was never edited.
    /// </summary>
    public async Task<RecordedReply?> UndoLastEditAsync(
        string campaignId, string connectionId, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(durable);
        var history = await store.GetReplyHistoryAsync(campaignId, connectionId, cancellationToken);
        if (history.Count == 0)
        {
            return null;
        }

        var restored = history[0];
        var current = await store.FindReplyAsync(campaignId, connectionId, cancellationToken);
        List<ReplyWrite> writes = current is null ? [] : [new(ReplyWriteKind.EarlierVersion, current)];
        writes.Add(new(ReplyWriteKind.Answer, restored));
        writes.Add(new(ReplyWriteKind.EarlierVersionRestored, restored));
        await WriteAsync(writes, cancellationToken);
        HttpLog.ReplyRecorded(logger, campaignId, restored.Channel.ToString());
        await TryRaiseReplyEventAsync(campaignId, connectionId, durable, replan: false, cancellationToken);
        return restored;
    }

    private async Task WriteAsync(IReadOnlyList<ReplyWrite> writes, CancellationToken cancellationToken)
    {
        if (journal is not null)
        {
            await journal.AppendAsync(writes, cancellationToken);
        }

        await ReplyWrite.ApplyAsync(store, writes, cancellationToken);
    }

    // replan: the reply answered a prompt ahead of the drip, so the schedule closes up (CampaignEvents.Replan).
    private async Task TryRaiseReplyEventAsync(
        string campaignId, string connectionId, DurableTaskClient durable, bool replan, CancellationToken cancellationToken)
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
            if (replan)
            {
                await durable.RaiseEventAsync(campaignId, CampaignEvents.Replan, null, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The instance can finish between the check and the raise, or the backend can be briefly unreachable;
            // the reply is already stored, so the owner still gets the thank-you page.
            HttpLog.ReplyEventFailed(logger, ex, campaignId);
        }
    }
}
