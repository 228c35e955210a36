using System.CommandLine;
using System.CommandLine.Invocation;
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
    /// <remarks>
    /// The process's entry point. The same as <see cref="RunAsync"/>, without an <c>async</c> method of its own: each
    /// async method costs the JIT a start at every run (its state machine's builder has no ReadyToRun code outside the
    /// framework), and most commands (import, plan, help, a mistyped option) are synchronous.
    /// </remarks>
    public static int Run(string[] args, CliContext context) => RunAsync(args, context).GetAwaiter().GetResult();

    /// <summary>Parses <paramref name="args"/>, runs the command and returns the process exit code.</summary>
    public static Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(context);

        var root = new RootCommand(
            "GoodwillFlow: turn your LinkedIn connections export into reflection prompts and an outreach shortlist.");

        // Only the command named first is built (each builds its options, and some load the workflow assembly). Help,
        // --version and a mistyped command get every command, for the list and the suggestions.
        var asked = args.Length > 0 ? Named(args[0]) : null;
        if (asked is not null)
        {
            root.Subcommands.Add(asked(context));
        }
        else
        {
            foreach (var (_, create) in Commands)
            {
                root.Subcommands.Add(create(context));
            }
        }

        var parseResult = root.Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            // Errors and usage both go to stderr, so stdout stays clean for --json consumers.
            return Task.FromResult(parseResult.Invoke(new InvocationConfiguration { Output = context.Error, Error = context.Error }));
        }

        var configuration = new InvocationConfiguration
        {
            Output = context.Output,
            Error = context.Error,
            EnableDefaultExceptionHandler = false,

            // The local runtime stops its parts in order on Ctrl+C itself; do not cut it short.
            ProcessTerminationTimeout = null,
        };
        if (parseResult.Action is AsynchronousCommandLineAction)
        {
            return InvokeAsync(parseResult, configuration, context, cancellationToken);
        }

        try
        {
            return Task.FromResult(parseResult.Invoke(configuration));
        }
#pragma warning disable CA1031 // The last line of defence: a user sees one line, never a stack trace.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return Task.FromResult(Unexpected(ex, context));
        }
    }

    private static async Task<int> InvokeAsync(
        ParseResult parseResult, InvocationConfiguration configuration, CliContext context, CancellationToken cancellationToken)
    {
        try
        {
            return await parseResult.InvokeAsync(configuration, cancellationToken);
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
            return Unexpected(ex, context);
        }
    }

    private static int Unexpected(Exception ex, CliContext context)
    {
        context.Error.WriteLine($"goodwill: unexpected error ({ex.GetType().Name}): {ex.Message}");
        return ExitCodes.InternalError;
    }

    /// <summary>How to build the command called <paramref name="name"/>, or null when there is none.</summary>
    private static Func<CliContext, Command>? Named(string name)
    {
        foreach (var (commandName, create) in Commands)
        {
            if (commandName == name)
            {
                return create;
            }
        }

        return null;
    }
}
