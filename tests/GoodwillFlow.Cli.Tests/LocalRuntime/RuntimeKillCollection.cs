namespace GoodwillFlow.Cli.Tests.LocalRuntime;

/// <summary>
/// Tests that kill <c>goodwill run</c> (SIGKILL), freeze or stop its Azurite, or cut its power: they run one after
/// another, after every other collection and with nothing of this assembly beside them. Each kill must land inside one
/// activity, and it is aimed from the test process as the activity shows itself (a log line, an email in the outbox);
/// on a loaded machine a kill aimed beside other work landed late (the shortlist's mark was already Sent), so these
/// run alone. Everything else here (in-process runtimes, browsers, commands) kills nothing and runs in parallel first.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RuntimeKillCollection
{
    /// <summary>The collection name.</summary>
    public const string Name = "Runtime killed, frozen or cut off (alone)";
}
