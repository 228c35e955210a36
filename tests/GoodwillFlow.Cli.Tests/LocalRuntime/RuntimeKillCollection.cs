namespace GoodwillFlow.Cli.Tests.LocalRuntime;

/// <summary>
/// Tests that start a whole local runtime in this process (Azurite, the engine, Kestrel, sometimes Chromium) run one
/// after another: several at once on a 2-core machine only make each slower and their timings less telling.
/// </summary>
[CollectionDefinition(Name)]
public sealed class LocalRuntimeCollection
{
    /// <summary>The collection name.</summary>
    public const string Name = "Local runtime";
}
