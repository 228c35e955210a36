using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GoodwillFlow.Workflow.Http;

/// <summary>Registers the HTTP handlers shared by the Functions shims and the local Kestrel endpoints.</summary>
public static class HttpServiceCollectionExtensions
{
    /// <summary>Registers the reply page, inbound parse, campaign status, shortlist and control handlers.</summary>
    public static IServiceCollection AddGoodwillHttpHandlers(this IServiceCollection services)
    {
        services.AddOptions<HttpHandlerOptions>().BindConfiguration(HttpHandlerOptions.SectionName);
        services.TryAddSingleton(TimeProvider.System);

        // Scoped, so a scoped store registration in any host is honoured.
        services.TryAddScoped<ReplyRecorder>();
        services.TryAddScoped<Replies.EmailReplyIntake>();
        services.TryAddScoped<ReplyPageHandler>();
        services.TryAddScoped<InboundParseHandler>();
        services.TryAddScoped<CampaignApiHandler>();
        services.TryAddScoped<WorkAhead.WorkAheadService>();
        services.TryAddScoped<OwnerPageHandler>();
        return services;
    }
}
