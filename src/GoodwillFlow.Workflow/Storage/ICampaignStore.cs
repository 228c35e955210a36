using GoodwillFlow.Core.Evidence;
using GoodwillFlow.Core.Replies;

namespace GoodwillFlow.Workflow.Storage;

/// <summary>Campaigns, their connections and schedule, send marks and replies (Azure Table storage in every host).</summary>
public interface ICampaignStore
{
    /// <summary>Creates the tables if they do not exist.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>Returns the campaign, or null.</summary>
    Task<CampaignRecord?> FindCampaignAsync(string campaignId, CancellationToken cancellationToken);

    /// <summary>Returns every campaign, newest first.</summary>
    Task<IReadOnlyList<CampaignRecord>> ListCampaignsAsync(CancellationToken cancellationToken);

    /// <summary>Creates or replaces the campaign record.</summary>
    Task SaveCampaignAsync(CampaignRecord campaign, CancellationToken cancellationToken);

    /// <summary>
    /// Changes the stored campaign record with <paramref name="change"/> and returns the record as stored, or null when
    /// there is no such campaign. A change that returns its argument unchanged writes nothing. Two changes made at the
    /// same moment (a state recorded while a link is revoked or an export recorded) both survive: a store applies the
    /// change to the record as it is when written, reapplying it when the record moved in between.
    /// </summary>
    async Task<CampaignRecord?> UpdateCampaignAsync(string campaignId, Func<CampaignRecord, CampaignRecord> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (await FindCampaignAsync(campaignId, cancellationToken) is not { } campaign)
        {
            return null;
        }

        var changed = change(campaign);
        if (!ReferenceEquals(changed, campaign))
        {
            await SaveCampaignAsync(changed, cancellationToken);
        }

        return changed;
    }

    /// <summary>
    /// Adds connections whose id is not yet in the campaign (in batches of up to 100 per transaction) and returns the
    /// ones added. Their <see cref="CampaignConnection.Sequence"/> and planned time are kept as given.
    /// </summary>
    Task<IReadOnlyList<CampaignConnection>> AddConnectionsAsync(
        string campaignId, IReadOnlyList<CampaignConnection> connections, CancellationToken cancellationToken);

    /// <summary>Returns the ids of the connections already in the campaign.</summary>
    Task<IReadOnlySet<string>> GetConnectionIdsAsync(string campaignId, CancellationToken cancellationToken);

    /// <summary>Returns every connection of the campaign, ordered by sequence.</summary>
    Task<IReadOnlyList<CampaignConnection>> GetConnectionsAsync(string campaignId, CancellationToken cancellationToken);

    /// <summary>
    /// Returns the connections whose reply has been counted (marked when their first reply was saved, or by a recount),
    /// ordered by sequence, without reading the other rows. Their person, sequence and evidence are current; their send
    /// state and planned time are as they were when the reply was first counted.
    /// </summary>
    Task<IReadOnlyList<CampaignConnection>> GetRepliedConnectionsAsync(string campaignId, CancellationToken cancellationToken);

    /// <summary>Returns up to <paramref name="maxCount"/> connections with sequence ≥ <paramref name="fromSequence"/>, ordered by sequence.</summary>
    Task<IReadOnlyList<CampaignConnection>> GetSchedulePageAsync(
        string campaignId, int fromSequence, int maxCount, CancellationToken cancellationToken);

    /// <summary>Returns one connection of the campaign, or null.</summary>
    Task<CampaignConnection?> FindConnectionAsync(string campaignId, string connectionId, CancellationToken cancellationToken);

    /// <summary>Replaces the planned send times of existing connections (after a pause, or when a re-upload extends the campaign).</summary>
    Task ReplanAsync(string campaignId, IReadOnlyList<(string ConnectionId, DateTimeOffset PlannedAt)> plan, CancellationToken cancellationToken);

    /// <summary>
    /// Atomically moves the connection from <see cref="PromptSendState.Pending"/> to <see cref="PromptSendState.Claimed"/>.
    /// Returns false when it was already claimed or sent, so a prompt is never sent twice.
    /// </summary>
    Task<bool> TryClaimSendAsync(string campaignId, string connectionId, CancellationToken cancellationToken);

    /// <summary>
    /// Claims the connection's send as <see cref="TryClaimSendAsync"/> does and returns its row as claimed, or null when it
    /// was not claimed: the caller that sends the prompt needs the row, and this saves it a read.
    /// </summary>
    async Task<CampaignConnection?> ClaimSendAsync(string campaignId, string connectionId, CancellationToken cancellationToken) =>
        await TryClaimSendAsync(campaignId, connectionId, cancellationToken)
            ? await FindConnectionAsync(campaignId, connectionId, cancellationToken)
            : null;

    /// <summary>
    /// Returns the prompts from <paramref name="fromSequence"/> on that are still to send (neither sent nor answered ahead),
    /// ordered by sequence, without reading the connections before it.
    /// </summary>
    async Task<IReadOnlyList<ScheduleSlot>> GetOpenScheduleAsync(string campaignId, int fromSequence, CancellationToken cancellationToken) =>
        ScheduleSlot.OpenFrom(await GetConnectionsAsync(campaignId, cancellationToken), fromSequence);

    /// <summary>
    /// Atomically moves the connection from <see cref="PromptSendState.Pending"/> to <see cref="PromptSendState.AnsweredAhead"/>
    /// and counts it, so the drip never emails a prompt the owner already answered. Returns false when the prompt was
    /// already claimed, sent or answered ahead (the reply is then an ordinary one). Excludes <see cref="TryClaimSendAsync"/>:
    /// of the two racing for one prompt, exactly one succeeds.
    /// </summary>
    Task<bool> TryMarkAnsweredAheadAsync(string campaignId, string connectionId, CancellationToken cancellationToken);

    /// <summary>Moves a claimed connection back to pending (the send failed before reaching the provider).</summary>
    Task ReleaseClaimAsync(string campaignId, string connectionId, CancellationToken cancellationToken);

    /// <summary>Marks the connection's prompt as sent.</summary>
    Task MarkSentAsync(string campaignId, string connectionId, DateTimeOffset sentAt, CancellationToken cancellationToken);

    /// <summary>Records or replaces the reply for one connection (idempotent).</summary>
    Task SaveReplyAsync(RecordedReply reply, CancellationToken cancellationToken);

    /// <summary>Returns the reply for one connection, or null.</summary>
    Task<RecordedReply?> FindReplyAsync(string campaignId, string connectionId, CancellationToken cancellationToken);

    /// <summary>Returns every reply of the campaign.</summary>
    Task<IReadOnlyList<RecordedReply>> GetRepliesAsync(string campaignId, CancellationToken cancellationToken);

    /// <summary>
    /// Returns counts of connections, sent prompts, prompts answered ahead and replies: the counters kept as prompts are marked sent and replies
    /// saved (one read). A campaign without counters is counted once (see <see cref="RecountProgressAsync"/>).
    /// </summary>
    Task<CampaignProgress> GetProgressAsync(string campaignId, CancellationToken cancellationToken);

    /// <summary>
    /// Counts the campaign's connections, sent prompts and replies from its rows and stores the counts (idempotent;
    /// reads every row, so only at the end of a drip or when asked, never per page).
    /// </summary>
    Task<CampaignProgress> RecountProgressAsync(string campaignId, CancellationToken cancellationToken);

    /// <summary>
    /// Records that an upload's connections are being stored and how many the campaign will have in all, before the first
    /// is stored, so progress and prompts show the full count while the rest is still being written.
    /// </summary>
    Task BeginImportAsync(string campaignId, int total, CancellationToken cancellationToken);

    /// <summary>Records that every connection of the upload is stored (the schedule has no gaps).</summary>
    Task CompleteImportAsync(string campaignId, CancellationToken cancellationToken);

    /// <summary>Deletes the campaign, its connections, marks and replies.</summary>
    Task DeleteCampaignAsync(string campaignId, CancellationToken cancellationToken);

    /// <summary>
    /// Keeps <paramref name="previous"/> as an earlier version of its connection's reply, before an edit replaces it
    /// (idempotent: a version is known by its <see cref="RecordedReply.ReceivedAt"/>).
    /// </summary>
    Task SaveReplyVersionAsync(RecordedReply previous, CancellationToken cancellationToken);

    /// <summary>Returns the earlier versions of one connection's reply, newest first (empty when it was never edited).</summary>
    Task<IReadOnlyList<RecordedReply>> GetReplyHistoryAsync(string campaignId, string connectionId, CancellationToken cancellationToken);

    /// <summary>Removes one earlier version (it was restored as the answer, so it is no longer an earlier one).</summary>
    Task DeleteReplyVersionAsync(RecordedReply version, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the archive evidence of existing connections after a newer upload: each of <paramref name="connectionIds"/>
    /// gets its entry in <paramref name="evidence"/>, or none when the newer archive no longer names them. Only rows whose
    /// evidence changes are written; ids not in the campaign are ignored. Returns how many rows changed.
    /// </summary>
    Task<int> UpdateEvidenceAsync(
        string campaignId,
        IReadOnlyCollection<string> connectionIds,
        IReadOnlyDictionary<string, ConnectionEvidence> evidence,
        CancellationToken cancellationToken);

    #region Shortlist email mark

    /// <summary>
    /// Atomically moves the campaign's shortlist email from <see cref="PromptSendState.Pending"/> (never claimed) to
    /// <see cref="PromptSendState.Claimed"/>. Returns false when it was already claimed or sent, so the shortlist
    /// email, like a prompt, is sent at most once.
    /// </summary>
    Task<bool> TryClaimShortlistSendAsync(string campaignId, CancellationToken cancellationToken);

    /// <summary>Returns where the campaign's shortlist email is: pending (never claimed), claimed, or sent.</summary>
    Task<PromptSendState> GetShortlistSendStateAsync(string campaignId, CancellationToken cancellationToken);

    /// <summary>Moves a claimed shortlist email back to pending (the send failed before reaching the provider).</summary>
    Task ReleaseShortlistClaimAsync(string campaignId, CancellationToken cancellationToken);

    /// <summary>Marks the campaign's shortlist email as sent.</summary>
    Task MarkShortlistSentAsync(string campaignId, DateTimeOffset sentAt, CancellationToken cancellationToken);

    #endregion
}
