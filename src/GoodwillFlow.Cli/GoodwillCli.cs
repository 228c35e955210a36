using System.CommandLine;
using GoodwillFlow.Cli.Commands;

namespace GoodwillFlow.Cli;

/// <summary>The <c>goodwill</c> command line: one entry point for the process and for in-process tests.</summary>
internal static class GoodwillCli
{
    /// <summary>Parses <paramref name="args"/>, runs the command and returns the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(context);

        var root = new RootCommand(
            "GoodwillFlow: turn your LinkedIn connections export into reflection prompts and an outreach shortlist.");

        // One line per command.
        root.Subcommands.Add(ImportCommand.Create(context));
        root.Subcommands.Add(PlanCommand.Create(context));
        root.Subcommands.Add(RunCommand.Create(context));
        root.Subcommands.Add(UploadCommand.Create(context));
        root.Subcommands.Add(StatusCommand.Create(context));
        root.Subcommands.Add(ShortlistCommand.Create(context));
        root.Subcommands.Add(DemoCommand.Create(context));
        root.Subcommands.Add(ControlCommand.Create(Workflow.Http.CampaignControl.Pause, context));
        root.Subcommands.Add(ControlCommand.Create(Workflow.Http.CampaignControl.Resume, context));
        root.Subcommands.Add(ControlCommand.Create(Workflow.Http.CampaignControl.Stop, context));

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
