using GoodwillFlow.Core.Replies;

namespace GoodwillFlow.Workflow.Storage;

/// <summary>What one reply write does to storage.</summary>
public enum ReplyWriteKind
{
    /// <summary>The reply becomes the connection's answer (<see cref="ICampaignStore.SaveReplyAsync"/>).</summary>
    Answer,

    /// <summary>The reply is kept as an earlier version (<see cref="ICampaignStore.SaveReplyVersionAsync"/>).</summary>
    EarlierVersion,

    /// <summary>The earlier version is removed, because it was restored as the answer (<see cref="ICampaignStore.DeleteReplyVersionAsync"/>).</summary>
    EarlierVersionRestored,
}

/// <summary>One write of a reply, as the recorder applies it and a journal replays it. Every write is idempotent.</summary>
/// <param name="Kind">What the write does.</param>
/// <param name="Reply">The reply it writes.</param>
public sealed record ReplyWrite(ReplyWriteKind Kind, RecordedReply Reply)
{
    /// <summary>Applies <paramref name="writes"/> to <paramref name="store"/>, in order.</summary>
    public static async Task ApplyAsync(ICampaignStore store, IReadOnlyList<ReplyWrite> writes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(writes);
        foreach (var write in writes)
        {
            await (write.Kind switch
            {
                ReplyWriteKind.Answer => store.SaveReplyAsync(write.Reply, cancellationToken),
                ReplyWriteKind.EarlierVersion => store.SaveReplyVersionAsync(write.Reply, cancellationToken),
                ReplyWriteKind.EarlierVersionRestored => store.DeleteReplyVersionAsync(write.Reply, cancellationToken),
                _ => throw new ArgumentOutOfRangeException(nameof(writes), write.Kind, "Unknown reply write."),
            });
        }
    }
}

/// <summary>
/// A hook for hosts whose storage can lose acknowledged writes (the local runtime's Azurite keeps tables in memory for
/// a few seconds): the recorder hands every reply write here, and waits for it, before it writes to storage and before
/// the owner is told the reply is saved. Hosts with durable storage (Azure Table storage) register none.
/// </summary>
public interface IReplyJournal
{
    /// <summary>Makes <paramref name="writes"/> durable, so they can be replayed into storage after a crash.</summary>
    Task AppendAsync(IReadOnlyList<ReplyWrite> writes, CancellationToken cancellationToken);
}
