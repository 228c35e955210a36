using System.Collections.Concurrent;
using GoodwillFlow.Workflow.Mailbox;

namespace GoodwillFlow.Testing.Mail;

/// <summary>Mailbox checkpoints in memory; share one instance between two watchers to simulate a restart.</summary>
public sealed class InMemoryMailboxCheckpointStore : IMailboxCheckpointStore
{
    private readonly ConcurrentDictionary<string, MailboxCheckpoint> _checkpoints = new(StringComparer.Ordinal);

    public Task<MailboxCheckpoint?> FindAsync(string mailbox, CancellationToken cancellationToken) =>
        Task.FromResult(_checkpoints.GetValueOrDefault(mailbox));

    public Task SaveAsync(string mailbox, MailboxCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        _checkpoints[mailbox] = checkpoint;
        return Task.CompletedTask;
    }
}
