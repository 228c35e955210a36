using System.Net.Http.Headers;
using Azure.Storage.Blobs;
using Azure.Storage.Sas;
using GoodwillFlow.Testing.Exports;
using GoodwillFlow.Workflow.Configuration;
using GoodwillFlow.Workflow.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace GoodwillFlow.Cli.Tests.LocalRuntime;

/// <summary>The local upload watcher handles every blob on its own: one bad blob never blocks the uploads after it.</summary>
public sealed class UploadWatcherTests(LocalRuntimeFixture fixture) : IClassFixture<LocalRuntimeFixture>
{
    [Theory]
    [InlineData("../../../etc/passwd.csv")]
    [InlineData("a/../../b/../c.csv")]
    public async Task A_blob_named_with_path_tricks_is_rejected_with_a_reason_and_later_uploads_still_import(string trickName)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var container = Blobs.GetBlobContainerClient(StorageOptions.UploadsContainer);
        await container.CreateIfNotExistsAsync(cancellationToken: timeout.Token);
        var owner = $"owner-{Guid.NewGuid():N}@example.com";
        await PutBlobWithRawNameAsync(container, trickName, ConnectionsExport.Of(ConnectionsExport.People(2)), owner, timeout.Token);

        // Listed after the bad one ('.' sorts before letters).
        var good = $"zz-{Guid.NewGuid():N}.csv";
        await container.GetBlobClient(good).UploadAsync(
            new BinaryData(ConnectionsExport.Of(ConnectionsExport.People(3, first: 500))),
            new Azure.Storage.Blobs.Models.BlobUploadOptions { Metadata = new Dictionary<string, string> { ["owneremail"] = owner } },
            timeout.Token);

        await fixture.UploadWatcherPass(timeout.Token);
        await fixture.UploadWatcherPass(timeout.Token);

        var store = fixture.Runtime.Services.GetRequiredService<ICampaignStore>();
        var campaigns = (await store.ListCampaignsAsync(timeout.Token)).Where(c => c.Settings.OwnerEmail == owner).ToList();
        var campaign = Assert.Single(campaigns);
        Assert.Equal(good, campaign.SourceName);
        Assert.Equal(3, (await store.GetProgressAsync(campaign.CampaignId, timeout.Token)).Total);

        var reason = await ReadRejectionAsync(trickName, timeout.Token);
        Assert.Contains("name", reason, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("..", reason, StringComparison.Ordinal);
    }

    private BlobServiceClient Blobs => fixture.Runtime.Services.GetRequiredService<BlobServiceClient>();

    private async Task<string> ReadRejectionAsync(string uploadName, CancellationToken cancellationToken)
    {
        // The reason names the upload; the reason file's own name is made safe, so look for it by content.
        var rejected = Blobs.GetBlobContainerClient(StorageOptions.RejectedContainer);
        await foreach (var item in rejected.GetBlobsAsync(cancellationToken: cancellationToken))
        {
            var text = (await rejected.GetBlobClient(item.Name).DownloadContentAsync(cancellationToken)).Value.Content.ToString();
            if (text.Contains(uploadName, StringComparison.Ordinal))
            {
                return text;
            }
        }

        Assert.Fail($"No reason was written for '{uploadName}' under rejected/.");
        return "";
    }

    /// <summary>
    /// Creates a blob whose name keeps its dot segments, as a hand-made REST call (or another tool) can: the SDK itself
    /// resolves them away before sending.
    /// </summary>
    internal static async Task PutBlobWithRawNameAsync(
        BlobContainerClient container, string rawName, byte[] content, string ownerEmail, CancellationToken cancellationToken)
    {
        var sas = container.GenerateSasUri(BlobContainerSasPermissions.All, DateTimeOffset.UtcNow.AddHours(1));
        var address = new Uri(
            $"{container.Uri.AbsoluteUri.TrimEnd('/')}/{rawName}{sas.Query}",
            new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Put, address) { Content = new ByteArrayContent(content) };
        request.Headers.Add("x-ms-blob-type", "BlockBlob");
        request.Headers.Add("x-ms-version", "2021-12-02");
        request.Headers.Add("x-ms-meta-owneremail", ownerEmail);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        using var response = await http.SendAsync(request, cancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"PUT {rawName}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");

        var listed = false;
        await foreach (var item in container.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, rawName[..1], cancellationToken))
        {
            listed |= item.Name == rawName;
        }

        Assert.True(listed, $"The blob '{rawName}' was not stored under its raw name.");
    }
}
