using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using GoodwillFlow.Local.Durability;
using GoodwillFlow.Workflow.Configuration;

namespace GoodwillFlow.Local.Uploads;

/// <summary>Puts an export (Connections.csv or LinkedIn's whole data download as a ZIP) into the <c>connections</c> container (locally or in an Azure account).</summary>
public static class LocalUploads
{
    /// <summary>Uploads <paramref name="filePath"/> under its file name, replacing an earlier blob of that name, with optional campaign metadata.</summary>
    /// <returns>The blob name.</returns>
    public static Task<string> UploadAsync(
        BlobServiceClient blobs, string filePath, IDictionary<string, string>? metadata, CancellationToken cancellationToken) =>
        UploadAsync(blobs, filePath, metadata, journal: null, cancellationToken);

    /// <summary>
    /// Uploads <paramref name="filePath"/> as <see cref="UploadAsync(BlobServiceClient, string, IDictionary{string, string}?, CancellationToken)"/>
    /// does, journaling a durable copy first when a <paramref name="journal"/> is given (the local runtime's), so an
    /// upload the owner was told about survives a power cut.
    /// </summary>
    /// <returns>The blob name.</returns>
    public static async Task<string> UploadAsync(
        BlobServiceClient blobs, string filePath, IDictionary<string, string>? metadata, FileUploadJournal? journal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blobs);
        var container = blobs.GetBlobContainerClient(StorageOptions.UploadsContainer);
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        var name = Path.GetFileName(filePath);
        if (journal is not null)
        {
            await journal.AppendAsync(filePath, name, metadata, cancellationToken);
        }

        await using var file = File.OpenRead(filePath);
        await container.GetBlobClient(name).UploadAsync(
            file,
            new BlobUploadOptions { Metadata = metadata, HttpHeaders = new BlobHttpHeaders { ContentType = ContentTypeOf(name) } },
            cancellationToken);
        return name;
    }

    /// <summary>
    /// The content type an upload is stored with: LinkedIn's whole data download is a ZIP, a connections export a CSV.
    /// The handler reads the content, not the type, so this only keeps the blob honest for other tools.
    /// </summary>
    public static string ContentTypeOf(string fileName) =>
        fileName.EndsWith(".zip", StringComparison.OrdinalIgnoreCase) ? "application/zip" : "text/csv";
}
