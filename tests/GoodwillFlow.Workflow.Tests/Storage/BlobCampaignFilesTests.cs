using System.Text;
using Azure.Storage.Blobs;
using GoodwillFlow.Core.Connections;
using GoodwillFlow.Core.Shortlists;
using GoodwillFlow.Testing.Azurite;
using GoodwillFlow.Workflow.Configuration;
using GoodwillFlow.Workflow.Storage;

namespace GoodwillFlow.Workflow.Tests.Storage;

[Collection(AzuriteStorageCollection.Name)]
public sealed class BlobCampaignFilesTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    private BlobServiceClient Service => new(azurite.ConnectionString);

    private static string NewCampaignId() => Guid.NewGuid().ToString("N")[..16];

    private static Shortlist Shortlist(string campaignId) => new(
        campaignId,
        Now,
        [
            new ShortlistEntry(
                1,
                new Connection("0123456789abcdef", "Zoë", "<Müller>", "https://www.linkedin.com/in/zoe", null, "Contoso", "Engineering Manager", new DateOnly(2019, 3, 29)),
                87,
                ["Ran the Zürich launch together"],
                "Hi Zoë, it has been a while since the launch…"),
        ],
        RepliesConsidered: 3,
        LeftOut: 1);

    [Fact]
    public async Task Saves_the_shortlist_in_every_format_with_its_content_type()
    {
        var files = new BlobCampaignFiles(Service);
        await files.InitializeAsync(CancellationToken.None);
        var campaignId = NewCampaignId();
        var shortlist = Shortlist(campaignId);

        await files.SaveShortlistAsync(shortlist, CancellationToken.None);

        var container = Service.GetBlobContainerClient(StorageOptions.ShortlistsContainer);
        foreach (var (format, extension, contentType) in new[]
        {
            (ShortlistFormat.Html, "html", "text/html; charset=utf-8"),
            (ShortlistFormat.Csv, "csv", "text/csv; charset=utf-8"),
            (ShortlistFormat.Json, "json", "application/json; charset=utf-8"),
        })
        {
            var blob = container.GetBlobClient($"{campaignId}/shortlist.{extension}");
            var properties = await blob.GetPropertiesAsync();
            Assert.Equal(contentType, properties.Value.ContentType);
            var stored = await files.ReadShortlistAsync(campaignId, format, CancellationToken.None);
            Assert.Equal(ShortlistRenderer.Render(shortlist, format), stored);
        }

        var html = Encoding.UTF8.GetString((await files.ReadShortlistAsync(campaignId, ShortlistFormat.Html, CancellationToken.None))!);
        Assert.Contains("&lt;Müller&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Saving_again_replaces_the_shortlist()
    {
        var files = new BlobCampaignFiles(Service);
        var campaignId = NewCampaignId();
        await files.SaveShortlistAsync(Shortlist(campaignId), CancellationToken.None);
        var later = Shortlist(campaignId) with { Entries = [], RepliesConsidered = 0, LeftOut = 0 };

        await files.SaveShortlistAsync(later, CancellationToken.None);

        Assert.Equal(
            ShortlistRenderer.Render(later, ShortlistFormat.Json),
            await files.ReadShortlistAsync(campaignId, ShortlistFormat.Json, CancellationToken.None));
    }

    [Fact]
    public async Task Reading_a_shortlist_that_was_never_compiled_gives_null()
    {
        var files = new BlobCampaignFiles(Service);

        Assert.Null(await files.ReadShortlistAsync(NewCampaignId(), ShortlistFormat.Csv, CancellationToken.None));
    }

    [Fact]
    public async Task Writes_the_rejection_reason_next_to_the_upload_name()
    {
        var files = new BlobCampaignFiles(Service);
        var upload = $"{NewCampaignId()}/messages.csv";

        await files.SaveRejectionAsync(upload, "This is LinkedIn's messages export; upload Connections.csv instead.", CancellationToken.None);

        var blob = Service.GetBlobContainerClient(StorageOptions.RejectedContainer).GetBlobClient(upload + ".txt");
        var content = await blob.DownloadContentAsync();
        Assert.Equal("This is LinkedIn's messages export; upload Connections.csv instead.", content.Value.Content.ToString());
        Assert.Equal("text/plain; charset=utf-8", content.Value.Details.ContentType);
    }

    [Fact]
    public async Task Deleting_a_campaigns_files_removes_its_shortlists_and_uploads_only()
    {
        var files = new BlobCampaignFiles(Service);
        await files.InitializeAsync(CancellationToken.None);
        var doomed = NewCampaignId();
        var other = NewCampaignId();
        await files.SaveShortlistAsync(Shortlist(doomed), CancellationToken.None);
        await files.SaveShortlistAsync(Shortlist(other), CancellationToken.None);
        var uploads = Service.GetBlobContainerClient(StorageOptions.UploadsContainer);
        var doomedUploads = new[] { $"{doomed}-Connections.csv", $"{doomed}-Connections (1).csv" };
        var otherUpload = $"{other}-Connections.csv";
        foreach (var name in doomedUploads.Append(otherUpload))
        {
            await uploads.UploadBlobAsync(name, BinaryData.FromString("First Name,Last Name\n"));
        }

        await files.DeleteCampaignFilesAsync(doomed, doomedUploads.Append("never-uploaded.csv"), CancellationToken.None);

        foreach (var format in Enum.GetValues<ShortlistFormat>())
        {
            Assert.Null(await files.ReadShortlistAsync(doomed, format, CancellationToken.None));
            Assert.NotNull(await files.ReadShortlistAsync(other, format, CancellationToken.None));
        }

        Assert.False((await uploads.GetBlobClient(doomedUploads[0]).ExistsAsync()).Value);
        Assert.False((await uploads.GetBlobClient(doomedUploads[1]).ExistsAsync()).Value);
        Assert.True((await uploads.GetBlobClient(otherUpload).ExistsAsync()).Value);
    }
}
