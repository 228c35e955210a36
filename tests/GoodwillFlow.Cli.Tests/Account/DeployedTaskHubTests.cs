using Azure.Data.Tables;
using Azure.Storage.Blobs;
using DurableTask.AzureStorage;
using GoodwillFlow.Local.Engine;
using GoodwillFlow.Testing.Azurite;
using Microsoft.Extensions.Logging.Abstractions;

namespace GoodwillFlow.Cli.Tests.Account;

/// <summary>
/// The client outside the app must address the control queues the app listens on: the partition layout is read from the
/// task hub, as the Functions host (partition table, 4 partitions by default) or the local engine (blob leases, 1) wrote it.
/// </summary>
public sealed class DeployedTaskHubTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Reads_no_hub_then_blob_leases_then_the_partition_table_the_Functions_host_writes()
    {
        var tables = new TableServiceClient(azurite.ConnectionString);
        var blobs = new BlobServiceClient(azurite.ConnectionString);
        var storage = new StorageAccountClientProvider(azurite.ConnectionString);

        Assert.Null(await DeployedTaskHub.FindAsync(tables, blobs, storage, NullLoggerFactory.Instance, CancellationToken.None));

        var leases = blobs.GetBlobContainerClient("goodwillflow-leases");
        await leases.CreateIfNotExistsAsync();
        await leases.GetBlobClient("taskhub.json").UploadAsync(
            BinaryData.FromString("""{"TaskHubName":"GoodwillFlow","CreatedAt":"2026-12-01T08:00:00Z","PartitionCount":2}"""), overwrite: true);
        var blobLayout = await DeployedTaskHub.FindAsync(tables, blobs, storage, NullLoggerFactory.Instance, CancellationToken.None);
        Assert.NotNull(blobLayout);
        Assert.Equal(2, blobLayout.PartitionCount);
        Assert.False(blobLayout.UseTablePartitionManagement);

        var partitions = tables.GetTableClient("GoodwillFlowPartitions");
        await partitions.CreateIfNotExistsAsync();
        for (var i = 0; i < 4; i++)
        {
            await partitions.AddEntityAsync(new TableEntity("", $"goodwillflow-control-{i:00}"));
        }

        var tableLayout = await DeployedTaskHub.FindAsync(tables, blobs, storage, NullLoggerFactory.Instance, CancellationToken.None);
        Assert.NotNull(tableLayout);
        Assert.Equal(4, tableLayout.PartitionCount);
        Assert.True(tableLayout.UseTablePartitionManagement);
        Assert.Equal("GoodwillFlow", tableLayout.TaskHubName);
    }
}
