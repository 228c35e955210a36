using System.Reflection;

namespace GoodwillFlow.Infra.Tests.Infrastructure;

/// <summary>Paths MSBuild resolved at build time (see the csproj), so nothing here guesses a home folder.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = Metadata("RepositoryRoot");

    public static string BicepCli { get; } = Metadata("BicepCliPath");

    public static string Infra => Path.Combine(Root, "infra");

    public static string MainBicep => Path.Combine(Infra, "main.bicep");

    public static string InRepository(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string Metadata(string key) =>
        typeof(RepositoryPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(a => a.Key == key)?.Value
        ?? throw new InvalidOperationException($"The test assembly has no '{key}' metadata; build it with its csproj.");
}
