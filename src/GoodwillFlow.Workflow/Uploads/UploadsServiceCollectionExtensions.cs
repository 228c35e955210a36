using Microsoft.Extensions.DependencyInjection;

namespace GoodwillFlow.Workflow.Uploads;

/// <summary>Registers the upload import handler.</summary>
public static class UploadsServiceCollectionExtensions
{
    /// <summary>Registers the handler that imports an uploaded export and starts or extends a campaign.</summary>
    public static IServiceCollection AddGoodwillUploads(this IServiceCollection services) =>
        services; // Owned by the uploads work package.
}
