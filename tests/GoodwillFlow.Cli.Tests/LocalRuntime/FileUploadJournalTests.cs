using Azure.Storage.Blobs;
using GoodwillFlow.Local.Durability;
using GoodwillFlow.Local.Uploads;
using GoodwillFlow.Testing.Exports;
using GoodwillFlow.Workflow.Configuration;
using GoodwillFlow.Workflow.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace GoodwillFlow.Cli.Tests.LocalRuntime;

/// <summary>The upload journal on its own, against the runtime's Azurite: what a power cut takes from storage, it puts back.</summary>
public sealed class FileUploadJournalTests(LocalRuntimeFixture fixture) : IClassFixture<LocalRuntimeFixture>
{
    [Fact]
    public async Task An_upload_storage_lost_is_put_back_once_and_trimmed_after_it_is_imported_and_settled()
    {
        var folder = Path.Combine(fixture.Folder, "journal-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var journal = new FileUploadJournal(folder, time, NullLogger<FileUploadJournal>.Instance, TimeSpan.FromMinutes(2));
        var blobs = fixture.Runtime.Services.GetRequiredService<BlobServiceClient>();
        var store = fixture.Runtime.Services.GetRequiredService<ICampaignStore>();
        var export = ConnectionsExport.WriteFile(folder, ConnectionsExport.People(4));
        var name = $"journal-{Guid.NewGuid():N}.csv";
        File.Move(export, Path.Combine(folder, name));
        export = Path.Combine(folder, name);

        await LocalUploads.UploadAsync(blobs, export, new Dictionary<string, string> { ["owneremail"] = "owner@example.com" }, journal, CancellationToken.None);
        Assert.Equal(1, journal.Count);

        // The power cut: storage forgets the upload it had acknowledged.
        var blob = blobs.GetBlobContainerClient(StorageOptions.UploadsContainer).GetBlobClient(name);
        await blob.DeleteAsync();
        Assert.Equal(1, await journal.ReplayAsync(blobs, store, CancellationToken.None));
        Assert.Equal(File.ReadAllBytes(export), (await blob.DownloadContentAsync()).Value.Content.ToArray());
        Assert.Equal("owner@example.com", (await blob.GetPropertiesAsync()).Value.Metadata["owneremail"]);
        Assert.Equal(0, await journal.ReplayAsync(blobs, store, CancellationToken.None));

        // Not handled yet: kept. Handled and imported: kept until storage has had the settle time, then deleted.
        Assert.Equal(1, await journal.TrimAsync(blobs, store, CancellationToken.None));
        await fixture.UploadWatcherPass(CancellationToken.None);
        Assert.Equal(1, await journal.TrimAsync(blobs, store, CancellationToken.None));
        time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(0, await journal.TrimAsync(blobs, store, CancellationToken.None));
        Assert.Equal(0, journal.Count);
        Assert.Empty(Directory.GetFiles(Path.Combine(folder, FileUploadJournal.RelativePath)));
    }
}
