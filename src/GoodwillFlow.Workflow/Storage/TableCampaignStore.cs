using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Azure;
using Azure.Data.Tables;
using GoodwillFlow.Core.Evidence;
using GoodwillFlow.Core.Replies;
using GoodwillFlow.Workflow.Configuration;
using Microsoft.Extensions.Options;
using static GoodwillFlow.Workflow.Storage.TableEntityMapping;

namespace GoodwillFlow.Workflow.Storage;

/// <summary>
/// <see cref="ICampaignStore"/> over Azure Table storage: <c>{prefix}Campaigns</c> (one entity per campaign),
/// <c>{prefix}Connections</c> (partition per campaign, row per connection, plus a schedule index row per
/// connection) and <c>{prefix}Replies</c> (partition per campaign, row per connection).
/// </summary>
/// <remarks>
/// The schedule is read through index rows keyed by the zero-padded sequence (<c>~s0000000042</c>) in the same
/// partition as the connections, written in the same transaction as the connection they point to. A page of the
/// schedule is then one range query that stops after <c>maxCount</c> rows, plus one point read per row: cost
/// grows with the page, not the campaign. Filtering on a <c>Sequence</c> property instead would make the service
/// scan the whole partition (30,000 rows) for every page, and return them in connection-id order, so the client
/// would have to read them all to sort: quadratic over a campaign.
/// </remarks>
public sealed partial class TableCampaignStore : ICampaignStore
{
    /// <summary>The most actions Table storage accepts in one transaction.</summary>
    public const int MaxTransactionActions = 100;

    private const int MaxParallelRequests = 8;

    /// <summary>How often a campaign record change is tried while the record keeps changing under it.</summary>
    private const int MaxCampaignUpdateAttempts = 10;

    private static readonly string[] RowKeyOnly = ["RowKey"];
    private static readonly string[] SendStateOnly = ["SendState"];
    private static readonly string[] ScheduleColumns = ["ConnectionId", "Sequence"];
    private static readonly string[] SendStateAndSequence = ["SendState", "Sequence"];
    private static readonly string[] OpenScheduleColumns = ["ConnectionId", "Sequence", ScheduleDoneColumn];

    // Connection ids are lowercase hex (any other id sorts into a neighbouring segment): 16 ranges that split a partition evenly.
    private static readonly string[] ConnectionSegmentBounds = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "a", "b", "c", "d", "e", "f"];
    private static readonly string[] RecountColumns = ["RowKey", "Sequence", "SendState", RepliedColumn];

    private readonly TableClient _campaigns;
    private readonly TableClient _connections;
    private readonly TableClient _replies;
    private readonly TableClient _replyHistory;
    private Task? _ensureTables;
    private Task? _ensureReplyHistory;

    /// <summary>Creates the store over the given service client, with table names from <paramref name="options"/>.</summary>
    public TableCampaignStore(TableServiceClient tableService, IOptions<StorageOptions> options)
    {
        ArgumentNullException.ThrowIfNull(tableService);
        ArgumentNullException.ThrowIfNull(options);
        var prefix = options.Value.TablePrefix ?? "";
        _campaigns = tableService.GetTableClient(TableName(prefix, "Campaigns"));
        _connections = tableService.GetTableClient(TableName(prefix, "Connections"));
        _replies = tableService.GetTableClient(TableName(prefix, "Replies"));
        _replyHistory = tableService.GetTableClient(TableName(prefix, "ReplyHistory"));
    }

    /// <summary>Gets the names of the three tables, for diagnostics and tests.</summary>
    public IReadOnlyList<string> TableNames => [_campaigns.Name, _connections.Name, _replies.Name];

    /// <inheritdoc />
    public Task InitializeAsync(CancellationToken cancellationToken) => EnsureTablesAsync(cancellationToken);

    /// <inheritdoc />
    public async Task<CampaignRecord?> FindCampaignAsync(string campaignId, CancellationToken cancellationToken)
    {
        ValidateKey(campaignId, nameof(campaignId));
        await EnsureTablesAsync(cancellationToken);
        var response = await _campaigns.GetEntityIfExistsAsync<TableEntity>(campaignId, CampaignRowKey, cancellationToken: cancellationToken);
        return response.HasValue ? ToCampaign(response.Value!) : null;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<CampaignRecord>> ListCampaignsAsync(CancellationToken cancellationToken)
    {
        await EnsureTablesAsync(cancellationToken);
        var campaigns = new List<CampaignRecord>();
        var filter = TableClient.CreateQueryFilter($"RowKey eq {CampaignRowKey}");
        await foreach (var entity in _campaigns.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            campaigns.Add(ToCampaign(entity));
        }

        return campaigns.OrderByDescending(c => c.CreatedAt).ToList();
    }

    /// <inheritdoc />
    public async Task SaveCampaignAsync(CampaignRecord campaign, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        ValidateKey(campaign.CampaignId, nameof(campaign));
        await EnsureTablesAsync(cancellationToken);
        await _campaigns.UpsertEntityAsync(ToCampaignEntity(campaign), TableUpdateMode.Replace, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<CampaignRecord?> UpdateCampaignAsync(
        string campaignId, Func<CampaignRecord, CampaignRecord> change, CancellationToken cancellationToken)
    {
        ValidateKey(campaignId, nameof(campaignId));
        ArgumentNullException.ThrowIfNull(change);
        await EnsureTablesAsync(cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            var response = await _campaigns.GetEntityIfExistsAsync<TableEntity>(campaignId, CampaignRowKey, cancellationToken: cancellationToken);
            if (!response.HasValue)
            {
                return null;
            }

            var campaign = ToCampaign(response.Value!);
            var changed = change(campaign);
            if (ReferenceEquals(changed, campaign))
            {
                return campaign;
            }

            if (changed.CampaignId != campaignId)
            {
                throw new ArgumentException("A change cannot move the campaign to another id.", nameof(change));
            }

            try
            {
                // The ETag makes this a compare-and-swap: a record that changed since the read is read and changed again.
                await _campaigns.UpdateEntityAsync(ToCampaignEntity(changed), response.Value!.ETag, TableUpdateMode.Replace, cancellationToken);
                return changed;
            }
            catch (RequestFailedException ex) when (ex.Status == 412 && attempt < MaxCampaignUpdateAttempts)
            {
                // Changed under us: go round again, after a short random pause so writers that collided spread out.
                await Task.Delay(TimeSpan.FromMilliseconds(System.Security.Cryptography.RandomNumberGenerator.GetInt32(5, 20) * attempt), cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                return null;
            }
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<CampaignConnection>> AddConnectionsAsync(
        string campaignId, IReadOnlyList<CampaignConnection> connections, CancellationToken cancellationToken)
    {
        ValidateKey(campaignId, nameof(campaignId));
        ArgumentNullException.ThrowIfNull(connections);
        await EnsureTablesAsync(cancellationToken);

        // No read up front: the rows are added blind, and only a transaction that conflicts (a retried upload, another
        // import of the same file, a sequence already taken) reads what is there, for its own rows only.
        var usedSequences = new HashSet<int>();
        var candidates = new List<CampaignConnection>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in connections)
        {
            ValidateConnection(item);
            if (!seen.Add(item.Connection.Id))
            {
                continue;
            }

            if (!usedSequences.Add(item.Sequence))
            {
                throw SequenceTaken(campaignId, item.Sequence);
            }

            candidates.Add(item);
        }

        // Each connection costs two actions (its row and its schedule index row), so 50 per transaction.
        var chunks = candidates.Chunk(MaxTransactionActions / 2).ToList();
        var added = new ConcurrentBag<CampaignConnection>();
        await Parallel.ForEachAsync(
            chunks,
            new ParallelOptions { MaxDegreeOfParallelism = MaxParallelRequests, CancellationToken = cancellationToken },
            async (chunk, ct) =>
            {
                foreach (var item in await AddChunkAsync(campaignId, chunk, ct))
                {
                    added.Add(item);
                }
            });

        if (usedSequences.Count > 0)
        {
            await RaiseTotalAsync(campaignId, usedSequences.Max() + 1, cancellationToken);
        }

        var order = candidates.Select((c, i) => (c.Connection.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        return added.OrderBy(c => order[c.Connection.Id]).ToList();
    }

    /// <inheritdoc />
    public async Task<IReadOnlySet<string>> GetConnectionIdsAsync(string campaignId, CancellationToken cancellationToken)
    {
        ValidateKey(campaignId, nameof(campaignId));
        await EnsureTablesAsync(cancellationToken);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var entity in _connections.QueryAsync<TableEntity>(ConnectionRowsFilter(campaignId), select: RowKeyOnly, cancellationToken: cancellationToken))
        {
            ids.Add(entity.RowKey);
        }

        return ids;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<CampaignConnection>> GetConnectionsAsync(string campaignId, CancellationToken cancellationToken)
    {
        ValidateKey(campaignId, nameof(campaignId));
        await EnsureTablesAsync(cancellationToken);

        // One range query per leading character, side by side: a 30,000-row partition is read in 16 streams, not one.
        var segments = new List<CampaignConnection>[ConnectionSegmentBounds.Length + 1];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, segments.Length),
            new ParallelOptions { MaxDegreeOfParallelism = segments.Length, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var from = i == 0 ? "" : ConnectionSegmentBounds[i - 1];
                var to = i == ConnectionSegmentBounds.Length ? ConnectionRowsEnd : ConnectionSegmentBounds[i];
                var filter = TableClient.CreateQueryFilter($"PartitionKey eq {campaignId} and RowKey ge {from} and RowKey lt {to}");
                var segment = new List<CampaignConnection>();
                await foreach (var entity in _connections.QueryAsync<TableEntity>(filter, cancellationToken: ct))
                {
                    segment.Add(ToConnection(entity));
                }

                segments[i] = segment;
            });

        var all = segments.SelectMany(s => s).ToList();
        all.Sort((a, b) => a.Sequence.CompareTo(b.Sequence));
        return all;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<CampaignConnection>> GetRepliedConnectionsAsync(string campaignId, CancellationToken cancellationToken)
    {
        ValidateKey(campaignId, nameof(campaignId));
        await EnsureTablesAsync(cancellationToken);

        // A few hundred copies, not a filter over the partition's 30,000 rows.
        var filter = RepliedCopies(campaignId);
        var replied = new List<CampaignConnection>();
        await foreach (var entity in _connections.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            replied.Add(FromRepliedCopy(entity));
        }

        replied.Sort((a, b) => a.Sequence.CompareTo(b.Sequence));
        return replied;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<CampaignConnection>> GetSchedulePageAsync(
        string campaignId, int fromSequence, int maxCount, CancellationToken cancellationToken)
    {
        ValidateKey(campaignId, nameof(campaignId));
        ArgumentOutOfRangeException.ThrowIfNegative(maxCount);
        if (maxCount == 0)
        {
            return [];
        }

        await EnsureTablesAsync(cancellationToken);
        var filter = ScheduleFrom(campaignId, fromSequence);
        var ids = new List<string>(maxCount);
        await foreach (var entity in _connections.QueryAsync<TableEntity>(
            filter, maxPerPage: Math.Min(maxCount, 1000), select: ScheduleColumns, cancellationToken: cancellationToken))
        {
            if (entity.GetString("ConnectionId") is { } id)
            {
                ids.Add(id);
            }

            if (ids.Count == maxCount)
            {
                break;
            }
        }

        var page = new CampaignConnection?[ids.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, ids.Count),
            new ParallelOptions { MaxDegreeOfParallelism = MaxParallelRequests, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var response = await _connections.GetEntityIfExistsAsync<TableEntity>(campaignId, ids[i], cancellationToken: ct);
                page[i] = response.HasValue ? ToConnection(response.Value!) : null;
            });

        return page.OfType<CampaignConnection>().ToList();
    }

    /// <inheritdoc />
    public async Task<CampaignConnection?> FindConnectionAsync(string campaignId, string connectionId, CancellationToken cancellationToken)
    {
        ValidateKey(campaignId, nameof(campaignId));
        ValidateConnectionId(connectionId);
        await EnsureTablesAsync(cancellationToken);
        var response = await _connections.GetEntityIfExistsAsync<TableEntity>(campaignId, connectionId, cancellationToken: cancellationToken);
        return response.HasValue ? ToConnection(response.Value!) : null;
    }

    /// <inheritdoc />
    public async Task ReplanAsync(
        string campaignId, IReadOnlyList<(string ConnectionId, DateTimeOffset PlannedAt)> plan, CancellationToken cancellationToken)
    {
        ValidateKey(campaignId, nameof(campaignId));
        ArgumentNullException.ThrowIfNull(plan);
        await EnsureTablesAsync(cancellationToken);

        var latest = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var (id, at) in plan)
        {
            // An id that cannot be a row key names no stored connection: skipped, as a missing one is.
            if (!string.IsNullOrEmpty(id) && KeyPattern().IsMatch(id))
            {
                latest[id] = at;
            }
        }

        // Written blind, without reading the campaign's ids first: only a transaction that fails because one of its rows
        // is missing (it fails whole) looks up its own rows, and writes the ones that exist.
        var chunks = latest.Chunk(MaxTransactionActions).ToList();
        await Parallel.ForEachAsync(
            chunks,
            new ParallelOptions { MaxDegreeOfParallelism = MaxParallelRequests, CancellationToken = cancellationToken },
            async (chunk, ct) =>
            {
                try
                {
                    await _connections.SubmitTransactionAsync(PlannedAtActions(campaignId, chunk), ct);
                }
                catch (TableTransactionFailedException ex) when (ex.Status == 404)
                {
                    var existing = new ConcurrentBag<KeyValuePair<string, DateTimeOffset>>();
                    await Parallel.ForEachAsync(chunk, ct, async (p, inner) =>
                    {
                        if ((await _connections.GetEntityIfExistsAsync<TableEntity>(campaignId, p.Key, RowKeyOnly, inner)).HasValue)
                        {
                            existing.Add(p);
                        }
                    });

                    if (!existing.IsEmpty)
                    {
                        await _connections.SubmitTransactionAsync(PlannedAtActions(campaignId, existing), ct);
                    }
                }
            });
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ScheduleSlot>> GetOpenScheduleAsync(string campaignId, int fromSequence, CancellationToken cancellationToken)
    {
        ValidateKey(campaignId, nameof(campaignId));
        await EnsureTablesAsync(cancellationToken);
        var filter = ScheduleFrom(campaignId, fromSequence);
        var open = new List<ScheduleSlot>();
        await foreach (var entity in _connections.QueryAsync<TableEntity>(filter, select: OpenScheduleColumns, cancellationToken: cancellationToken))
        {
            if (entity.GetBoolean(ScheduleDoneColumn) is not { } done)
            {
                // An index row written before prompts kept their done mark there: only the connection rows can tell.
                return ScheduleSlot.OpenFrom(await GetConnectionsAsync(campaignId, cancellationToken), fromSequence);
            }

            if (!done && entity.GetString("ConnectionId") is { } id && entity.GetInt32("Sequence") is { } sequence)
            {
                open.Add(new ScheduleSlot(sequence, id));
            }
        }

        return open;
    }

    private static IEnumerable<TableTransactionAction> PlannedAtActions(string campaignId, IEnumerable<KeyValuePair<string, DateTimeOffset>> plan) =>
        plan.Select(p => new TableTransactionAction(
            TableTransactionActionType.UpdateMerge,
            new TableEntity(campaignId, p.Key) { ["PlannedAt"] = p.Value.ToUniversalTime() },
            ETag.All));

    /// <inheritdoc />
    public async Task<bool> TryClaimSendAsync(string campaignId, string connectionId, CancellationToken cancellationToken) =>
        await ClaimRowAsync(campaignId, connectionId, SendStateOnly, cancellationToken) is not null;

    /// <inheritdoc />
    public async Task<CampaignConnection?> ClaimSendAsync(string campaignId, string connectionId, CancellationToken cancellationToken) =>
        await ClaimRowAsync(campaignId, connectionId, columns: null, cancellationToken) is { } row
            ? ToConnection(row) with { SendState = PromptSendState.Claimed }
            : null;

    /// <summary>Claims a pending prompt: its row as read (with <paramref name="columns"/>, or all), or null when not claimed.</summary>
    private async Task<TableEntity?> ClaimRowAsync(string campaignId, string connectionId, string[]? columns, CancellationToken cancellationToken)
    {
        ValidateKey(campaignId, nameof(campaignId));
        ValidateConnectionId(connectionId);
        await EnsureTablesAsync(cancellationToken);
        var current = await _connections.GetEntityIfExistsAsync<TableEntity>(campaignId, connectionId, columns, cancellationToken);
        if (!current.HasValue || ReadSendState(current.Value!) != PromptSendState.Pending)
        {
            return null;
        }

        var patch = new TableEntity(campaignId, connectionId) { ["SendState"] = nameof(PromptSendState.Claimed) };
        try
        {
            // The ETag makes this a compare-and-swap: of two callers that both read Pending, one gets 412.
            await _connections.UpdateEntityAsync(patch, current.Value!.ETag, TableUpdateMode.Merge, cancellationToken);
            return current.Value;
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public async Task ReleaseClaimAsync(string campaignId, string connectionId, CancellationToken cancellationToken)
    {
        ValidateKey(campaignId, nameof(campaignId));
        ValidateConnectionId(connectionId);
        await ReleaseClaimedRowAsync(campaignId, connectionId, cancellationToken);
    }

    /// <summary>
    /// Moves a claimed send mark (a prompt's row, or the shortlist email's) back to pending, conditionally, so a concurrent
    /// sent mark is never turned back into pending.
    /// </summary>
    private async Task ReleaseClaimedRowAsync(string campaignId, string rowKey, CancellationToken cancellationToken)
    {
        await EnsureTablesAsync(cancellationToken);
        while (true)
        {
            var current = await _connections.GetEntityIfExistsAsync<TableEntity>(campaignId, rowKey, SendStateOnly, cancellationToken);
            if (!current.HasValue || ReadSendState(current.Value!) != PromptSendState.Claimed)
            {
                return;
            }

            var patch = new TableEntity(campaignId, rowKey) { ["SendState"] = nameof(PromptSendState.Pending) };
            try
            {
                await _connections.UpdateEntityAsync(patch, current.Value!.ETag, TableUpdateMode.Merge, cancellationToken);
                return;
            }
            catch (RequestFailedException ex) when (ex.Status == 412)
            {
                // Changed since the read; look again.
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                return;
            }
        }
    }

    /// <inheritdoc />
    public async Task MarkSentAsync(string campaignId, string connectionId, DateTimeOffset sentAt, CancellationToken cancellationToken)
    {
        ValidateKey(campaignId, nameof(campaignId));
        ValidateConnectionId(connectionId);
        await EnsureTablesAsync(cancellationToken);
        var patch = new TableEntity(campaignId, connectionId)
        {
            ["SendState"] = nameof(PromptSendState.Sent),
            ["SentAt"] = sentAt.ToUniversalTime(),
        };

        // The campaign was deleted while the prompt was going out (404): there is nothing left to mark.
        await CountTransitionAsync(
            campaignId, connectionId, SendStateAndSequence, row => ReadSendState(row) != PromptSendState.Sent, patch, SentCounter, MarkScheduleDone(campaignId), cancellationToken);
    }

    /// <inheritdoc />
    public async Task<bool> TryMarkAnsweredAheadAsync(string campaignId, string connectionId, CancellationToken cancellationToken)
    {
        ValidateKey(campaignId, nameof(campaignId));
        ValidateConnectionId(connectionId);
        await EnsureTablesAsync(cancellationToken);
        var patch = new TableEntity(campaignId, connectionId) { ["SendState"] = nameof(PromptSendState.AnsweredAhead) };

        // Conditional on the Pending row read, like a send claim: of the drip's claim and this mark, exactly one wins.
        return await CountTransitionAsync(
            campaignId, connectionId, SendStateAndSequence, row => ReadSendState(row) == PromptSendState.Pending, patch, AnsweredAheadCounter, MarkScheduleDone(campaignId), cancellationToken);
    }

    /// <inheritdoc />
    public async Task SaveReplyAsync(RecordedReply reply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reply);
        ValidateKey(reply.CampaignId, nameof(reply));
        ValidateConnectionId(reply.ConnectionId);
        await EnsureTablesAsync(cancellationToken);
        await _replies.UpsertEntityAsync(ToReplyEntity(reply), TableUpdateMode.Replace, cancellationToken);

        // Counted once per connection, on the row's first reply, and copied into the replied range in the same
        // transaction (conditional on the row as read, so the copy holds its latest evidence); a crash before this is
        // repaired by a recount.
        var mark = new TableEntity(reply.CampaignId, reply.ConnectionId) { [RepliedColumn] = true };
        await CountTransitionAsync(
            reply.CampaignId,
            reply.ConnectionId,
            columns: null,
            row => row.GetBoolean(RepliedColumn) != true,
            mark,
            RepliedCounter,
            row => [new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToRepliedCopy(row))],
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<RecordedReply?> FindReplyAsync(string campaignId, string connectionId, CancellationToken cancellationToken)
    {
        ValidateKey(campaignId, nameof(campaignId));
        ValidateConnectionId(connectionId);
        await EnsureTablesAsync(cancellationToken);
        var response = await _replies.GetEntityIfExistsAsync<TableEntity>(campaignId, connectionId, cancellationToken: cancellationToken);
        return response.HasValue ? ToReply(response.Value!) : null;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<RecordedReply>> GetRepliesAsync(string campaignId, CancellationToken cancellationToken)
    {
        ValidateKey(campaignId, nameof(campaignId));
        await EnsureTablesAsync(cancellationToken);
        var replies = new List<RecordedReply>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {campaignId}");
        await foreach (var entity in _replies.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            replies.Add(ToReply(entity));
        }

        return replies;
    }

    /// <inheritdoc />
    public async Task<CampaignProgress> GetProgressAsync(string campaignId, CancellationToken cancellationToken)
    {
        ValidateKey(campaignId, nameof(campaignId));
        await EnsureTablesAsync(cancellationToken);
        var counters = await _connections.GetEntityIfExistsAsync<TableEntity>(campaignId, ProgressRowKey, cancellationToken: cancellationToken);
        return counters.HasValue
            ? ToProgress(counters.Value!)

            // A campaign stored before counters were kept: count once, and keep the counts from then on.
            : await RecountProgressAsync(campaignId, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<CampaignProgress> RecountProgressAsync(string campaignId, CancellationToken cancellationToken)
    {
        ValidateKey(campaignId, nameof(campaignId));
        await EnsureTablesAsync(cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            var before = await _connections.GetEntityIfExistsAsync<TableEntity>(campaignId, ProgressRowKey, cancellationToken: cancellationToken);
            var rows = new List<TableEntity>();
            await foreach (var entity in _connections.QueryAsync<TableEntity>(ConnectionRowsFilter(campaignId), select: RecountColumns, cancellationToken: cancellationToken))
            {
                rows.Add(entity);
            }

            var replied = new HashSet<string>(StringComparer.Ordinal);
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {campaignId}");
            await foreach (var entity in _replies.QueryAsync<TableEntity>(filter, select: RowKeyOnly, cancellationToken: cancellationToken))
            {
                replied.Add(entity.RowKey);
            }

            // Replies saved before their rows were marked (or before a crash), or marked before replied rows were copied,
            // get their mark and their copy, so later saves count nothing and the shortlist finds them.
            var copied = new HashSet<string>(StringComparer.Ordinal);
            var copies = RepliedCopies(campaignId);
            await foreach (var entity in _connections.QueryAsync<TableEntity>(copies, select: RowKeyOnly, cancellationToken: cancellationToken))
            {
                copied.Add(entity.RowKey[RepliedCopyPrefix.Length..]);
            }

            var unmarked = rows
                .Where(r => replied.Contains(r.RowKey) && (r.GetBoolean(RepliedColumn) != true || !copied.Contains(r.RowKey)))
                .Select(r => r.RowKey)
                .ToList();
            await Parallel.ForEachAsync(
                unmarked.Chunk(MaxTransactionActions / 2).ToList(),
                new ParallelOptions { MaxDegreeOfParallelism = MaxParallelRequests, CancellationToken = cancellationToken },
                async (chunk, ct) =>
                {
                    var actions = new List<TableTransactionAction>();
                    foreach (var id in chunk)
                    {
                        if ((await _connections.GetEntityIfExistsAsync<TableEntity>(campaignId, id, cancellationToken: ct)).Value is { } row)
                        {
                            actions.Add(new TableTransactionAction(
                                TableTransactionActionType.UpdateMerge, new TableEntity(campaignId, id) { [RepliedColumn] = true }, ETag.All));
                            actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToRepliedCopy(row)));
                        }
                    }

                    if (actions.Count > 0)
                    {
                        await _connections.SubmitTransactionAsync(actions, ct);
                    }
                });

            var importing = before.HasValue && before.Value!.GetBoolean(ImportingCounter) == true;
            var stored = rows.Count == 0 ? 0 : rows.Max(r => r.GetInt32("Sequence") ?? 0) + 1;
            var counted = new CampaignProgress(
                importing ? Math.Max(stored, before.Value!.GetInt32(TotalCounter) ?? 0) : stored,
                rows.Count(r => ReadSendState(r) == PromptSendState.Sent),
                rows.Count(r => replied.Contains(r.RowKey)),
                importing,
                rows.Count(r => ReadSendState(r) == PromptSendState.AnsweredAhead));
            if (before.HasValue && ToProgress(before.Value!) == counted)
            {
                return counted;
            }

            var counters = ToProgressEntity(campaignId, counted);
            try
            {
                if (before.HasValue)
                {
                    // Conditional: a send or reply counted during the scan makes the scan stale, so it is done again.
                    await _connections.UpdateEntityAsync(counters, before.Value!.ETag, TableUpdateMode.Replace, cancellationToken);
                }
                else
                {
                    await _connections.AddEntityAsync(counters, cancellationToken);
                }

                return counted;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 && attempt < 5)
            {
                // Counted meanwhile; count again.
            }
        }
    }

    /// <inheritdoc />
    public async Task BeginImportAsync(string campaignId, int total, CancellationToken cancellationToken)
    {
        ValidateKey(campaignId, nameof(campaignId));
        ArgumentOutOfRangeException.ThrowIfNegative(total);
        await EnsureTablesAsync(cancellationToken);

        // A merge of two columns: sends and replies already counted (an extension, a retried upload) are kept.
        await _connections.UpsertEntityAsync(
            new TableEntity(campaignId, ProgressRowKey) { [TotalCounter] = total, [ImportingCounter] = true }, TableUpdateMode.Merge, cancellationToken);
    }

    /// <inheritdoc />
    public async Task CompleteImportAsync(string campaignId, CancellationToken cancellationToken)
    {
        ValidateKey(campaignId, nameof(campaignId));
        await EnsureTablesAsync(cancellationToken);
        try
        {
            await _connections.UpdateEntityAsync(
                new TableEntity(campaignId, ProgressRowKey) { [ImportingCounter] = false }, ETag.All, TableUpdateMode.Merge, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // No counters yet: the first progress read counts the stored rows.
        }
    }

    /// <inheritdoc />
    public async Task DeleteCampaignAsync(string campaignId, CancellationToken cancellationToken)
    {
        ValidateKey(campaignId, nameof(campaignId));
        await EnsureTablesAsync(cancellationToken);
        await DeletePartitionAsync(_connections, campaignId, cancellationToken);
        await DeletePartitionAsync(_replies, campaignId, cancellationToken);
        await EnsureReplyHistoryAsync(cancellationToken);
        await DeletePartitionAsync(_replyHistory, campaignId, cancellationToken);

        // Last, so a delete that fails half-way can be retried: the campaign is still there to find.
        await _campaigns.DeleteEntityAsync(campaignId, CampaignRowKey, ETag.All, cancellationToken);
    }

    /// <inheritdoc />
    public async Task SaveReplyVersionAsync(RecordedReply previous, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ValidateKey(previous.CampaignId, nameof(previous));
        ValidateConnectionId(previous.ConnectionId);
        await EnsureReplyHistoryAsync(cancellationToken);
        var entity = ToReplyEntity(previous);
        entity.RowKey = ReplyVersionRowKey(previous.ConnectionId, previous.ReceivedAt);
        entity["ConnectionId"] = previous.ConnectionId;
        await _replyHistory.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<RecordedReply>> GetReplyHistoryAsync(string campaignId, string connectionId, CancellationToken cancellationToken)
    {
        ValidateKey(campaignId, nameof(campaignId));
        ValidateConnectionId(connectionId);
        await EnsureReplyHistoryAsync(cancellationToken);

        // '|' sorts after every character a connection id can hold, so this range holds exactly this connection's versions.
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {campaignId} and RowKey gt {connectionId + ReplyVersionSeparator} and RowKey lt {connectionId + ReplyVersionEnd}");
        var versions = new List<RecordedReply>();
        await foreach (var entity in _replyHistory.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            entity.RowKey = entity.GetString("ConnectionId") ?? connectionId;
            versions.Add(ToReply(entity));
        }

        return versions.OrderByDescending(v => v.ReceivedAt).ToList();
    }

    /// <inheritdoc />
    public async Task DeleteReplyVersionAsync(RecordedReply version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(version);
        ValidateKey(version.CampaignId, nameof(version));
        ValidateConnectionId(version.ConnectionId);
        await EnsureReplyHistoryAsync(cancellationToken);
        await _replyHistory.DeleteEntityAsync(
            version.CampaignId, ReplyVersionRowKey(version.ConnectionId, version.ReceivedAt), ETag.All, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<int> UpdateEvidenceAsync(
        string campaignId,
        IReadOnlyCollection<string> connectionIds,
        IReadOnlyDictionary<string, ConnectionEvidence> evidence,
        CancellationToken cancellationToken)
    {
        ValidateKey(campaignId, nameof(campaignId));
        ArgumentNullException.ThrowIfNull(connectionIds);
        ArgumentNullException.ThrowIfNull(evidence);
        await EnsureTablesAsync(cancellationToken);

        // Only the rows that hold evidence travel (a row without the property fails the comparison), not the whole partition.
        var stored = new Dictionary<string, string>(StringComparer.Ordinal);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {campaignId} and RowKey lt {ConnectionRowsEnd} and {EvidenceColumn.Name} gt {""}");
        await foreach (var entity in _connections.QueryAsync<TableEntity>(filter, select: EvidenceColumns, cancellationToken: cancellationToken))
        {
            if (entity.GetString(EvidenceColumn.Name) is { Length: > 0 } json)
            {
                stored[entity.RowKey] = json;
            }
        }

        var changes = new List<TableEntity>();
        foreach (var id in connectionIds.Distinct(StringComparer.Ordinal))
        {
            var next = EvidenceColumn.Serialize(evidence.GetValueOrDefault(id));
            if (!string.Equals(next, stored.GetValueOrDefault(id), StringComparison.Ordinal) && KeyPattern().IsMatch(id))
            {
                // An empty string clears it: a merge cannot remove a property, and empty reads as none.
                changes.Add(new TableEntity(campaignId, id) { [EvidenceColumn.Name] = next ?? "" });
            }
        }

        var written = 0;
        await Parallel.ForEachAsync(
            changes.Chunk(MaxTransactionActions).ToList(),
            new ParallelOptions { MaxDegreeOfParallelism = MaxParallelRequests, CancellationToken = cancellationToken },
            async (chunk, ct) =>
            {
                try
                {
                    await _connections.SubmitTransactionAsync(
                        chunk.Select(e => new TableTransactionAction(TableTransactionActionType.UpdateMerge, e, ETag.All)), ct);
                    Interlocked.Add(ref written, chunk.Length);
                }
                catch (TableTransactionFailedException ex) when (ex.Status == 404)
                {
                    // A row in the batch is not in the campaign: write the others one by one.
                    foreach (var entity in chunk)
                    {
                        try
                        {
                            await _connections.UpdateEntityAsync(entity, ETag.All, TableUpdateMode.Merge, ct);
                            Interlocked.Increment(ref written);
                        }
                        catch (RequestFailedException missing) when (missing.Status == 404)
                        {
                        }
                    }
                }
            });

        // Then the replied copies, read after the rows were written: a reply marked before then is fixed here, one marked
        // after copies the new evidence (its mark is conditional on the row as it read it). Comparing every copy with its
        // row's evidence, not only the changes, also repairs copies a crash left behind on the retried upload.
        var final = new Dictionary<string, string>(stored, StringComparer.Ordinal);
        foreach (var change in changes)
        {
            final[change.RowKey] = change.GetString(EvidenceColumn.Name) ?? "";
        }

        var stale = new List<TableEntity>();
        var copies = RepliedCopies(campaignId);
        await foreach (var copy in _connections.QueryAsync<TableEntity>(copies, select: EvidenceColumns, cancellationToken: cancellationToken))
        {
            var expected = final.GetValueOrDefault(copy.RowKey[RepliedCopyPrefix.Length..]) ?? "";
            if (!string.Equals(copy.GetString(EvidenceColumn.Name) ?? "", expected, StringComparison.Ordinal))
            {
                stale.Add(new TableEntity(campaignId, copy.RowKey) { [EvidenceColumn.Name] = expected });
            }
        }

        foreach (var chunk in stale.Chunk(MaxTransactionActions))
        {
            await _connections.SubmitTransactionAsync(
                chunk.Select(e => new TableTransactionAction(TableTransactionActionType.UpdateMerge, e, ETag.All)), cancellationToken);
        }

        return written;
    }

    private static readonly string[] EvidenceColumns = ["RowKey", EvidenceColumn.Name];

    private const string ReplyVersionSeparator = "|";
    private const string ReplyVersionEnd = "}";

    private static string ReplyVersionRowKey(string connectionId, DateTimeOffset receivedAt) =>
        connectionId + ReplyVersionSeparator + receivedAt.UtcTicks.ToString("D19", System.Globalization.CultureInfo.InvariantCulture);

    private Task EnsureReplyHistoryAsync(CancellationToken cancellationToken)
    {
        // Created on first use, apart from the other tables, so stores that never edit a reply do not need it.
        var task = _ensureReplyHistory;
        if (task is null || task.IsFaulted || task.IsCanceled)
        {
            var created = _replyHistory.CreateIfNotExistsAsync(CancellationToken.None);
            task = Interlocked.CompareExchange(ref _ensureReplyHistory, created, task) == task ? created : _ensureReplyHistory!;
        }

        return task.WaitAsync(cancellationToken);
    }

    private static string TableName(string prefix, string name)
    {
        var table = prefix + name;
        if (!TableNamePattern().IsMatch(table))
        {
            throw new InvalidOperationException(
                $"The table prefix '{prefix}' (setting Storage__TablePrefix) does not make a valid table name: use letters and digits only, starting with a letter, at most {63 - name.Length} characters.");
        }

        return table;
    }

    private static string ConnectionRowsFilter(string campaignId) =>
        TableClient.CreateQueryFilter($"PartitionKey eq {campaignId} and RowKey lt {ConnectionRowsEnd}");

    /// <summary>The campaign's schedule index rows from sequence <paramref name="fromSequence"/> (0 when below it) on.</summary>
    private static string ScheduleFrom(string campaignId, int fromSequence) =>
        TableClient.CreateQueryFilter(
            $"PartitionKey eq {campaignId} and RowKey ge {ScheduleRowKey(Math.Max(0, fromSequence))} and RowKey lt {ScheduleEnd}");

    private static void ValidateKey(string key, string paramName)
    {
        ArgumentException.ThrowIfNullOrEmpty(key, paramName);
        if (!KeyPattern().IsMatch(key))
        {
            throw new ArgumentException("A campaign id must be 1 to 64 letters, digits, '-' or '_'.", paramName);
        }
    }

    private static void ValidateConnectionId(string connectionId)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionId);
        if (!KeyPattern().IsMatch(connectionId))
        {
            throw new ArgumentException("A connection id must be 1 to 64 letters, digits, '-' or '_'.", nameof(connectionId));
        }
    }

    private static void ValidateConnection(CampaignConnection item)
    {
        ArgumentNullException.ThrowIfNull(item);
        ValidateConnectionId(item.Connection.Id);
        if (item.Sequence < 0)
        {
            throw new ArgumentException($"Connection sequences start at 0; got {item.Sequence}.", nameof(item));
        }
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    private static partial Regex TableNamePattern();

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex KeyPattern();

    private async Task<IReadOnlyList<CampaignConnection>> AddChunkAsync(
        string campaignId, IReadOnlyList<CampaignConnection> chunk, CancellationToken cancellationToken)
    {
        // A transaction adds all of its rows or none; after a conflict, the rows not there yet are added once more, and
        // a second conflict (an import of the same file running alongside) is resolved the same way.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await _connections.SubmitTransactionAsync(ToAddActions(campaignId, chunk), cancellationToken);
                return chunk;
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 409 && attempt < 3)
            {
                var rest = await NotYetStoredAsync(campaignId, chunk, cancellationToken);
                if (rest.Count == chunk.Count && attempt > 1)
                {
                    throw;
                }

                if (rest.Count == 0)
                {
                    return rest;
                }

                chunk = rest;
            }
        }
    }

    /// <summary>
    /// The connections of <paramref name="chunk"/> whose id is not stored yet, after reading the chunk's own schedule
    /// range (one query) and, for the ids not found there, their rows; a sequence taken by another id is refused.
    /// </summary>
    private async Task<IReadOnlyList<CampaignConnection>> NotYetStoredAsync(
        string campaignId, IReadOnlyList<CampaignConnection> chunk, CancellationToken cancellationToken)
    {
        var from = ScheduleRowKey(chunk.Min(c => c.Sequence));
        var to = ScheduleRowKey(chunk.Max(c => c.Sequence));
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {campaignId} and RowKey ge {from} and RowKey le {to}");
        var scheduled = new Dictionary<int, string>();
        await foreach (var entity in _connections.QueryAsync<TableEntity>(filter, select: ScheduleColumns, cancellationToken: cancellationToken))
        {
            if (entity.GetInt32("Sequence") is { } sequence && entity.GetString("ConnectionId") is { } id)
            {
                scheduled[sequence] = id;
            }
        }

        // A retried upload finds its own rows at their own sequences: no further reads. Others may be stored under
        // another sequence (a newer export of the same people), which only their own row tells.
        var unconfirmed = chunk
            .Where(c => !(scheduled.TryGetValue(c.Sequence, out var id) && string.Equals(id, c.Connection.Id, StringComparison.Ordinal)))
            .ToList();
        var stored = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(
            unconfirmed,
            new ParallelOptions { MaxDegreeOfParallelism = MaxParallelRequests, CancellationToken = cancellationToken },
            async (item, ct) =>
            {
                var row = await _connections.GetEntityIfExistsAsync<TableEntity>(campaignId, item.Connection.Id, RowKeyOnly, ct);
                stored[item.Connection.Id] = row.HasValue;
            });

        var rest = new List<CampaignConnection>();
        foreach (var item in unconfirmed.Where(c => !stored[c.Connection.Id]))
        {
            if (scheduled.ContainsKey(item.Sequence))
            {
                throw SequenceTaken(campaignId, item.Sequence);
            }

            rest.Add(item);
        }

        return rest;
    }

    private static ArgumentException SequenceTaken(string campaignId, int sequence) =>
        new($"Sequence {sequence} is already taken in campaign {campaignId}; new connections need sequences after the existing ones.", "connections");

    private static IEnumerable<TableTransactionAction> ToAddActions(string campaignId, IEnumerable<CampaignConnection> items) =>
        items.SelectMany(item => new[]
        {
            new TableTransactionAction(TableTransactionActionType.Add, ToConnectionEntity(campaignId, item)),
            new TableTransactionAction(TableTransactionActionType.Add, ToScheduleEntity(campaignId, item)),
        });

    private static async Task DeletePartitionAsync(TableClient table, string partitionKey, CancellationToken cancellationToken)
    {
        var keys = new List<string>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}");
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, select: RowKeyOnly, cancellationToken: cancellationToken))
        {
            keys.Add(entity.RowKey);
        }

        await Parallel.ForEachAsync(
            keys.Chunk(MaxTransactionActions).ToList(),
            new ParallelOptions { MaxDegreeOfParallelism = MaxParallelRequests, CancellationToken = cancellationToken },
            async (chunk, ct) => await table.SubmitTransactionAsync(
                chunk.Select(rowKey => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partitionKey, rowKey), ETag.All)),
                ct));
    }

    /// <summary>Raises the counted total to <paramref name="total"/> when it is lower (sequences run from 0 without gaps).</summary>
    private async Task RaiseTotalAsync(string campaignId, int total, CancellationToken cancellationToken)
    {
        while (true)
        {
            var counters = await _connections.GetEntityIfExistsAsync<TableEntity>(campaignId, ProgressRowKey, [TotalCounter], cancellationToken);
            if (!counters.HasValue || (counters.Value!.GetInt32(TotalCounter) ?? 0) >= total)
            {
                // Without counters the first progress read counts the rows.
                return;
            }

            try
            {
                await _connections.UpdateEntityAsync(
                    new TableEntity(campaignId, ProgressRowKey) { [TotalCounter] = total }, counters.Value!.ETag, TableUpdateMode.Merge, cancellationToken);
                return;
            }
            catch (RequestFailedException ex) when (ex.Status == 412)
            {
                // Counted meanwhile: look again.
            }
        }
    }

    /// <summary>
    /// Applies <paramref name="patch"/> to a connection row when <paramref name="applies"/> says the row is not there yet,
    /// and adds one to <paramref name="counter"/> in the same transaction (both conditional on what was read), so a count
    /// moves exactly when the row's state does, however often the caller retries and whoever races it.
    /// </summary>
    /// <returns>True when this call moved the row; false when the row was already there or is gone.</returns>
    private async Task<bool> CountTransitionAsync(
        string campaignId,
        string connectionId,
        string[]? columns,
        Func<TableEntity, bool> applies,
        TableEntity patch,
        string counter,
        Func<TableEntity, IEnumerable<TableTransactionAction>> alsoWrite,
        CancellationToken cancellationToken)
    {
        while (true)
        {
            var rowRead = _connections.GetEntityIfExistsAsync<TableEntity>(campaignId, connectionId, columns, cancellationToken);
            var countersRead = _connections.GetEntityIfExistsAsync<TableEntity>(campaignId, ProgressRowKey, cancellationToken: cancellationToken);
            var (row, counters) = (await rowRead, await countersRead);
            if (!row.HasValue || !applies(row.Value!))
            {
                return false;
            }

            var actions = new List<TableTransactionAction>
            {
                new(TableTransactionActionType.UpdateMerge, patch, row.Value!.ETag),
            };
            actions.AddRange(alsoWrite(row.Value!));
            if (counters.HasValue)
            {
                var next = new TableEntity(campaignId, ProgressRowKey) { [counter] = (counters.Value!.GetInt32(counter) ?? 0) + 1 };
                actions.Add(new TableTransactionAction(TableTransactionActionType.UpdateMerge, next, counters.Value!.ETag));
            }

            // Without a counters row (a campaign from before counters) the first progress read counts everything.
            try
            {
                await _connections.SubmitTransactionAsync(actions, cancellationToken);
                return true;
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 412 or 409)
            {
                // The row or the counters changed since they were read: look again.
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 404)
            {
                return false;
            }
        }
    }

    /// <summary>The query for a campaign's replied copies: one row-key range, so the service reads no other row.</summary>
    private static string RepliedCopies(string campaignId) =>
        TableClient.CreateQueryFilter($"PartitionKey eq {campaignId} and RowKey ge {RepliedCopyPrefix} and RowKey lt {RepliedCopyEnd}");

    /// <summary>The schedule index row of a connection row read with its sequence, marked done (upserted: never fails the transaction).</summary>
    private static Func<TableEntity, IEnumerable<TableTransactionAction>> MarkScheduleDone(string campaignId) =>
        row => row.GetInt32("Sequence") is { } sequence
            ? [new TableTransactionAction(
                TableTransactionActionType.UpsertMerge, new TableEntity(campaignId, ScheduleRowKey(sequence)) { [ScheduleDoneColumn] = true })]
            : [];

    private async Task EnsureTablesAsync(CancellationToken cancellationToken)
    {
        var task = _ensureTables;
        if (task is null || task.IsFaulted || task.IsCanceled)
        {
            // Shared by every caller, so not tied to one caller's token; a failed attempt is retried by the next caller.
            var created = CreateTablesAsync();
            task = Interlocked.CompareExchange(ref _ensureTables, created, task) == task ? created : _ensureTables!;
        }

        await task.WaitAsync(cancellationToken);
    }

    private async Task CreateTablesAsync()
    {
        await Task.WhenAll(
            _campaigns.CreateIfNotExistsAsync(CancellationToken.None),
            _connections.CreateIfNotExistsAsync(CancellationToken.None),
            _replies.CreateIfNotExistsAsync(CancellationToken.None));
    }
}
