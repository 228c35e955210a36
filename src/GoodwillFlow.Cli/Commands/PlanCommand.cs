using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using GoodwillFlow.Core.Connections;
using GoodwillFlow.Core.Planning;

namespace GoodwillFlow.Cli.Commands;

/// <summary>
/// <c>goodwill plan FILE [cadence options]</c>: previews the drip for an export: how many prompts, when the first and
/// last are sent (in the owner's time zone), how many a week, and the first few in order.
/// </summary>
internal static class PlanCommand
{
    private const int PreviewSize = 10;

    private static readonly Dictionary<string, DayOfWeek> DayNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["mon"] = DayOfWeek.Monday, ["monday"] = DayOfWeek.Monday,
        ["tue"] = DayOfWeek.Tuesday, ["tuesday"] = DayOfWeek.Tuesday,
        ["wed"] = DayOfWeek.Wednesday, ["wednesday"] = DayOfWeek.Wednesday,
        ["thu"] = DayOfWeek.Thursday, ["thursday"] = DayOfWeek.Thursday,
        ["fri"] = DayOfWeek.Friday, ["friday"] = DayOfWeek.Friday,
        ["sat"] = DayOfWeek.Saturday, ["saturday"] = DayOfWeek.Saturday,
        ["sun"] = DayOfWeek.Sunday, ["sunday"] = DayOfWeek.Sunday,
    };

    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var defaults = new Cadence();
        var file = new Argument<FileInfo>("file") { Description = "LinkedIn's Connections.csv, or the whole data download (the ZIP), whose evidence orders the drip." };
        var timeZone = new Option<string>("--time-zone")
        {
            Description = $"Your IANA time zone, for example Europe/London (default {defaults.TimeZone}).",
            HelpName = "zone",
        };
        var perDay = new Option<int?>("--per-day")
        {
            Description = $"Prompts per sending day (default {defaults.PromptsPerDay}).",
            HelpName = "n",
        };
        var weeks = new Option<int?>("--weeks")
        {
            Description = "Spread all prompts over this many weeks instead of a fixed number a day.",
            HelpName = "n",
        };
        var days = new Option<IReadOnlyList<DayOfWeek>?>("--days")
        {
            Description = "Sending days, for example Mon,Tue,Thu (default Mon-Fri).",
            HelpName = "days",
            CustomParser = ParseDays,
        };
        var window = new Option<(TimeOnly Start, TimeOnly End)?>("--window")
        {
            Description = "Local send window, for example 09:00-17:00 (default 09:00-17:00).",
            HelpName = "hh:mm-hh:mm",
            CustomParser = ParseWindow,
        };
        var start = new Option<DateOnly?>("--start")
        {
            Description = "First local date on which prompts may be sent, yyyy-MM-dd (default today).",
            HelpName = "yyyy-MM-dd",
            CustomParser = ParseDate,
        };
        var targetCompanies = new Option<string[]>("--target-company")
        {
            Description = "A company you are aiming for; its people are prompted first. Repeat for several.",
            HelpName = "company",
        };
        var targetRoles = new Option<string[]>("--target-role")
        {
            Description = "A role keyword you are aiming for, for example \"engineering manager\". Repeat for several.",
            HelpName = "role",
        };

        var command = new Command("plan", "Preview the drip of reflection prompts for an export.")
        {
            file, timeZone, perDay, weeks, days, window, start, targetCompanies, targetRoles,
        };
        command.Validators.Add(result =>
        {
            if (result.GetResult(perDay) is not null && result.GetResult(weeks) is not null)
            {
                result.AddError("Use either --per-day or --weeks, not both.");
            }
        });

        command.SetAction(parseResult =>
        {
            var chosenWindow = parseResult.GetValue(window);
            var cadence = new Cadence
            {
                TimeZone = parseResult.GetValue(timeZone) ?? defaults.TimeZone,
                PromptsPerDay = parseResult.GetValue(perDay) ?? defaults.PromptsPerDay,
                TargetWeeks = parseResult.GetValue(weeks),
                Days = parseResult.GetValue(days) ?? defaults.Days,
                WindowStart = chosenWindow?.Start ?? defaults.WindowStart,
                WindowEnd = chosenWindow?.End ?? defaults.WindowEnd,
                StartDate = parseResult.GetValue(start),
            };
            var targets = new OwnerTargets(
                parseResult.GetValue(targetCompanies) ?? [], parseResult.GetValue(targetRoles) ?? []);
            return Run(parseResult.GetRequiredValue(file), cadence, targets, context);
        });
        return command;
    }

    private static int Run(FileInfo file, Cadence cadence, OwnerTargets targets, CliContext context)
    {
        var result = ExportFile.TryImport(file, context);
        if (result is null)
        {
            return ExitCodes.Rejected;
        }

        // The same order an upload plans: target companies, then the archive's warmest evidence (when a ZIP was given).
        var ordered = DripPlanner.Order(result.Connections, targets, result.Evidence, DateOnly.FromDateTime(context.Time.GetUtcNow().UtcDateTime));
        IReadOnlyList<PlannedPrompt> plan;
        TimeZoneInfo zone;
        try
        {
            zone = DripPlanner.Validate(cadence);
            plan = DripPlanner.Plan(ordered, cadence, context.Time.GetUtcNow());
        }
        catch (ArgumentException ex)
        {
            context.Error.WriteLine($"goodwill plan: {ex.Message}");
            return ExitCodes.Usage;
        }

        WritePlan(file, cadence, zone, targets, ordered, plan, context.Output);
        return ExitCodes.Success;
    }

    private static void WritePlan(
        FileInfo file,
        Cadence cadence,
        TimeZoneInfo zone,
        OwnerTargets targets,
        IReadOnlyList<Connection> ordered,
        IReadOnlyList<PlannedPrompt> plan,
        TextWriter output)
    {
        output.WriteLine($"Drip plan for {file.Name} ({Count(ordered.Count, "connection")})");
        output.WriteLine($"  Cadence: {DescribeCadence(cadence, ordered.Count)}, times in {cadence.TimeZone}");
        if (targets.Companies.Count + targets.Roles.Count > 0)
        {
            output.WriteLine(
                $"  Targets: {string.Join(", ", targets.Companies.Concat(targets.Roles))} (matching connections come first)");
        }

        if (plan.Count == 0)
        {
            output.WriteLine("  No prompts to send.");
            return;
        }

        var local = plan.Select(p => TimeZoneInfo.ConvertTime(p.SendAt, zone)).ToList();
        var weeks = local
            .GroupBy(t => DateOnly.FromDateTime(t.Date).AddDays(-(((int)t.DayOfWeek + 6) % 7)))
            .Select(g => g.Count())
            .ToList();

        output.WriteLine($"  Prompts: {plan.Count}");
        output.WriteLine($"  First send: {Format(local[0])}");
        output.WriteLine($"  Last send:  {Format(local[^1])}");
        output.WriteLine(
            $"  Per week: up to {weeks.Max()} (about {Math.Round((double)plan.Count / weeks.Count, 1).ToString(CultureInfo.InvariantCulture)} on average, over {Count(weeks.Count, "week")})");

        var byId = ordered.ToDictionary(c => c.Id, StringComparer.Ordinal);
        var rows = new List<string[]> { new[] { "#", $"When ({cadence.TimeZone})", "Connection", "Company", "Position" } };
        rows.AddRange(plan.Take(PreviewSize).Select((prompt, i) =>
        {
            var connection = byId.GetValueOrDefault(prompt.ConnectionId);
            return new[]
            {
                (prompt.Sequence + 1).ToString(CultureInfo.InvariantCulture),
                Format(local[i]),
                connection is null ? prompt.ConnectionId : connection.DisplayName.Length > 0 ? connection.DisplayName : "(no name)",
                connection?.Company ?? "",
                connection?.Position ?? "",
            };
        }));

        output.WriteLine();
        output.WriteLine($"  First {Math.Min(PreviewSize, plan.Count)} in order:");
        foreach (var line in TextTable.Format(rows))
        {
            output.WriteLine("    " + line);
        }
    }

    private static string DescribeCadence(Cadence cadence, int prompts)
    {
        if (cadence.FixedInterval is { } interval)
        {
            return $"one prompt every {interval}";
        }

        var pace = cadence.TargetWeeks is { } weeks
            ? $"spread over {Count(weeks, "week")} ({DripPlanner.DailyPace(cadence, prompts)} a day)"
            : $"{cadence.PromptsPerDay} a day";
        var days = string.Join(",", cadence.Days.Select(d => d.ToString()[..3]));
        return $"{pace}, {days}, {cadence.WindowStart:HH\\:mm}-{cadence.WindowEnd:HH\\:mm}";
    }

    private static string Format(DateTimeOffset local) =>
        local.ToString("ddd yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    private static IReadOnlyList<DayOfWeek>? ParseDays(ArgumentResult result)
    {
        var chosen = new List<DayOfWeek>();
        foreach (var token in result.Tokens)
        {
            foreach (var name in token.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!DayNames.TryGetValue(name, out var day))
                {
                    result.AddError($"'{name}' is not a day; use Mon, Tue, Wed, Thu, Fri, Sat or Sun, separated by commas.");
                    return null;
                }

                if (!chosen.Contains(day))
                {
                    chosen.Add(day);
                }
            }
        }

        if (chosen.Count == 0)
        {
            result.AddError("--days needs at least one day, for example Mon,Wed,Fri.");
            return null;
        }

        return chosen;
    }

    private static (TimeOnly Start, TimeOnly End)? ParseWindow(ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
        var parts = text.Split('-', StringSplitOptions.TrimEntries);
        if (parts.Length == 2
            && TimeOnly.TryParseExact(parts[0], ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var from)
            && TimeOnly.TryParseExact(parts[1], ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var to))
        {
            if (to <= from)
            {
                result.AddError($"--window {text}: the window must end after it starts.");
                return null;
            }

            return (from, to);
        }

        result.AddError($"--window {text} is not a window; use hh:mm-hh:mm, for example 09:00-17:00.");
        return null;
    }

    private static DateOnly? ParseDate(ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        result.AddError($"--start {text} is not a date; use yyyy-MM-dd, for example 2026-12-01.");
        return null;
    }
}
