using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using GoodwillFlow.Workflow.Configuration;
using GoodwillFlow.Workflow.Storage;
using GoodwillFlow.Workflow.Uploads;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GoodwillFlow.Local.Uploads;

/// <summary>
/// Stands in for Event Grid on one machine: polls the <c>connections</c> container and hands every new upload to the
/// same <see cref="ConnectionsUploadHandler"/> the Functions blob trigger calls. A handled blob is marked with metadata
/// so it is not handled again; the handler is idempotent anyway, so a crash between the two is harmless.
/// </summary>
/// <remarks>
/// Each upload is handled on its own: one that fails never stops the ones listed after it. A name no storage client
/// can address is refused at once; any other failure is retried with growing pauses and, after
/// <see cref="UploadAttemptLog.MaxAttempts"/> failures that are not storage outages, given up with the reason in
/// <c>rejected/</c>. The attempts are kept in the data folder, so a restart does not start the count again.
/// </remarks>
public sealed partial class UploadWatcher(
    BlobServiceClient blobs,
    ConnectionsUploadHandler handler,
    DurableTaskClient durable,
    ICampaignFiles files,
    UploadAttemptLog attempts,
    TimeSpan pollInterval,
    ILogger<UploadWatcher> logger) : BackgroundService
{
    /// <summary>The metadata key set on a handled upload; its value is the outcome.</summary>
    public const string HandledMetadataKey = "goodwillhandled";

    // The timer and an explicit call (the demo, tests) must not handle the same upload at once.
    private readonly SemaphoreSlim _polling = new(1, 1);

    /// <summary>Checks the container once and handles every upload not handled yet. Returns how many were handled.</summary>
    public async Task<int> PollOnceAsync(CancellationToken cancellationToken)
    {
        await _polling.WaitAsync(cancellationToken);
        try
        {
            return await HandleNewUploadsAsync(cancellationToken);
        }
        finally
        {
            _polling.Release();
        }
    }

    /// <inheritdoc/>
    public override void Dispose()
    {
        _polling.Dispose();
        base.Dispose();
    }

    private async Task<int> HandleNewUploadsAsync(CancellationToken cancellationToken)
    {
        var container = blobs.GetBlobContainerClient(StorageOptions.UploadsContainer);
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        var handled = 0;
        await foreach (var item in container.GetBlobsAsync(new GetBlobsOptions { Traits = BlobTraits.Metadata }, cancellationToken))
        {
            if (item.Metadata.ContainsKey(HandledMetadataKey))
            {
                continue;
            }

            var etag = item.Properties.ETag?.ToString() ?? "";
            if (!attempts.ShouldTry(item.Name, etag))
            {
                continue;
            }

            if (UploadBlobNames.Problem(item.Name) is { } problem)
            {
                await GiveUpAsync(item.Name, etag, problem, cancellationToken);
                continue;
            }

            try
            {
                await HandleOneAsync(container.GetBlobClient(item.Name), item.Metadata, cancellationToken);
                attempts.Succeeded(item.Name, etag);
                handled++;
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                if (IsStorageOutage(e))
                {
                    // Not this upload's fault: it is tried again next pass, uncounted.
                    LogUploadFailed(logger, e.GetType().Name, 0, attempts.MaxAttempts);
                    continue;
                }

                var error = e is RequestFailedException failed ? $"{failed.Status} {failed.ErrorCode}" : e.GetType().Name;
                var last = attempts.RecordFailure(item.Name, etag, error);
                LogUploadFailed(logger, error, 1, attempts.MaxAttempts);
                if (last)
                {
                    await GiveUpAsync(
                        item.Name,
                        etag,
                        $"The file '{item.Name}' could not be imported: it failed {attempts.MaxAttempts} times ({error}), so it will not be tried again. Upload it again (a new upload is tried afresh); if it fails the same way, report the error above.",
                        cancellationToken);
                }
            }
        }

        return handled;
    }

    private static bool IsStorageOutage(Exception e) => e switch
    {
        RequestFailedException failed => failed.Status is 0 or 408 or 429 or >= 500,
        HttpRequestException or IOException or TimeoutException or TaskCanceledException => true,
        AggregateException aggregate => aggregate.InnerExceptions.All(IsStorageOutage),
        _ => false,
    };

    private async Task HandleOneAsync(BlobClient blob, IDictionary<string, string> existingMetadata, CancellationToken cancellationToken)
    {
        var outcome = await handler.HandleAsync(blob, durable, cancellationToken);
        LogHandled(logger, outcome.ToString());
        var metadata = new Dictionary<string, string>(existingMetadata) { [HandledMetadataKey] = outcome.Kind.ToString() };
        try
        {
            await blob.SetMetadataAsync(metadata, cancellationToken: cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Deleted while being handled (a purged campaign); nothing to mark.
        }
    }

    private async Task GiveUpAsync(string name, string etag, string reason, CancellationToken cancellationToken)
    {
        // Remembered first: if the reason cannot be written now, the upload is still not retried forever.
        attempts.GiveUp(name, etag, reason);
        LogGaveUp(logger);
        try
        {
            await files.SaveRejectionAsync(UploadBlobNames.SafeName(name), reason, cancellationToken);
        }
        catch (Exception e) when (e is RequestFailedException or HttpRequestException or IOException)
        {
            LogPollFailed(logger, e.GetType().Name);
        }
    }

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(pollInterval);
        do
        {
            try
            {
                await PollOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is RequestFailedException or IOException or HttpRequestException)
            {
                // Storage hiccups must not stop the watcher; the next tick tries again.
                LogPollFailed(logger, e.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Upload handled: {Summary}")]
    private static partial void LogHandled(ILogger logger, string summary);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Checking for uploads failed ({Error}); trying again shortly")]
    private static partial void LogPollFailed(ILogger logger, string error);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "Gave up on an upload; the reason is in the rejected container")]
    private static partial void LogGaveUp(ILogger logger);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning, Message = "An upload failed ({Error}); counted {Counted}, at most {MaxAttempts} attempts; the other uploads carry on")]
    private static partial void LogUploadFailed(ILogger logger, string error, int counted, int maxAttempts);
}
