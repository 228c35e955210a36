using GoodwillFlow.Core.Replies;
using GoodwillFlow.Testing;
using GoodwillFlow.Workflow.Storage;

namespace GoodwillFlow.Workflow.Tests.Uploads;

/// <summary>The in-memory store, but the next <see cref="FailNextCampaignSaves"/> campaign saves fail like a crashed host.</summary>
internal sealed class CrashingCampaignStore(InMemoryCampaignStore inner) : ICampaignStore
{
    private int _adds;

    public int FailNextCampaignSaves { get; set; }

    /// <summary>Gets or sets the call of <see cref="AddConnectionsAsync"/> (from 1) that stores half of its rows and then fails like a crashed host.</summary>
    public int CrashMidwayThroughAdd { get; set; }

    /// <summary>Gets or sets what runs before each <see cref="AddConnectionsAsync"/> call, with its number and its rows.</summary>
    public Action<int, IReadOnlyList<CampaignConnection>>? BeforeAdd { get; set; }

    public Task SaveCampaignAsync(CampaignRecord campaign, CancellationToken cancellationToken)
    {
        if (FailNextCampaignSaves > 0)
        {
            FailNextCampaignSaves--;
            throw new InvalidOperationException("Simulated crash before the campaign record was written.");
        }

        return inner.SaveCampaignAsync(campaign, cancellationToken);
    }

    public Task InitializeAsync(CancellationToken cancellationToken) => inner.InitializeAsync(cancellationToken);

    public Task<CampaignRecord?> FindCampaignAsync(string campaignId, CancellationToken cancellationToken) => inner.FindCampaignAsync(campaignId, cancellationToken);

    public Task<IReadOnlyList<CampaignRecord>> ListCampaignsAsync(CancellationToken cancellationToken) => inner.ListCampaignsAsync(cancellationToken);

    public async Task<IReadOnlyList<CampaignConnection>> AddConnectionsAsync(string campaignId, IReadOnlyList<CampaignConnection> connections, CancellationToken cancellationToken)
    {
        var call = Interlocked.Increment(ref _adds);
        BeforeAdd?.Invoke(call, connections);
        if (call == CrashMidwayThroughAdd)
        {
            await inner.AddConnectionsAsync(campaignId, connections.Take(connections.Count / 2).ToList(), cancellationToken);
            throw new InvalidOperationException("Simulated crash while storing connections.");
        }

        return await inner.AddConnectionsAsync(campaignId, connections, cancellationToken);
    }

    public Task<IReadOnlySet<string>> GetConnectionIdsAsync(string campaignId, CancellationToken cancellationToken) => inner.GetConnectionIdsAsync(campaignId, cancellationToken);

    public Task<IReadOnlyList<CampaignConnection>> GetConnectionsAsync(string campaignId, CancellationToken cancellationToken) => inner.GetConnectionsAsync(campaignId, cancellationToken);

    public Task<IReadOnlyList<CampaignConnection>> GetRepliedConnectionsAsync(string campaignId, CancellationToken cancellationToken) =>
        inner.GetRepliedConnectionsAsync(campaignId, cancellationToken);

    public Task<IReadOnlyList<CampaignConnection>> GetSchedulePageAsync(string campaignId, int fromSequence, int maxCount, CancellationToken cancellationToken) =>
        inner.GetSchedulePageAsync(campaignId, fromSequence, maxCount, cancellationToken);

    public Task<CampaignConnection?> FindConnectionAsync(string campaignId, string connectionId, CancellationToken cancellationToken) =>
        inner.FindConnectionAsync(campaignId, connectionId, cancellationToken);

    public Task ReplanAsync(string campaignId, IReadOnlyList<(string ConnectionId, DateTimeOffset PlannedAt)> plan, CancellationToken cancellationToken) =>
        inner.ReplanAsync(campaignId, plan, cancellationToken);

    public Task<bool> TryMarkAnsweredAheadAsync(string campaignId, string connectionId, CancellationToken cancellationToken) =>
        inner.TryMarkAnsweredAheadAsync(campaignId, connectionId, cancellationToken);

    public Task<bool> TryClaimSendAsync(string campaignId, string connectionId, CancellationToken cancellationToken) => inner.TryClaimSendAsync(campaignId, connectionId, cancellationToken);

    public Task ReleaseClaimAsync(string campaignId, string connectionId, CancellationToken cancellationToken) => inner.ReleaseClaimAsync(campaignId, connectionId, cancellationToken);

    public Task MarkSentAsync(string campaignId, string connectionId, DateTimeOffset sentAt, CancellationToken cancellationToken) =>
        inner.MarkSentAsync(campaignId, connectionId, sentAt, cancellationToken);

    public Task SaveReplyAsync(RecordedReply reply, CancellationToken cancellationToken) => inner.SaveReplyAsync(reply, cancellationToken);

    public Task<RecordedReply?> FindReplyAsync(string campaignId, string connectionId, CancellationToken cancellationToken) => inner.FindReplyAsync(campaignId, connectionId, cancellationToken);

    public Task SaveReplyVersionAsync(RecordedReply previous, CancellationToken cancellationToken) => inner.SaveReplyVersionAsync(previous, cancellationToken);

    public Task<IReadOnlyList<RecordedReply>> GetReplyHistoryAsync(string campaignId, string connectionId, CancellationToken cancellationToken) =>
        inner.GetReplyHistoryAsync(campaignId, connectionId, cancellationToken);

    public Task DeleteReplyVersionAsync(RecordedReply version, CancellationToken cancellationToken) => inner.DeleteReplyVersionAsync(version, cancellationToken);

    public Task<IReadOnlyList<RecordedReply>> GetRepliesAsync(string campaignId, CancellationToken cancellationToken) => inner.GetRepliesAsync(campaignId, cancellationToken);

    public Task<CampaignProgress> GetProgressAsync(string campaignId, CancellationToken cancellationToken) => inner.GetProgressAsync(campaignId, cancellationToken);

    public Task<CampaignProgress> RecountProgressAsync(string campaignId, CancellationToken cancellationToken) => inner.RecountProgressAsync(campaignId, cancellationToken);

    public Task BeginImportAsync(string campaignId, int total, CancellationToken cancellationToken) => inner.BeginImportAsync(campaignId, total, cancellationToken);

    public Task CompleteImportAsync(string campaignId, CancellationToken cancellationToken) => inner.CompleteImportAsync(campaignId, cancellationToken);

    public Task DeleteCampaignAsync(string campaignId, CancellationToken cancellationToken) => inner.DeleteCampaignAsync(campaignId, cancellationToken);

    public Task<int> UpdateEvidenceAsync(
        string campaignId,
        IReadOnlyCollection<string> connectionIds,
        IReadOnlyDictionary<string, GoodwillFlow.Core.Evidence.ConnectionEvidence> evidence,
        CancellationToken cancellationToken) =>
        inner.UpdateEvidenceAsync(campaignId, connectionIds, evidence, cancellationToken);

    public Task<bool> TryClaimShortlistSendAsync(string campaignId, CancellationToken cancellationToken) => inner.TryClaimShortlistSendAsync(campaignId, cancellationToken);

    public Task<PromptSendState> GetShortlistSendStateAsync(string campaignId, CancellationToken cancellationToken) => inner.GetShortlistSendStateAsync(campaignId, cancellationToken);

    public Task ReleaseShortlistClaimAsync(string campaignId, CancellationToken cancellationToken) => inner.ReleaseShortlistClaimAsync(campaignId, cancellationToken);

    public Task MarkShortlistSentAsync(string campaignId, DateTimeOffset sentAt, CancellationToken cancellationToken) =>
        inner.MarkShortlistSentAsync(campaignId, sentAt, cancellationToken);
}
