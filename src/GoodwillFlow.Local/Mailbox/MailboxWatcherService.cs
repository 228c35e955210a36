using GoodwillFlow.Workflow.Mailbox;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GoodwillFlow.Local.Mailbox;

/// <summary>
/// Runs the IMAP reply watcher for as long as the local runtime runs, when <c>Mailbox:ImapHost</c> is set. Wrong
/// settings are reported once and leave the rest of the runtime working (the reply page still records answers).
/// </summary>
public sealed partial class MailboxWatcherService(
    IServiceScopeFactory scopes,
    DurableTaskClient durable,
    IOptions<MailboxOptions> options,
    ILogger<MailboxWatcherService> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        try
        {
            await scope.ServiceProvider.GetRequiredService<MailboxReplyWatcher>().WatchAsync(durable, stoppingToken);
        }
        catch (InvalidOperationException ex)
        {
            LogMisconfigured(logger, ex.Message);
        }
    }

    [LoggerMessage(EventId = 3410, Level = LogLevel.Error, Message = "Replies by email are off: {Problem}")]
    private static partial void LogMisconfigured(ILogger logger, string problem);
}
