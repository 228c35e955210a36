using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GoodwillFlow.Workflow.Mailbox;

/// <summary>Registers the IMAP reply watcher.</summary>
public static class MailboxServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="MailboxReplyWatcher"/> (bound to the <c>Mailbox</c> section) and its checkpoints in Table
    /// storage. Hosts run it: the local runtime as a hosted service, the Functions app from a timer.
    /// </summary>
    public static IServiceCollection AddGoodwillMailbox(this IServiceCollection services)
    {
        services.AddOptions<MailboxOptions>().BindConfiguration(MailboxOptions.SectionName);
        services.TryAddSingleton<IMailboxCheckpointStore, TableMailboxCheckpointStore>();
        services.TryAddScoped<MailboxReplyWatcher>();
        return services;
    }
}
