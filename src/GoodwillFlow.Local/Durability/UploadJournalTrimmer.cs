using Azure;
using Azure.Storage.Blobs;
using GoodwillFlow.Workflow.Storage;
using Microsoft.Extensions.Hosting;

namespace GoodwillFlow.Local.Durability;

/// <summary>Keeps the upload journal short: deletes entries whose upload storage has handled and had time to persist.</summary>
/// <param name="journal">The journal.</param>
/// <param name="blobs">The uploads' storage.</param>
/// <param name="store">The campaigns, to see which uploads were imported.</param>
/// <param name="interval">How often to trim.</param>
public sealed class UploadJournalTrimmer(FileUploadJournal journal, BlobServiceClient blobs, ICampaignStore store, TimeSpan interval) : BackgroundService
{
    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await journal.TrimAsync(blobs, store, stoppingToken);
            }
            catch (Exception e) when (e is IOException or RequestFailedException or HttpRequestException)
            {
                // The journal stays as it was (longer, never shorter than it must be); the next tick tries again.
            }
        }
    }
}
