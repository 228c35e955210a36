namespace GoodwillFlow.Local.Hosting;

/// <summary>How to run GoodwillFlow on one machine.</summary>
public sealed class LocalRuntimeOptions
{
    /// <summary>Gets or sets the data folder: Azurite's files, the outbox and the generated local secrets. Default <c>.goodwill</c>.</summary>
    public string DataPath { get; set; } = ".goodwill";

    /// <summary>Gets or sets the loopback port of the reply page and API. Default 7071 (the Functions host's); 0 picks a free one.</summary>
    public int HttpPort { get; set; } = 7071;

    /// <summary>
    /// Gets or sets a storage connection string to use instead of starting Azurite (for example a real account).
    /// Default: the <c>AzureWebJobsStorage</c> setting if configured, else a local Azurite.
    /// </summary>
    public string? StorageConnectionString { get; set; }

    /// <summary>
    /// Gets or sets whether the local Azurite keeps everything in memory only: it starts and stops sooner and nothing
    /// survives it. For throwaway runs such as the demo. Default false.
    /// </summary>
    public bool InMemoryStorage { get; set; }

    /// <summary>Gets or sets how often the uploads container is checked for new exports. Default 2 seconds.</summary>
    public TimeSpan UploadPollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Gets configuration values applied over the defaults (keys as in appsettings, e.g. <c>Goodwill:OwnerEmail</c>).</summary>
    public IDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
}
