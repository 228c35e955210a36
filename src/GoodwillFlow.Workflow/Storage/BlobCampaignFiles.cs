using System.Text;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using GoodwillFlow.Core.Shortlists;
using GoodwillFlow.Workflow.Configuration;

namespace GoodwillFlow.Workflow.Storage;

/// <summary>
/// <see cref="ICampaignFiles"/> over Azure Blob storage: shortlists at <c>shortlists/{campaignId}/shortlist.{ext}</c>,
/// rejection reasons at <c>rejected/{uploadName}.txt</c>, uploads in <c>connections</c>.
/// </summary>
/// <param name="blobService">The account's blob service.</param>
public sealed class BlobCampaignFiles(BlobServiceClient blobService) : ICampaignFiles
{
    private const string RejectionContentType = "text/plain; charset=utf-8";

    private readonly BlobContainerClient _uploads = blobService.GetBlobContainerClient(StorageOptions.UploadsContainer);
    private readonly BlobContainerClient _shortlists = blobService.GetBlobContainerClient(StorageOptions.ShortlistsContainer);
    private readonly BlobContainerClient _rejected = blobService.GetBlobContainerClient(StorageOptions.RejectedContainer);

    /// <summary>Gets the blob name of a shortlist inside the <c>shortlists</c> container.</summary>
    public static string ShortlistBlobName(string campaignId, ShortlistFormat format) =>
        $"{campaignId}/shortlist.{ShortlistRenderer.FileExtension(format)}";

    /// <summary>Gets the blob name of a rejection reason inside the <c>rejected</c> container.</summary>
    public static string RejectionBlobName(string uploadName) => $"{uploadName}.txt";

    /// <inheritdoc />
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await Task.WhenAll(
            _uploads.CreateIfNotExistsAsync(PublicAccessType.None, cancellationToken: cancellationToken),
            _shortlists.CreateIfNotExistsAsync(PublicAccessType.None, cancellationToken: cancellationToken),
            _rejected.CreateIfNotExistsAsync(PublicAccessType.None, cancellationToken: cancellationToken));
    }

    /// <inheritdoc />
    public async Task SaveShortlistAsync(Shortlist shortlist, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(shortlist);
        ArgumentException.ThrowIfNullOrWhiteSpace(shortlist.CampaignId);

        // Render everything first, so a rendering failure leaves the previous shortlist whole.
        var files = Enum.GetValues<ShortlistFormat>()
            .Select(format => (Format: format, Content: ShortlistRenderer.Render(shortlist, format)))
            .ToList();
        await _shortlists.CreateIfNotExistsAsync(PublicAccessType.None, cancellationToken: cancellationToken);
        await Task.WhenAll(files.Select(file => UploadAsync(
            _shortlists.GetBlobClient(ShortlistBlobName(shortlist.CampaignId, file.Format)),
            file.Content,
            ShortlistRenderer.ContentType(file.Format),
            cancellationToken)));
    }

    /// <inheritdoc />
    public async Task<byte[]?> ReadShortlistAsync(string campaignId, ShortlistFormat format, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(campaignId);
        try
        {
            var result = await _shortlists.GetBlobClient(ShortlistBlobName(campaignId, format)).DownloadContentAsync(cancellationToken);
            return result.Value.Content.ToArray();
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public async Task SaveRejectionAsync(string uploadName, string reason, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(uploadName);
        ArgumentNullException.ThrowIfNull(reason);
        await _rejected.CreateIfNotExistsAsync(PublicAccessType.None, cancellationToken: cancellationToken);
        await UploadAsync(_rejected.GetBlobClient(RejectionBlobName(uploadName)), Encoding.UTF8.GetBytes(reason), RejectionContentType, cancellationToken);
    }

    /// <inheritdoc />
    public async Task DeleteCampaignFilesAsync(string campaignId, IEnumerable<string> uploadNames, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(campaignId);
        ArgumentNullException.ThrowIfNull(uploadNames);

        var deletes = new List<Task>();
        try
        {
            await foreach (var blob in _shortlists.GetBlobsAsync(BlobTraits.None, BlobStates.None, $"{campaignId}/", cancellationToken))
            {
                deletes.Add(_shortlists.DeleteBlobIfExistsAsync(blob.Name, DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken));
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // No shortlists container yet: nothing was ever compiled.
        }

        foreach (var name in uploadNames.Where(n => !string.IsNullOrWhiteSpace(n)).Distinct(StringComparer.Ordinal))
        {
            deletes.Add(DeleteIfExistsAsync(_uploads, name, cancellationToken));
        }

        await Task.WhenAll(deletes);
    }

    private static async Task UploadAsync(BlobClient blob, byte[] content, string contentType, CancellationToken cancellationToken)
    {
        var options = new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = contentType } };
        await blob.UploadAsync(new BinaryData(content), options, cancellationToken);
    }

    private static async Task DeleteIfExistsAsync(BlobContainerClient container, string name, CancellationToken cancellationToken)
    {
        try
        {
            await container.DeleteBlobIfExistsAsync(name, DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // The container itself is gone: the upload is too.
        }
    }
}
