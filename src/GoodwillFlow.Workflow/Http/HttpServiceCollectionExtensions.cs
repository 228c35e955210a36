using Microsoft.Extensions.DependencyInjection;

namespace GoodwillFlow.Workflow.Http;

/// <summary>Registers the HTTP handlers shared by the Functions shims and the local Kestrel endpoints.</summary>
public static class HttpServiceCollectionExtensions
{
    /// <summary>Registers the reply page, inbound parse, campaign status, shortlist and control handlers.</summary>
    public static IServiceCollection AddGoodwillHttpHandlers(this IServiceCollection services) =>
        services; // Owned by the HTTP work package.
}
