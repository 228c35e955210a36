using GoodwillFlow.Workflow.Configuration;
using GoodwillFlow.Workflow.Email;
using GoodwillFlow.Workflow.Http;
using GoodwillFlow.Workflow.Mailbox;
using GoodwillFlow.Workflow.Orchestration;
using GoodwillFlow.Workflow.Replies;
using GoodwillFlow.Workflow.Storage;
using GoodwillFlow.Workflow.Uploads;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GoodwillFlow.Workflow;

/// <summary>The one composition root shared by the Functions app, the local runtime and the tests.</summary>
public static class GoodwillServiceCollectionExtensions
{
    /// <summary>
    /// Registers options, storage, email, reply links, activities, the upload handler and the HTTP handlers.
    /// The host adds the Durable Task client and worker (Functions extension, or gRPC to the local engine).
    /// </summary>
    public static IServiceCollection AddGoodwillWorkflow(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<GoodwillOptions>().BindConfiguration(GoodwillOptions.SectionName);
        services.AddOptions<EmailOptions>().BindConfiguration(EmailOptions.SectionName);
        services.AddOptions<ReplyLinkOptions>().BindConfiguration(ReplyLinkOptions.SectionName);
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ReplyLinks>();

        services.AddGoodwillStorage(configuration);
        services.AddGoodwillEmail();
        services.AddGoodwillActivities();
        services.AddGoodwillUploads();
        services.AddGoodwillHttpHandlers();
        services.AddGoodwillMailbox();
        return services;
    }
}
