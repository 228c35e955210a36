using System.Globalization;
using System.Security.Cryptography;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using GoodwillFlow.Core.Connections;
using GoodwillFlow.Core.Email;
using GoodwillFlow.Core.Evidence;
using GoodwillFlow.Core.Import;
using GoodwillFlow.Core.Planning;
using GoodwillFlow.Workflow.Configuration;
using GoodwillFlow.Workflow.Email;
using GoodwillFlow.Workflow.Orchestration;
using GoodwillFlow.Workflow.Storage;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GoodwillFlow.Workflow.Uploads;

/// <summary>
/// Imports an uploaded Connections.csv (or LinkedIn's whole data download, a ZIP, whose evidence is kept per connection) and starts a campaign, or extends the owner's running one. The Functions blob
/// trigger and the local runtime's watcher both call <see cref="HandleAsync"/>.
/// </summary>
/// <remarks>
/// Safe to repeat: the campaign id is derived from the owner and the file's content, and the writes are ordered
/// (the count, the head of the schedule, the campaign record, the orchestration, then the rest of the connections) so
/// the first prompt goes out while the rest is stored, and a crash part-way is completed by the retry.
/// A file that is not a usable export is answered with a reason file and an email, never an exception, so the host
/// does not retry it into a poison queue.
/// </remarks>
public sealed partial class ConnectionsUploadHandler(
    ICampaignStore store,
    ICampaignFiles files,
    IEmailSender emailSender,
    IOptions<GoodwillOptions> options,
    IOptions<LinkedInImportOptions> importOptions,
    TimeProvider timeProvider,
    ILogger<ConnectionsUploadHandler> logger)
{
    private const double BytesPerMiB = 1024 * 1024;

    // Rows stored before the campaign starts: four pages of the drip, two transactions.
    private const int StartAfterRows = 100;

    // Worded as the importer's own rejections, so every notice reads alike.
    private const string UploadInstead =
        "upload the Connections.csv file from LinkedIn's data download (Settings, Data privacy, Get a copy of your data)";

    /// <summary>
    /// Gets how long a new campaign's first prompt may take before the rest of a large upload is stored anyway. A due
    /// prompt goes out within a second or two on a quiet host and within tens of seconds on a busy one; the limit only
    /// keeps a drip that cannot send (no mail server, a stopped host) from holding the import. Measured on the wall
    /// clock: the owner's time provider may stand still in tests.
    /// </summary>
    internal TimeSpan FirstPromptWaitLimit { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Imports <paramref name="upload"/> and starts or extends the owner's campaign.</summary>
    /// <param name="upload">The uploaded blob in the <c>connections</c> container.</param>
    /// <param name="durable">The Durable Task client that starts and signals the campaign orchestration.</param>
    /// <param name="cancellationToken">Cancels the import.</param>
    /// <returns>What happened, for the host to log or print.</returns>
    public async Task<UploadOutcome> HandleAsync(BlobClient upload, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(upload);
        ArgumentNullException.ThrowIfNull(durable);
        var name = upload.Name;

        BlobProperties properties;
        try
        {
            properties = (await upload.GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Deleted between the event and now: there is nothing to import and nobody to retry for.
            LogUploadGone();
            return UploadOutcome.Rejected("The file was deleted before it could be imported.");
        }
        catch (RequestFailedException e) when (e.Status == 400)
        {
            // Storage cannot address the name (path tricks such as "../"), so no reason file can be written beside it either.
            LogUploadNameRefused(e.ErrorCode ?? "400");
            return UploadOutcome.Rejected(
                "The file's name cannot be used in storage (it has path parts such as \"..\"); rename it Connections.csv and upload it again.");
        }

        var resolved = UploadSettingsResolver.Resolve(options.Value, properties.Metadata);
        var limits = importOptions.Value;
        // A whole LinkedIn archive may be far larger than any Connections.csv: only a ZIP gets the archive's limit, and a
        // large file is judged by its first bytes before it is downloaded whole.
        var sizeLimit = properties.ContentLength > limits.MaxFileBytes && await StartsLikeZipAsync(upload, cancellationToken)
            ? Math.Max(limits.MaxArchiveBytes, limits.MaxFileBytes)
            : limits.MaxFileBytes;
        if (properties.ContentLength > sizeLimit)
        {
            return await RejectAsync(name, resolved.OwnerEmail, nameof(ImportRejectionKind.TooLarge), string.Format(
                CultureInfo.InvariantCulture,
                "The file is larger than {0:0.#} MB, far more than a connections export can be; {1}.",
                sizeLimit / BytesPerMiB,
                UploadInstead), cancellationToken);
        }

        if (resolved.Settings is not { } settings)
        {
            return await RejectAsync(name, resolved.OwnerEmail, "Settings", resolved.Error!, cancellationToken);
        }

        using var content = new MemoryStream(checked((int)properties.ContentLength));
        await upload.DownloadToAsync(content, cancellationToken);
        var contentHash = Convert.ToHexStringLower(SHA256.HashData(content.GetBuffer().AsSpan(0, (int)content.Length)));
        content.Position = 0;

        ImportResult import;
        try
        {
            import = LinkedInConnectionsImporter.Import(content, limits);
        }
        catch (ImportRejectedException e)
        {
            return await RejectAsync(name, settings.OwnerEmail, e.Kind.ToString(), e.Message, cancellationToken);
        }

        if (import.Connections.Count == 0)
        {
            return await RejectAsync(name, settings.OwnerEmail, nameof(ImportRejectionKind.NoRows),
                $"The file has no connections in it; {UploadInstead}.", cancellationToken);
        }

        var owner = UploadSettingsResolver.NormaliseEmail(settings.OwnerEmail);
        var campaignId = ConnectionId.FromText($"{owner}\n{contentHash}");

        try
        {
            var existing = await store.FindCampaignAsync(campaignId, cancellationToken);
            if (existing is not null)
            {
                return await EnsureStartedAsync(existing, import, durable, cancellationToken);
            }

            var ownersCampaigns = (await store.ListCampaignsAsync(cancellationToken))
                .Where(c => UploadSettingsResolver.NormaliseEmail(c.Settings.OwnerEmail) == owner)
                .ToList();
            if (ownersCampaigns.FirstOrDefault(c => c.ContentHashes.Contains(contentHash, StringComparer.OrdinalIgnoreCase)) is { } merged)
            {
                LogAlreadyImported(merged.CampaignId);
                return Outcome(UploadOutcomeKind.AlreadyImported, merged.CampaignId, import, added: 0);
            }

            if (await FindActiveCampaignAsync(ownersCampaigns, durable, cancellationToken) is { } active)
            {
                return await ExtendAsync(active, import, contentHash, durable, cancellationToken);
            }

            return await StartAsync(campaignId, name, settings, import, contentHash, durable, cancellationToken);
        }
        catch (UnplannableCadenceException e)
        {
            return await RejectAsync(name, settings.OwnerEmail, "Settings", e.Message, cancellationToken);
        }
    }

    private async Task<UploadOutcome> StartAsync(
        string campaignId,
        string sourceName,
        CampaignSettings settings,
        ImportResult import,
        string contentHash,
        DurableTaskClient durable,
        CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var schedule = Schedule(import.Connections, import.Evidence, settings, now, firstSequence: 0);

        // The count first, then the head of the schedule, the record and the orchestration, then the rest of the rows:
        // the first prompt never waits for the last row. A crash part-way is completed by the retry: without a record
        // it starts over (the store skips ids it has); with one, the count still says "importing" and the retry stores
        // what is missing from the same plan (EnsureStartedAsync), so no campaign runs on half of its connections.
        await store.BeginImportAsync(campaignId, schedule.Count, cancellationToken);
        var head = Math.Min(schedule.Count, StartAfterRows);
        await store.AddConnectionsAsync(campaignId, schedule[..head], cancellationToken);
        await store.SaveCampaignAsync(
            new CampaignRecord(campaignId, settings, sourceName, [contentHash], now, CampaignState.Running, null),
            cancellationToken);
        await StartOrchestrationOnceAsync(campaignId, durable, cancellationToken);
        if (head < schedule.Count)
        {
            await WaitForFirstPromptAsync(campaignId, schedule[0].PlannedAt - now, cancellationToken);
            await store.AddConnectionsAsync(campaignId, schedule[head..], cancellationToken);
        }

        await store.CompleteImportAsync(campaignId, cancellationToken);

        LogCampaignStarted(campaignId, schedule.Count);
        return Outcome(UploadOutcomeKind.Started, campaignId, import, schedule.Count);
    }

    /// <summary>
    /// Lets the drip send its first prompt before the rest of a large upload is written: the rest goes in parallel batches
    /// to the same partition, and the drip's reads would otherwise queue behind every one of them. A campaign whose first
    /// prompt is planned beyond <see cref="FirstPromptWaitLimit"/> sends nothing now, so nothing is waited for.
    /// </summary>
    private async Task WaitForFirstPromptAsync(string campaignId, TimeSpan firstPromptDueIn, CancellationToken cancellationToken)
    {
        if (firstPromptDueIn > FirstPromptWaitLimit)
        {
            return;
        }

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        while (System.Diagnostics.Stopwatch.GetElapsedTime(started) < FirstPromptWaitLimit
            && (await store.GetProgressAsync(campaignId, cancellationToken)).Sent == 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }
    }

    private async Task<UploadOutcome> EnsureStartedAsync(
        CampaignRecord campaign, ImportResult import, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        // The record is written after the head of the schedule: the orchestration may be missing (a crash between saving
        // the record and starting it), and so may the rest of the rows (a crash while storing them).
        var started = await StartOrchestrationOnceAsync(campaign.CampaignId, durable, cancellationToken);
        var progress = await store.GetProgressAsync(campaign.CampaignId, cancellationToken);
        if (progress.Importing)
        {
            // The same plan as the first attempt (planned from the record's creation time), so stored rows and the rest agree.
            var schedule = Schedule(import.Connections, import.Evidence, campaign.Settings, campaign.CreatedAt, firstSequence: 0);
            await store.AddConnectionsAsync(campaign.CampaignId, schedule, cancellationToken);
            await store.CompleteImportAsync(campaign.CampaignId, cancellationToken);
            LogImportResumed(campaign.CampaignId);
        }

        if (started)
        {
            LogCampaignStarted(campaign.CampaignId, progress.Total);
            return Outcome(UploadOutcomeKind.Started, campaign.CampaignId, import, progress.Total);
        }

        LogAlreadyImported(campaign.CampaignId);
        return Outcome(UploadOutcomeKind.AlreadyImported, campaign.CampaignId, import, added: 0);
    }

    private async Task<UploadOutcome> ExtendAsync(
        CampaignRecord campaign, ImportResult import, string contentHash, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        var campaignId = campaign.CampaignId;
        var known = await store.GetConnectionIdsAsync(campaignId, cancellationToken);
        var fresh = import.Connections.Where(c => !known.Contains(c.Id)).ToList();

        IReadOnlyList<CampaignConnection> added = [];
        if (fresh.Count > 0)
        {
            var scheduled = await store.GetConnectionsAsync(campaignId, cancellationToken);
            var nextSequence = scheduled.Count == 0 ? 0 : scheduled.Max(c => c.Sequence) + 1;
            var notBefore = scheduled.Count == 0
                ? timeProvider.GetUtcNow()
                : After(scheduled.Max(c => c.PlannedAt), campaign.Settings.Cadence);
            await store.BeginImportAsync(campaignId, nextSequence + fresh.Count, cancellationToken);
            added = await store.AddConnectionsAsync(
                campaignId, Schedule(fresh, import.Evidence, campaign.Settings, notBefore, nextSequence), cancellationToken);
        }

        // A newer archive says more (or less) about the people already in the campaign; a bare Connections.csv says nothing.
        if (import.Evidence is { } evidence)
        {
            var updated = await store.UpdateEvidenceAsync(
                campaignId, import.Connections.Where(c => known.Contains(c.Id)).Select(c => c.Id).ToList(), evidence, cancellationToken);
            LogEvidenceUpdated(campaignId, updated);
        }

        // Also when a retry finds every row stored already: the crashed attempt may have stopped before this.
        await store.CompleteImportAsync(campaignId, cancellationToken);

        // The event goes before the hash is recorded: a crash in between makes the retry raise it again (with 0 added)
        // rather than never, so the orchestration always learns that its schedule grew.
        await durable.RaiseEventAsync(campaignId, CampaignEvents.ConnectionsAdded, added.Count, cancellationToken);
        await store.UpdateCampaignAsync(
            campaignId,
            stored => stored.ContentHashes.Contains(contentHash, StringComparer.OrdinalIgnoreCase) ? stored : stored with { ContentHashes = [.. stored.ContentHashes, contentHash] },
            cancellationToken);

        LogCampaignExtended(campaignId, added.Count, import.Connections.Count);
        return Outcome(UploadOutcomeKind.Extended, campaignId, import, added.Count);
    }

    /// <summary>The owner's newest campaign that is still sending or waiting for replies, with a live orchestration.</summary>
    private static async Task<CampaignRecord?> FindActiveCampaignAsync(
        IEnumerable<CampaignRecord> ownersCampaigns, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        foreach (var campaign in ownersCampaigns
            .Where(c => c.State is CampaignState.Running or CampaignState.Paused or CampaignState.AwaitingReplies)
            .OrderByDescending(c => c.CreatedAt))
        {
            // A record can say Running while its orchestration failed or was terminated; an event to it would be lost.
            var instance = await durable.GetInstanceAsync(campaign.CampaignId, getInputsAndOutputs: false, cancellationToken);
            if (instance?.RuntimeStatus is OrchestrationRuntimeStatus.Running
                or OrchestrationRuntimeStatus.Pending
                or OrchestrationRuntimeStatus.Suspended)
            {
                return campaign;
            }
        }

        return null;
    }

    /// <summary>Starts the campaign's orchestration unless an instance with its id exists; true when it started one.</summary>
    private async Task<bool> StartOrchestrationOnceAsync(string campaignId, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        if (await durable.GetInstanceAsync(campaignId, getInputsAndOutputs: false, cancellationToken) is not null)
        {
            return false;
        }

        await durable.ScheduleNewOrchestrationInstanceAsync(
            nameof(DripCampaignOrchestrator),
            new DripCampaignInput(campaignId),
            new StartOrchestrationOptions(campaignId),
            cancellationToken);
        LogOrchestrationScheduled(campaignId);
        return true;
    }

    private static List<CampaignConnection> Schedule(
        IEnumerable<Connection> connections,
        IReadOnlyDictionary<string, ConnectionEvidence>? evidence,
        CampaignSettings settings,
        DateTimeOffset notBefore,
        int firstSequence)
    {
        // Target companies first, then the warmest evidence from the archive (a retry plans from the same instant, so the same order).
        var ordered = DripPlanner.Order(connections, settings.Targets, evidence, DateOnly.FromDateTime(notBefore.UtcDateTime));
        var byId = new Dictionary<string, Connection>(StringComparer.Ordinal);
        foreach (var connection in ordered)
        {
            byId.TryAdd(connection.Id, connection);
        }

        IReadOnlyList<PlannedPrompt> plan;
        try
        {
            plan = DripPlanner.Plan(ordered, settings.Cadence, notBefore, firstSequence);
        }
        catch (ArgumentException e)
        {
            // The planner names what is wrong with a cadence it cannot plan (an unusual time zone, an empty window).
            var detail = e.ParamName is null ? e.Message : e.Message.Replace($" (Parameter '{e.ParamName}')", "", StringComparison.Ordinal);
            throw new UnplannableCadenceException($"The send schedule could not be planned: {detail}", e);
        }

        return plan
            .Select(p => new CampaignConnection(
                byId[p.ConnectionId], p.Sequence, p.SendAt, Evidence: evidence?.GetValueOrDefault(p.ConnectionId)))
            .OrderBy(c => c.Sequence)
            .ToList();
    }

    /// <summary>
    /// When prompts for newly added people may start: after the last planned one, on the next interval with a fixed
    /// cadence, or from the next local day with a calendar cadence (so the last day's quota is not exceeded), and never
    /// in the past (a campaign waiting for late replies would otherwise send every new prompt at once).
    /// </summary>
    private DateTimeOffset After(DateTimeOffset lastPlanned, Cadence cadence)
    {
        DateTimeOffset next;
        if (cadence.FixedInterval is { } interval)
        {
            next = lastPlanned + interval;
        }
        else
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById(cadence.TimeZone);
            var local = TimeZoneInfo.ConvertTime(lastPlanned, zone);
            var nextMidnight = local.Date.AddDays(1);
            next = new DateTimeOffset(nextMidnight, zone.GetUtcOffset(nextMidnight));
        }

        var now = timeProvider.GetUtcNow();
        return next > now ? next : now;
    }

    private static async Task<bool> StartsLikeZipAsync(BlobClient upload, CancellationToken cancellationToken)
    {
        var head = await upload.DownloadContentAsync(new BlobDownloadOptions { Range = new HttpRange(0, 4) }, cancellationToken);
        return LinkedInConnectionsImporter.LooksLikeArchive(head.Value.Content.ToMemory().Span);
    }

    private async Task<UploadOutcome> RejectAsync(
        string uploadName, string? ownerEmail, string kind, string reason, CancellationToken cancellationToken)
    {
        await files.SaveRejectionAsync(uploadName, reason, cancellationToken);

        var emailed = false;
        if (ownerEmail is not null)
        {
            // The reason file is already written; a failed notice must not throw, or the host would retry a file that
            // can never import until it lands in the poison queue.
            try
            {
                var result = await emailSender.SendAsync(
                    ShortlistEmailComposer.ComposeRejection(ownerEmail, uploadName, reason), cancellationToken);
                emailed = result.Status == EmailSendStatus.Sent;
                if (!emailed)
                {
                    LogRejectionNoticeNotSent(result.Status.ToString());
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogRejectionNoticeNotSent(e.GetType().Name);
            }
        }

        LogUploadRejected(kind, emailed);
        return UploadOutcome.Rejected(reason);
    }

    private static UploadOutcome Outcome(UploadOutcomeKind kind, string campaignId, ImportResult import, int added) =>
        new(kind, campaignId, import.Connections.Count, added, import.Duplicates, import.Skipped, null);

    [LoggerMessage(EventId = 3601, Level = LogLevel.Information, Message = "Started campaign {CampaignId} with {Connections} connections.")]
    private partial void LogCampaignStarted(string campaignId, int connections);

    [LoggerMessage(EventId = 3602, Level = LogLevel.Information, Message = "Added {Added} of {Imported} imported connections to campaign {CampaignId}.")]
    private partial void LogCampaignExtended(string campaignId, int added, int imported);

    [LoggerMessage(EventId = 3603, Level = LogLevel.Information, Message = "Upload already imported into campaign {CampaignId}; nothing new started.")]
    private partial void LogAlreadyImported(string campaignId);

    [LoggerMessage(EventId = 3604, Level = LogLevel.Warning, Message = "Upload rejected ({Kind}); owner notified: {OwnerNotified}.")]
    private partial void LogUploadRejected(string kind, bool ownerNotified);

    [LoggerMessage(EventId = 3605, Level = LogLevel.Warning, Message = "The rejection notice could not be emailed ({Failure}); the reason file was written.")]
    private partial void LogRejectionNoticeNotSent(string failure);

    [LoggerMessage(EventId = 3606, Level = LogLevel.Warning, Message = "Upload was deleted before it could be imported.")]
    private partial void LogUploadGone();

    [LoggerMessage(EventId = 3607, Level = LogLevel.Information, Message = "Scheduled orchestration {CampaignId}.")]
    private partial void LogOrchestrationScheduled(string campaignId);

    [LoggerMessage(EventId = 3620, Level = LogLevel.Warning, Message = "Upload refused: storage cannot address its name ({ErrorCode}).")]
    private partial void LogUploadNameRefused(string errorCode);

    [LoggerMessage(EventId = 3609, Level = LogLevel.Information, Message = "Updated the archive evidence of {Updated} connections already in campaign {CampaignId}.")]
    private partial void LogEvidenceUpdated(string campaignId, int updated);

    [LoggerMessage(EventId = 3608, Level = LogLevel.Information, Message = "Stored the rest of campaign {CampaignId}'s connections after an interrupted upload.")]
    private partial void LogImportResumed(string campaignId);

    /// <summary>The cadence passed validation but the planner still refused it; the message is for the owner.</summary>
    private sealed class UnplannableCadenceException(string message, Exception innerException) : Exception(message, innerException);
}
