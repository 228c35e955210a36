using GoodwillFlow.Core.Import;
using GoodwillFlow.Workflow.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GoodwillFlow.Workflow.Uploads;

/// <summary>Registers the upload import handler.</summary>
public static class UploadsServiceCollectionExtensions
{
    /// <summary>The configuration section of the import limits (<c>Goodwill__Import__MaxFileBytes</c>).</summary>
    public const string ImportSectionName = GoodwillOptions.SectionName + ":Import";

    /// <summary>Registers the handler that imports an uploaded export and starts or extends a campaign.</summary>
    public static IServiceCollection AddGoodwillUploads(this IServiceCollection services)
    {
        services.AddOptions<LinkedInImportOptions>().BindConfiguration(ImportSectionName);
        services.TryAddSingleton(TimeProvider.System);

        // Transient: it holds no state, and so never captures a scoped store in a longer-lived object.
        services.TryAddTransient<ConnectionsUploadHandler>();
        return services;
    }
}
