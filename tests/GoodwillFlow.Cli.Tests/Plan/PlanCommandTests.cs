namespace GoodwillFlow.Cli.Tests.Plan;

public class PlanCommandTests
{
    [Fact]
    public async Task Previews_count_first_and_last_send_and_prompts_per_week_in_local_time()
    {
        var run = await CliRun.RunAsync(
            "plan", CliRun.SamplePath, "--time-zone", "Europe/London", "--per-day", "5", "--start", "2026-12-07");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(string.Empty, run.Error);
        var lines = run.Output.Split('\n');
        Assert.Contains("  Prompts: 41", lines);
        Assert.Contains("  First send: Mon 2026-12-07 09:00", lines);

        // 41 prompts at 5 a weekday: Mon 7 to Fri 11 December (25), then Mon 14 to Thu 17 December (16).
        Assert.Contains(lines, l => l.StartsWith("  Last send:  Thu 2026-12-17 ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("  Per week: up to 25 ", StringComparison.Ordinal) && l.Contains("over 2 weeks", StringComparison.Ordinal));
        Assert.Contains("  Cadence: 5 a day, Mon,Tue,Wed,Thu,Fri, 09:00-17:00, times in Europe/London", lines);
    }

    [Fact]
    public async Task Lists_the_first_prompts_in_order_with_target_company_matches_first()
    {
        var run = await CliRun.RunAsync(
            "plan", CliRun.SamplePath, "--start", "2026-12-07", "--target-company", "Proseware", "--target-role", "recruiter");

        Assert.Equal(0, run.ExitCode);
        var rows = PreviewRows(run.Output);
        Assert.Equal(10, rows.Count);
        Assert.Equal(Enumerable.Range(1, 10).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), rows.Select(r => r.Split("  ")[0]));
        Assert.All(rows.Take(3), r => Assert.Contains("Proseware", r, StringComparison.Ordinal));
        Assert.Contains("  Targets: Proseware, recruiter (matching connections come first)", run.Output.Split('\n'));
    }

    [Fact]
    public async Task Keeps_send_times_in_the_local_window_across_the_clock_change()
    {
        // British Summer Time starts on Sunday 28 March 2027: UTC send times move, local ones must not.
        var run = await CliRun.RunAsync(
            "plan", CliRun.SamplePath, "--time-zone", "Europe/London", "--per-day", "2", "--window", "09:00-10:00",
            "--days", "Fri,Mon", "--start", "2027-03-26");

        Assert.Equal(0, run.ExitCode);
        var rows = PreviewRows(run.Output);
        Assert.Contains(rows, r => r.Contains("Fri 2027-03-26 09:", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains("Mon 2027-03-29 09:", StringComparison.Ordinal));
        Assert.All(rows, r => Assert.Matches(@"^\d+\s+(Mon|Fri) 2027-\d\d-\d\d 09:\d\d", r));
    }

    [Fact]
    public async Task Spreads_prompts_over_the_requested_weeks()
    {
        var run = await CliRun.RunAsync("plan", CliRun.SamplePath, "--weeks", "3", "--days", "Mon,Wed", "--start", "2026-12-07");

        Assert.Equal(0, run.ExitCode);
        var lines = run.Output.Split('\n');

        // 41 prompts over 3 weeks of Mondays and Wednesdays (6 sending days) is 7 a day, ending Wednesday 23 December.
        Assert.Contains("  Cadence: spread over 3 weeks (7 a day), Mon,Wed, 09:00-17:00, times in UTC", lines);
        Assert.Contains(lines, l => l.StartsWith("  Last send:  Wed 2026-12-23 ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("--per-day", "5", "--weeks", "3")]
    [InlineData("--days", "Funday")]
    [InlineData("--window", "17:00-09:00")]
    [InlineData("--start", "07/12/2026")]
    public async Task Rejects_invalid_cadence_options_with_usage(params string[] options)
    {
        var run = await CliRun.RunAsync(["plan", CliRun.SamplePath, .. options]);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(string.Empty, run.Output);
        Assert.Contains("Usage:", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rejects_an_unknown_time_zone_in_one_line()
    {
        var run = await CliRun.RunAsync("plan", CliRun.SamplePath, "--time-zone", "Mars/Olympus_Mons");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("goodwill plan: ", run.Error, StringComparison.Ordinal);
        Assert.Contains("Mars/Olympus_Mons", run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public async Task Rejected_export_exits_2_before_planning()
    {
        using var file = new TempFile("Name,Email\nAda,ada@example.com\n");

        var run = await CliRun.RunAsync("plan", file.Path);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("No connections header", run.Error, StringComparison.Ordinal);
    }

    private static List<string> PreviewRows(string output) =>
        output.Split('\n')
            .SkipWhile(l => !l.Contains("in order:", StringComparison.Ordinal))
            .Skip(2)
            .Where(l => l.Length > 0)
            .Select(l => l.Trim())
            .ToList();
}
