using Azure.Data.Tables;
using Azure.Storage.Blobs;
using GoodwillFlow.Testing.Azurite;

namespace GoodwillFlow.Cli.Tests.LocalRuntime;

public sealed class AzuriteProcessTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Serves_blobs_and_tables_on_its_own_ports()
    {
        var container = new BlobContainerClient(azurite.ConnectionString, AzuriteFixture.UniqueName("smoke"));
        await container.CreateIfNotExistsAsync();
        await container.UploadBlobAsync("hello.txt", BinaryData.FromString("hi"));
        var downloaded = await container.GetBlobClient("hello.txt").DownloadContentAsync();

        var table = new TableClient(azurite.ConnectionString, AzuriteFixture.UniqueName("smoke"));
        await table.CreateIfNotExistsAsync();
        await table.AddEntityAsync(new TableEntity("p", "r") { ["Value"] = 42 });
        var entity = await table.GetEntityAsync<TableEntity>("p", "r");

        Assert.Equal("hi", downloaded.Value.Content.ToString());
        Assert.Equal(42, entity.Value.GetInt32("Value"));
    }
}
