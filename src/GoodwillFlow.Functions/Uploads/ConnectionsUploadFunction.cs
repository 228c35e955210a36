using Azure.Storage.Blobs;
using GoodwillFlow.Workflow.Configuration;
using GoodwillFlow.Workflow.Uploads;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace GoodwillFlow.Functions.Uploads;

/// <summary>The blob trigger on the <c>connections</c> container: one line over <see cref="ConnectionsUploadHandler"/>.</summary>
/// <param name="handler">The import handler shared with the local runtime.</param>
public sealed class ConnectionsUploadFunction(ConnectionsUploadHandler handler)
{
    /// <summary>The path the trigger watches.</summary>
    public const string BlobPath = StorageOptions.UploadsContainer + "/{name}";

    /// <summary>
    /// Imports an uploaded Connections.csv or LinkedIn data download (ZIP). Event Grid is the trigger source because Flex Consumption supports no
    /// other for blobs; the subscription targets this function's name. A rejected file returns normally (the reason is
    /// in <c>rejected/{name}.txt</c>), so only infrastructure failures are retried.
    /// </summary>
    [Function(nameof(ConnectionsUploadFunction))]
    public Task Run(
        [BlobTrigger(BlobPath, Source = BlobTriggerSource.EventGrid, Connection = StorageOptions.ConnectionName)] BlobClient blob,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        handler.HandleAsync(blob, client, cancellationToken);
}
