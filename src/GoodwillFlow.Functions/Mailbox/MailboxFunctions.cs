using GoodwillFlow.Workflow.Mailbox;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace GoodwillFlow.Functions.Mailbox;

/// <summary>The IMAP reply watcher in Azure: a timer shim over <see cref="MailboxReplyWatcher"/> (off unless <c>Mailbox__ImapHost</c> is set).</summary>
public sealed class MailboxFunctions(MailboxReplyWatcher watcher)
{
    /// <summary>Every two minutes: one pass over the owner's mailbox for replies to prompts.</summary>
    [Function(nameof(PollMailbox))]
    public Task PollMailbox([TimerTrigger("0 */2 * * * *")] TimerInfo timer, [DurableClient] DurableTaskClient durable, FunctionContext context) =>
        watcher.PollOnceAsync(durable, context.CancellationToken);
}
