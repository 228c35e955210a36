using System.Collections.Concurrent;
using GoodwillFlow.Core.Evidence;
using GoodwillFlow.Core.Replies;
using GoodwillFlow.Workflow.Storage;

namespace GoodwillFlow.Testing;

/// <summary>
/// A thread-safe in-memory <see cref="ICampaignStore"/> with the same semantics as the Table store, including its kept
/// counters: moved only by the transitions that happen, counted from the rows when missing or on a recount.
/// </summary>
public sealed class InMemoryCampaignStore : ICampaignStore
{
    private readonly ConcurrentDictionary<string, CampaignRecord> _campaigns = new();
    private readonly ConcurrentDictionary<(string, string), CampaignConnection> _connections = new();
    private readonly ConcurrentDictionary<(string, string), RecordedReply> _replies = new();
    private readonly ConcurrentDictionary<string, CampaignProgress> _progress = new();
    private readonly HashSet<(string, string)> _repliedMarks = [];
    private readonly ConcurrentDictionary<(string, string, long), RecordedReply> _replyVersions = new();
    private readonly Lock _gate = new();
    private readonly ConcurrentDictionary<string, PromptSendState> _shortlistSends = new();

    public Task InitializeAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<CampaignRecord?> FindCampaignAsync(string campaignId, CancellationToken cancellationToken) =>
        Task.FromResult(_campaigns.GetValueOrDefault(campaignId));

    public Task<IReadOnlyList<CampaignRecord>> ListCampaignsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<CampaignRecord>>(_campaigns.Values.OrderByDescending(c => c.CreatedAt).ToList());

    public Task SaveCampaignAsync(CampaignRecord campaign, CancellationToken cancellationToken)
    {
        _campaigns[campaign.CampaignId] = campaign;
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<CampaignConnection>> AddConnectionsAsync(
        string campaignId, IReadOnlyList<CampaignConnection> connections, CancellationToken cancellationToken)
    {
        var added = new List<CampaignConnection>();
        lock (_gate)
        {
            foreach (var c in connections)
            {
                if (_connections.TryAdd((campaignId, c.Connection.Id), c))
                {
                    added.Add(c);
                }
            }

            var total = Of(campaignId).Select(c => c.Sequence + 1).DefaultIfEmpty(0).Max();
            if (_progress.TryGetValue(campaignId, out var progress) && progress.Total < total)
            {
                _progress[campaignId] = progress with { Total = total };
            }
        }

        return Task.FromResult<IReadOnlyList<CampaignConnection>>(added);
    }

    public Task<IReadOnlySet<string>> GetConnectionIdsAsync(string campaignId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlySet<string>>(Of(campaignId).Select(c => c.Connection.Id).ToHashSet());

    public Task<IReadOnlyList<CampaignConnection>> GetConnectionsAsync(string campaignId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<CampaignConnection>>(Of(campaignId).ToList());

    public Task<IReadOnlyList<CampaignConnection>> GetRepliedConnectionsAsync(string campaignId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<CampaignConnection>>(
                Of(campaignId).Where(c => _repliedMarks.Contains((campaignId, c.Connection.Id))).ToList());
        }
    }

    public Task<IReadOnlyList<CampaignConnection>> GetSchedulePageAsync(
        string campaignId, int fromSequence, int maxCount, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<CampaignConnection>>(
            Of(campaignId).Where(c => c.Sequence >= fromSequence).Take(maxCount).ToList());

    public Task<CampaignConnection?> FindConnectionAsync(string campaignId, string connectionId, CancellationToken cancellationToken) =>
        Task.FromResult(_connections.GetValueOrDefault((campaignId, connectionId)));

    public Task ReplanAsync(string campaignId, IReadOnlyList<(string ConnectionId, DateTimeOffset PlannedAt)> plan, CancellationToken cancellationToken)
    {
        foreach (var (id, at) in plan)
        {
            Update(campaignId, id, c => c with { PlannedAt = at });
        }

        return Task.CompletedTask;
    }

    public Task<bool> TryClaimSendAsync(string campaignId, string connectionId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_connections.TryGetValue((campaignId, connectionId), out var c) || c.SendState != PromptSendState.Pending)
            {
                return Task.FromResult(false);
            }

            _connections[(campaignId, connectionId)] = c with { SendState = PromptSendState.Claimed };
            return Task.FromResult(true);
        }
    }

    public Task<bool> TryMarkAnsweredAheadAsync(string campaignId, string connectionId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_connections.TryGetValue((campaignId, connectionId), out var c) || c.SendState != PromptSendState.Pending)
            {
                return Task.FromResult(false);
            }

            _connections[(campaignId, connectionId)] = c with { SendState = PromptSendState.AnsweredAhead };
            Count(campaignId, p => p with { AnsweredAhead = p.AnsweredAhead + 1 });
            return Task.FromResult(true);
        }
    }

    public Task ReleaseClaimAsync(string campaignId, string connectionId, CancellationToken cancellationToken)
    {
        Update(campaignId, connectionId, c => c.SendState == PromptSendState.Claimed ? c with { SendState = PromptSendState.Pending } : c);
        return Task.CompletedTask;
    }

    public Task MarkSentAsync(string campaignId, string connectionId, DateTimeOffset sentAt, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_connections.TryGetValue((campaignId, connectionId), out var c) && c.SendState != PromptSendState.Sent)
            {
                _connections[(campaignId, connectionId)] = c with { SendState = PromptSendState.Sent, SentAt = sentAt };
                Count(campaignId, p => p with { Sent = p.Sent + 1 });
            }
        }

        return Task.CompletedTask;
    }

    public Task SaveReplyAsync(RecordedReply reply, CancellationToken cancellationToken)
    {
        _replies[(reply.CampaignId, reply.ConnectionId)] = reply;
        lock (_gate)
        {
            if (_connections.ContainsKey((reply.CampaignId, reply.ConnectionId)) && _repliedMarks.Add((reply.CampaignId, reply.ConnectionId)))
            {
                Count(reply.CampaignId, p => p with { Replied = p.Replied + 1 });
                Update(reply.CampaignId, reply.ConnectionId, c => c with { Replied = true });
            }
        }

        return Task.CompletedTask;
    }

    public Task<RecordedReply?> FindReplyAsync(string campaignId, string connectionId, CancellationToken cancellationToken) =>
        Task.FromResult(_replies.GetValueOrDefault((campaignId, connectionId)));

    public Task<IReadOnlyList<RecordedReply>> GetRepliesAsync(string campaignId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<RecordedReply>>(_replies.Values.Where(r => r.CampaignId == campaignId).ToList());

    public Task<CampaignProgress> GetProgressAsync(string campaignId, CancellationToken cancellationToken) =>
        _progress.TryGetValue(campaignId, out var progress) ? Task.FromResult(progress) : RecountProgressAsync(campaignId, cancellationToken);

    public Task<CampaignProgress> RecountProgressAsync(string campaignId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var all = Of(campaignId).ToList();
            var replied = all.Where(c => _replies.ContainsKey((campaignId, c.Connection.Id))).ToList();
            foreach (var c in replied)
            {
                _repliedMarks.Add((campaignId, c.Connection.Id));
                Update(campaignId, c.Connection.Id, row => row with { Replied = true });
            }

            var before = _progress.GetValueOrDefault(campaignId);
            var stored = all.Count == 0 ? 0 : all.Max(c => c.Sequence) + 1;
            var importing = before?.Importing ?? false;
            var counted = new CampaignProgress(
                importing ? Math.Max(stored, before!.Total) : stored,
                all.Count(c => c.SendState == PromptSendState.Sent),
                replied.Count,
                importing,
                all.Count(c => c.SendState == PromptSendState.AnsweredAhead));
            _progress[campaignId] = counted;
            return Task.FromResult(counted);
        }
    }

    public Task BeginImportAsync(string campaignId, int total, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _progress[campaignId] = (_progress.GetValueOrDefault(campaignId) ?? new CampaignProgress(0, 0, 0)) with { Total = total, Importing = true };
        }

        return Task.CompletedTask;
    }

    public Task CompleteImportAsync(string campaignId, CancellationToken cancellationToken)
    {
        Count(campaignId, p => p with { Importing = false });
        return Task.CompletedTask;
    }

    public Task DeleteCampaignAsync(string campaignId, CancellationToken cancellationToken)
    {
        _campaigns.TryRemove(campaignId, out _);
        _progress.TryRemove(campaignId, out _);
        _shortlistSends.TryRemove(campaignId, out _);
        lock (_gate)
        {
            _repliedMarks.RemoveWhere(k => k.Item1 == campaignId);
        }

        foreach (var key in _connections.Keys.Where(k => k.Item1 == campaignId).ToList())
        {
            _connections.TryRemove(key, out _);
        }

        foreach (var key in _replies.Keys.Where(k => k.Item1 == campaignId).ToList())
        {
            _replies.TryRemove(key, out _);
        }

        foreach (var key in _replyVersions.Keys.Where(k => k.Item1 == campaignId).ToList())
        {
            _replyVersions.TryRemove(key, out _);
        }

        return Task.CompletedTask;
    }

    public Task SaveReplyVersionAsync(RecordedReply previous, CancellationToken cancellationToken)
    {
        _replyVersions[(previous.CampaignId, previous.ConnectionId, previous.ReceivedAt.UtcTicks)] = previous;
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<RecordedReply>> GetReplyHistoryAsync(string campaignId, string connectionId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<RecordedReply>>(_replyVersions
            .Where(kv => kv.Key.Item1 == campaignId && kv.Key.Item2 == connectionId)
            .OrderByDescending(kv => kv.Key.Item3)
            .Select(kv => kv.Value)
            .ToList());

    public Task DeleteReplyVersionAsync(RecordedReply version, CancellationToken cancellationToken)
    {
        _replyVersions.TryRemove((version.CampaignId, version.ConnectionId, version.ReceivedAt.UtcTicks), out _);
        return Task.CompletedTask;
    }

    private IEnumerable<CampaignConnection> Of(string campaignId) =>
        _connections.Where(kv => kv.Key.Item1 == campaignId).Select(kv => kv.Value).OrderBy(c => c.Sequence);

    /// <summary>Moves a kept counter; a campaign without counters is counted from its rows when next read.</summary>
    private void Count(string campaignId, Func<CampaignProgress, CampaignProgress> change)
    {
        lock (_gate)
        {
            if (_progress.TryGetValue(campaignId, out var progress))
            {
                _progress[campaignId] = change(progress);
            }
        }
    }

    private void Update(string campaignId, string connectionId, Func<CampaignConnection, CampaignConnection> change)
    {
        lock (_gate)
        {
            if (_connections.TryGetValue((campaignId, connectionId), out var c))
            {
                _connections[(campaignId, connectionId)] = change(c);
            }
        }
    }

    public Task<int> UpdateEvidenceAsync(
        string campaignId, IReadOnlyCollection<string> connectionIds, IReadOnlyDictionary<string, ConnectionEvidence> evidence, CancellationToken cancellationToken)
    {
        var changed = 0;
        lock (_gate)
        {
            foreach (var id in connectionIds.Distinct(StringComparer.Ordinal))
            {
                var next = evidence.GetValueOrDefault(id) is { IsEmpty: false } said ? said : null;
                if (_connections.TryGetValue((campaignId, id), out var row) && !Equals(row.Evidence, next))
                {
                    _connections[(campaignId, id)] = row with { Evidence = next };
                    changed++;
                }
            }
        }

        return Task.FromResult(changed);
    }

    #region Shortlist email mark

    public Task<bool> TryClaimShortlistSendAsync(string campaignId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_shortlistSends.GetValueOrDefault(campaignId) != PromptSendState.Pending)
            {
                return Task.FromResult(false);
            }

            _shortlistSends[campaignId] = PromptSendState.Claimed;
            return Task.FromResult(true);
        }
    }

    public Task<PromptSendState> GetShortlistSendStateAsync(string campaignId, CancellationToken cancellationToken) =>
        Task.FromResult(_shortlistSends.GetValueOrDefault(campaignId));

    public Task ReleaseShortlistClaimAsync(string campaignId, CancellationToken cancellationToken)
    {
        _shortlistSends.TryUpdate(campaignId, PromptSendState.Pending, PromptSendState.Claimed);
        return Task.CompletedTask;
    }

    public Task MarkShortlistSentAsync(string campaignId, DateTimeOffset sentAt, CancellationToken cancellationToken)
    {
        _shortlistSends[campaignId] = PromptSendState.Sent;
        return Task.CompletedTask;
    }

    #endregion
}
