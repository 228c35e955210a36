using System.CommandLine;

namespace GoodwillFlow.Cli.Commands;

/// <summary>The <c>--data</c> option shared by the local runtime commands.</summary>
internal static class DataOption
{
    /// <summary>The default data folder, under the working directory.</summary>
    public const string DefaultPath = ".goodwill";

    /// <summary>Creates the option.</summary>
    public static Option<string> Create() => new("--data")
    {
        Description = $"Folder for local data: storage, outbox and local secrets (default {DefaultPath}).",
        HelpName = "dir",
        DefaultValueFactory = _ => DefaultPath,
    };
}
