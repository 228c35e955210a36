using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GoodwillFlow.Workflow.Storage;

/// <summary>Registers the Table and Blob storage implementations.</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>Registers <see cref="ICampaignStore"/> and <see cref="ICampaignFiles"/> over the <c>AzureWebJobsStorage</c> connection.</summary>
    public static IServiceCollection AddGoodwillStorage(this IServiceCollection services, IConfiguration configuration) =>
        services; // Owned by the storage work package.
}
