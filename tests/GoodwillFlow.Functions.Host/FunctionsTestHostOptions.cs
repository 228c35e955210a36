namespace GoodwillFlow.Functions.Host;

/// <summary>What the test host needs to start a worker: the published app, its settings and the Durable sidecar.</summary>
public sealed class FunctionsTestHostOptions
{
    /// <summary>Gets or sets the folder <c>dotnet publish</c> wrote the Functions app to (with functions.metadata).</summary>
    public required string AppDirectory { get; set; }

    /// <summary>Gets or sets the worker assembly's file name inside <see cref="AppDirectory"/>.</summary>
    public string WorkerAssembly { get; set; } = "GoodwillFlow.Functions.dll";

    /// <summary>Gets or sets the storage connection string the app and the blob trigger use (<c>AzureWebJobsStorage</c>).</summary>
    public required string StorageConnectionString { get; set; }

    /// <summary>Gets or sets the address of the Durable Task sidecar (a <c>TaskHubGrpcServer</c>), or null for no Durable bindings.</summary>
    public Uri? DurableSidecarAddress { get; set; }

    /// <summary>Gets or sets the task hub name the Durable client binding reports.</summary>
    public string TaskHubName { get; set; } = "GoodwillFlow";

    /// <summary>
    /// Gets the app settings, as configuration keys (<c>Goodwill:OwnerEmail</c>); they reach the worker as environment
    /// variables (<c>Goodwill__OwnerEmail</c>), as the Functions host passes app settings.
    /// </summary>
    public IDictionary<string, string> Settings { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets or sets the front door's port on 127.0.0.1 (0 picks a free one); set it to put the address into settings.</summary>
    public int HttpPort { get; set; }

    /// <summary>Gets or sets the key that functions with <c>AuthorizationLevel.Function</c> require (<c>x-functions-key</c> or <c>code</c>).</summary>
    public string FunctionKey { get; set; } = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    /// <summary>Gets or sets how long the worker may take to start, index and load its functions.</summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Gets or sets how long one invocation may take before the host gives up on it.</summary>
    public TimeSpan InvocationTimeout { get; set; } = TimeSpan.FromSeconds(60);
}
