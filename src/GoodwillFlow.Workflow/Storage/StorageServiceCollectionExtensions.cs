using Azure.Data.Tables;
using Azure.Storage.Blobs;
using GoodwillFlow.Workflow.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GoodwillFlow.Workflow.Storage;

/// <summary>Registers the Table and Blob storage implementations.</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ICampaignStore"/> and <see cref="ICampaignFiles"/> over the <c>AzureWebJobsStorage</c> connection,
    /// and the <see cref="TableServiceClient"/> and <see cref="BlobServiceClient"/> singletons other components take from DI.
    /// The settings are read when a client is first resolved, so hosts that never touch storage need none; a missing
    /// connection then fails with an <see cref="InvalidOperationException"/> that names the setting.
    /// Registrations made earlier (for example test doubles) are kept.
    /// </summary>
    public static IServiceCollection AddGoodwillStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.SectionName));
        services.TryAddSingleton(_ => StorageClientFactory.ReadSettings(configuration));
        services.TryAddSingleton(sp => StorageClientFactory.CreateTableServiceClient(sp.GetRequiredService<StorageConnectionSettings>()));
        services.TryAddSingleton(sp => StorageClientFactory.CreateBlobServiceClient(sp.GetRequiredService<StorageConnectionSettings>()));
        services.TryAddSingleton<ICampaignStore, TableCampaignStore>();
        services.TryAddSingleton<ICampaignFiles, BlobCampaignFiles>();
        return services;
    }
}
