namespace GoodwillFlow.Local.Storage;

/// <summary>How to run the local storage emulator.</summary>
public sealed class AzuriteOptions
{
    /// <summary>The Azurite npm package version that GoodwillFlow is tested with.</summary>
    public const string PinnedVersion = "3.37.0";

    /// <summary>Gets or sets the folder Azurite keeps its data in.</summary>
    public required string DataPath { get; set; }

    /// <summary>
    /// Gets or sets whether Azurite keeps its data in memory only (<c>--inMemoryPersistence</c>): nothing is loaded at
    /// start or saved at exit, so it starts and stops sooner, and everything is gone when it stops. For throwaway runs
    /// (the demo); never for a campaign that must survive a restart.
    /// </summary>
    public bool InMemory { get; set; }

    /// <summary>
    /// Gets or sets the folder the npm package is installed into. Default: a per-user cache folder
    /// (<c>$XDG_CACHE_HOME/goodwillflow/azurite-{version}</c>), shared by every run and test on the machine.
    /// </summary>
    public string? InstallPath { get; set; }

    /// <summary>Gets or sets how long to wait for the install and for the ports to open. Default 5 minutes.</summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets the install folder actually used.</summary>
    public string ResolvedInstallPath => InstallPath ?? Path.Combine(
        Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"),
        "goodwillflow",
        $"azurite-{PinnedVersion}");
}
