using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using DurableTask.AzureStorage;
using Microsoft.Extensions.Logging;

namespace GoodwillFlow.Local.Engine;

/// <summary>
/// Finds how a running app laid out its Durable Task hub in a storage account, so a client outside that app (the
/// <c>goodwill</c> command) addresses the same control queues: the partition count decides which queue an instance's
/// events go to, and the Functions host (4 by default) and the local engine (1) differ.
/// </summary>
public static class DeployedTaskHub
{
    /// <summary>
    /// Reads the layout the way Durable Task's own scale monitor does: the partition table when the app manages
    /// partitions in Tables (the Functions extension's default), else the <c>taskhub.json</c> blob of blob leases.
    /// Returns settings for <see cref="LocalDurableEngine.StartClientAsync"/>, or null when the task hub was never created
    /// (the app has not started an orchestration yet).
    /// </summary>
    public static async Task<AzureStorageOrchestrationServiceSettings?> FindAsync(
        TableServiceClient tables,
        BlobServiceClient blobs,
        StorageAccountClientProvider storage,
        ILoggerFactory loggerFactory,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(blobs);
        var hub = LocalDurableEngine.TaskHubName;
        var settings = new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = hub,
            StorageAccountClientProvider = storage,
            LoggerFactory = loggerFactory,
        };

        var partitions = 0;
        try
        {
            await foreach (var _ in tables.GetTableClient($"{hub}Partitions")
                .QueryAsync<TableEntity>(select: ["PartitionKey"], cancellationToken: cancellationToken))
            {
                partitions++;
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // No partition table: the hub uses blob leases, or does not exist.
        }

        if (partitions > 0)
        {
            settings.UseTablePartitionManagement = true;
            settings.PartitionCount = partitions;
            return settings;
        }

        var taskHubInfo = blobs.GetBlobContainerClient($"{hub.ToLowerInvariant()}-leases").GetBlobClient("taskhub.json");
        try
        {
            var content = await taskHubInfo.DownloadContentAsync(cancellationToken);
            using var json = JsonDocument.Parse(content.Value.Content.ToMemory());
            settings.UseTablePartitionManagement = false;
            settings.PartitionCount = json.RootElement.GetProperty("PartitionCount").GetInt32();
            return settings;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }
}
