using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using GoodwillFlow.Workflow.Configuration;
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
public sealed partial class UploadWatcher(
    BlobServiceClient blobs,
    ConnectionsUploadHandler handler,
    DurableTaskClient durable,
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

            var blob = container.GetBlobClient(item.Name);
            var outcome = await handler.HandleAsync(blob, durable, cancellationToken);
            LogHandled(logger, outcome.ToString());
            var metadata = new Dictionary<string, string>(item.Metadata) { [HandledMetadataKey] = outcome.Kind.ToString() };
            try
            {
                await blob.SetMetadataAsync(metadata, cancellationToken: cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                // Deleted while being handled (a purged campaign); nothing to mark.
            }

            handled++;
        }

        return handled;
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
}
