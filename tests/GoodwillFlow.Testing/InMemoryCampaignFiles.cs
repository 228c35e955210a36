using System.Collections.Concurrent;
using GoodwillFlow.Core.Shortlists;
using GoodwillFlow.Workflow.Storage;

namespace GoodwillFlow.Testing;

/// <summary>An in-memory <see cref="ICampaignFiles"/>: blobs as a dictionary of path to bytes.</summary>
public sealed class InMemoryCampaignFiles : ICampaignFiles
{
    public ConcurrentDictionary<string, byte[]> Blobs { get; } = new();

    public Task InitializeAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task SaveShortlistAsync(Shortlist shortlist, CancellationToken cancellationToken)
    {
        foreach (var format in Enum.GetValues<ShortlistFormat>())
        {
            Blobs[ShortlistPath(shortlist.CampaignId, format)] = ShortlistRenderer.Render(shortlist, format);
        }

        return Task.CompletedTask;
    }

    public Task<byte[]?> ReadShortlistAsync(string campaignId, ShortlistFormat format, CancellationToken cancellationToken) =>
        Task.FromResult(Blobs.GetValueOrDefault(ShortlistPath(campaignId, format)));

    public Task SaveRejectionAsync(string uploadName, string reason, CancellationToken cancellationToken)
    {
        Blobs[$"{StorageOptionsNames.Rejected}/{uploadName}.txt"] = System.Text.Encoding.UTF8.GetBytes(reason);
        return Task.CompletedTask;
    }

    public Task DeleteCampaignFilesAsync(string campaignId, IEnumerable<string> uploadNames, CancellationToken cancellationToken)
    {
        foreach (var key in Blobs.Keys.Where(k => k.StartsWith($"{StorageOptionsNames.Shortlists}/{campaignId}/", StringComparison.Ordinal)).ToList())
        {
            Blobs.TryRemove(key, out _);
        }

        foreach (var name in uploadNames)
        {
            Blobs.TryRemove($"{StorageOptionsNames.Uploads}/{name}", out _);
        }

        return Task.CompletedTask;
    }

    private static string ShortlistPath(string campaignId, ShortlistFormat format) =>
        $"{StorageOptionsNames.Shortlists}/{campaignId}/shortlist.{ShortlistRenderer.FileExtension(format)}";

    private static class StorageOptionsNames
    {
        public const string Uploads = GoodwillFlow.Workflow.Configuration.StorageOptions.UploadsContainer;
        public const string Shortlists = GoodwillFlow.Workflow.Configuration.StorageOptions.ShortlistsContainer;
        public const string Rejected = GoodwillFlow.Workflow.Configuration.StorageOptions.RejectedContainer;
    }
}
