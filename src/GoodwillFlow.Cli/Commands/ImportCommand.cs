using System.CommandLine;
using System.Globalization;
using GoodwillFlow.Core.Connections;
using GoodwillFlow.Core.Import;

namespace GoodwillFlow.Cli.Commands;

/// <summary><c>goodwill import FILE [--dry-run] [--json]</c>: previews what importing an export would give.</summary>
internal static class ImportCommand
{
    private const int SampleSize = 5;

    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var file = new Argument<FileInfo>("file") { Description = "LinkedIn's Connections.csv, or the whole data download ZIP as LinkedIn sends it (from Settings, Data privacy, Get a copy of your data)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Only show what the file contains; nothing is stored." };
        var json = new Option<bool>("--json") { Description = "Print exactly one JSON object on stdout: counts, format and every connection (for a ZIP, also the files read and the evidence per connection)." };

        var command = new Command("import", "Check a LinkedIn connections export and preview what would be imported.")
        {
            file,
            dryRun,
            json,
        };
        command.SetAction(parseResult => Run(
            parseResult.GetRequiredValue(file), parseResult.GetValue(dryRun), parseResult.GetValue(json), context));
        return command;
    }

    private static int Run(FileInfo file, bool dryRun, bool json, CliContext context)
    {
        if (!dryRun)
        {
            // Campaigns start from an upload (the same path as the blob trigger), so import stays a preview.
            (json ? context.Error : context.Output).WriteLine(
                $"Note: import only previews a file. To start a campaign, upload it: goodwill upload {file.Name}. " +
                "Showing a dry run.");
        }

        var result = ExportFile.TryImport(file, context);
        if (result is null)
        {
            return ExitCodes.Rejected;
        }

        if (json)
        {
            ImportJson.Write(result, context.Output);
        }
        else
        {
            WriteSummary(file, result, context.Output);
        }

        return ExitCodes.Success;
    }

    private static void WriteSummary(FileInfo file, ImportResult result, TextWriter output)
    {
        output.WriteLine(result.Evidence is null
            ? $"{file.Name}: LinkedIn connections, {result.Format.Describe()} [{result.Format.ToName()}]"
            : $"{file.Name}: LinkedIn data download (ZIP), connections: {result.Format.Describe()} [{result.Format.ToName()}]");
        output.WriteLine(
            $"  {Count(result.Connections.Count, "connection")}, " +
            $"{Count(result.Duplicates, "duplicate")} dropped, " +
            $"{Count(result.Skipped, "row")} skipped (no name and no profile URL)" +
            (result.RepeatedHeaders > 0 ? $", {Count(result.RepeatedHeaders, "repeated header row")} skipped" : ""));
        foreach (var line in ImportEvidenceSummary.Lines(result))
        {
            output.WriteLine(line);
        }

        var sample = result.Connections.Take(SampleSize).ToList();
        output.WriteLine();
        output.WriteLine($"  First {sample.Count}:");
        var rows = new List<string[]> { new[] { "Name", "Company", "Position", "Connected on" } };
        rows.AddRange(sample.Select(Row));
        foreach (var line in TextTable.Format(rows))
        {
            output.WriteLine("    " + line);
        }

        if (result.Warnings.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("  Warnings:");
            foreach (var warning in result.Warnings)
            {
                output.WriteLine($"  - {warning}");
            }
        }

        output.WriteLine();
        output.WriteLine("Dry run: nothing was stored.");
    }

    private static string[] Row(Connection connection) =>
    [
        connection.DisplayName.Length > 0 ? connection.DisplayName : "(no name)",
        connection.Company ?? "",
        connection.Position ?? "",
        connection.ConnectedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
    ];

    private static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
