using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;

namespace GoodwillFlow.Workflow.Mailbox;

/// <summary>The last UID the watcher handled in one folder, valid only for that folder's UIDVALIDITY.</summary>
/// <param name="UidValidity">The folder's UIDVALIDITY when <paramref name="LastUid"/> was handled.</param>
/// <param name="LastUid">The highest UID handled.</param>
public sealed record MailboxCheckpoint(uint UidValidity, uint LastUid);

/// <summary>Remembers where the watcher stopped, so a restart neither skips nor repeats mail.</summary>
public interface IMailboxCheckpointStore
{
    /// <summary>Returns the checkpoint of <paramref name="mailbox"/>, or null before the first pass.</summary>
    Task<MailboxCheckpoint?> FindAsync(string mailbox, CancellationToken cancellationToken);

    /// <summary>Saves the checkpoint of <paramref name="mailbox"/>.</summary>
    Task SaveAsync(string mailbox, MailboxCheckpoint checkpoint, CancellationToken cancellationToken);
}

/// <summary>Checkpoints in the <c>GoodwillMailbox</c> table, one row per watched folder (keyed by a hash: no address is stored).</summary>
public sealed class TableMailboxCheckpointStore(TableServiceClient tables) : IMailboxCheckpointStore
{
    /// <summary>The table name.</summary>
    public const string TableName = "GoodwillMailbox";

    private const string Partition = "checkpoint";
    private TableClient? _table;

    /// <inheritdoc />
    public async Task<MailboxCheckpoint?> FindAsync(string mailbox, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(Partition, Key(mailbox), cancellationToken: cancellationToken);
        return row.HasValue && row.Value is { } entity
            ? new MailboxCheckpoint((uint)(entity.GetInt64("UidValidity") ?? 0), (uint)(entity.GetInt64("LastUid") ?? 0))
            : null;
    }

    /// <inheritdoc />
    public async Task SaveAsync(string mailbox, MailboxCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var table = await TableAsync(cancellationToken);
        var entity = new TableEntity(Partition, Key(mailbox))
        {
            ["UidValidity"] = (long)checkpoint.UidValidity,
            ["LastUid"] = (long)checkpoint.LastUid,
        };
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    private static string Key(string mailbox) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(mailbox)))[..32];

    private async Task<TableClient> TableAsync(CancellationToken cancellationToken)
    {
        if (_table is not null)
        {
            return _table;
        }

        var table = tables.GetTableClient(TableName);
        try
        {
            await table.CreateIfNotExistsAsync(cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // Created by another instance at the same moment.
        }

        return _table = table;
    }
}
