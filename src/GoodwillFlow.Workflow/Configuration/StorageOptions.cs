namespace GoodwillFlow.Workflow.Configuration;

/// <summary>
/// Where GoodwillFlow keeps its data. The connection is the same one the Functions host uses
/// (<c>AzureWebJobsStorage</c>): a connection string locally, or identity-based settings in Azure
/// (<c>AzureWebJobsStorage__blobServiceUri</c>, <c>__tableServiceUri</c>, <c>__queueServiceUri</c>, <c>__credential</c>, <c>__clientId</c>).
/// </summary>
public sealed class StorageOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Storage";

    /// <summary>The name of the storage connection setting shared with the Functions host.</summary>
    public const string ConnectionName = "AzureWebJobsStorage";

    /// <summary>The uploads container (blob trigger path <c>connections/{name}</c>).</summary>
    public const string UploadsContainer = "connections";

    /// <summary>The container for compiled shortlists.</summary>
    public const string ShortlistsContainer = "shortlists";

    /// <summary>The container for the reason files of rejected uploads.</summary>
    public const string RejectedContainer = "rejected";

    /// <summary>Gets or sets the prefix of every table name, so several deployments can share an account. Default "Goodwill".</summary>
    public string TablePrefix { get; set; } = "Goodwill";
}
