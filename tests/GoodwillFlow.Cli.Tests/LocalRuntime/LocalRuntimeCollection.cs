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

/// <summary>
/// <c>goodwill run</c> processes killed inside the drip's control activities (loading a page, recording a state,
/// re-planning, the shortlist). These wait on cadences and restarts far more than they compute, so they run beside the
/// other collections rather than after them; each freezes its own Azurite to hold a kill inside its activity, so the
/// timing of the machine does not decide where a kill lands.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ControlActivityKillCollection
{
    /// <summary>The collection name.</summary>
    public const string Name = "Runtime killed in control activities";
}

/// <summary>
/// <c>goodwill run</c> processes killed while sending or importing, restarted, cut off from Azurite, or power-cut with
/// it: mostly waiting, so they run beside the other collections (see <see cref="ControlActivityKillCollection"/>).
/// </summary>
[CollectionDefinition(Name)]
public sealed class RuntimeFaultCollection
{
    /// <summary>The collection name.</summary>
    public const string Name = "Runtime killed, restarted or cut off";
}
