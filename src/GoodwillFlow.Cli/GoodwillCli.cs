using System.CommandLine;
using GoodwillFlow.Cli.Commands;

namespace GoodwillFlow.Cli;

/// <summary>The <c>goodwill</c> command line: one entry point for the process and for in-process tests.</summary>
internal static class GoodwillCli
{
    // One line per command: its name (as its Create gives it) and how to build it.
    private static readonly (string Name, Func<CliContext, Command> Create)[] Commands =
    [
        ("import", ImportCommand.Create),
        ("plan", PlanCommand.Create),
        ("run", RunCommand.Create),
        ("upload", UploadCommand.Create),
        ("status", StatusCommand.Create),
        ("shortlist", ShortlistCommand.Create),
        ("demo", DemoCommand.Create),
        ("pause", context => ControlCommand.Create(Workflow.Http.CampaignControl.Pause, context)),
        ("resume", context => ControlCommand.Create(Workflow.Http.CampaignControl.Resume, context)),
        ("stop", context => ControlCommand.Create(Workflow.Http.CampaignControl.Stop, context)),
    ];

    /// <summary>Parses <paramref name="args"/>, runs the command and returns the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(context);

        var root = new RootCommand(
            "GoodwillFlow: turn your LinkedIn connections export into reflection prompts and an outreach shortlist.");

        // Only the command named first is built (each builds its options, and some load the workflow assembly). Help,
        // --version and a mistyped command get every command, for the list and the suggestions.
        var asked = args.Length > 0 ? Array.FindAll(Commands, c => c.Name == args[0]) : [];
        foreach (var (_, create) in asked.Length == 1 ? asked : Commands)
        {
            root.Subcommands.Add(create(context));
        }

        var parseResult = root.Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            // Errors and usage both go to stderr, so stdout stays clean for --json consumers.
            return await parseResult.InvokeAsync(
                new InvocationConfiguration { Output = context.Error, Error = context.Error },
                cancellationToken);
        }

        try
        {
            return await parseResult.InvokeAsync(
                new InvocationConfiguration
                {
                    Output = context.Output,
                    Error = context.Error,
                    EnableDefaultExceptionHandler = false,

                    // The local runtime stops its parts in order on Ctrl+C itself; do not cut it short.
                    ProcessTerminationTimeout = null,
                },
                cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await context.Error.WriteLineAsync("goodwill: cancelled.");
            return ExitCodes.InternalError;
        }
#pragma warning disable CA1031 // The last line of defence: a user sees one line, never a stack trace.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            await context.Error.WriteLineAsync($"goodwill: unexpected error ({ex.GetType().Name}): {ex.Message}");
            return ExitCodes.InternalError;
        }
    }
}
