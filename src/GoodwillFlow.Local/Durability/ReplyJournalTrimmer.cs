using Microsoft.Extensions.Hosting;

namespace GoodwillFlow.Local.Durability;

/// <summary>Keeps the reply journal short: drops entries that storage has had time to persist.</summary>
/// <param name="journal">The journal.</param>
/// <param name="interval">How often to trim.</param>
public sealed class ReplyJournalTrimmer(FileReplyJournal journal, TimeSpan interval) : BackgroundService
{
    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                journal.Trim();
            }
            catch (IOException)
            {
                // The journal stays as it was (longer, never shorter than it must be); the next tick tries again.
            }
        }
    }
}
