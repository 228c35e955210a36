using System.Text;
using System.Text.Json;

namespace GoodwillFlow.Cli.Tests.Import;

/// <summary>What <c>goodwill import</c> says about files it reads with a warning or with rows it skips (issue 8, defects 6 and 8).</summary>
public class ImportWarningsTests
{
    private const string Header = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n";
    private const string Notes = "Notes:\n\"When exporting your connection data, you may notice that some of the email addresses are missing.\"\n\n";

    private static readonly string Joined =
        Notes + Header + "Ada,Lovelace,https://www.linkedin.com/in/ada,,Engines,Programmer,14 Feb 2024\n" +
        Notes + Header + "Grace,Hopper,https://www.linkedin.com/in/grace,,Navy,Admiral,1 Jan 2020\n";

    [Fact]
    public async Task Json_output_carries_the_windows_1252_warning()
    {
        var text = Notes + Header + "Zoë,Müller,https://www.linkedin.com/in/zoe,,Café Ltd,Chef,1 Jan 2020\n";
        using var file = new TempFile(CodePagesEncodingProvider.Instance.GetEncoding(1252)!.GetBytes(text));

        var run = await CliRun.RunAsync("import", file.Path, "--dry-run", "--json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        var warnings = json.RootElement.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()).ToList();
        Assert.Contains(warnings, w => w!.Contains("Windows-1252", StringComparison.Ordinal));
        Assert.Equal("Zoë", json.RootElement.GetProperty("items")[0].GetProperty("firstName").GetString());
    }

    [Fact]
    public async Task Json_output_has_an_empty_warnings_array_for_a_clean_file()
    {
        using var file = new TempFile(Notes + Header + "Ada,Lovelace,https://www.linkedin.com/in/ada,,Engines,Programmer,14 Feb 2024\n");

        var run = await CliRun.RunAsync("import", file.Path, "--dry-run", "--json");

        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal(0, json.RootElement.GetProperty("warnings").GetArrayLength());
        Assert.Equal(0, json.RootElement.GetProperty("repeatedHeaders").GetInt32());
    }

    [Fact]
    public async Task Two_joined_exports_import_both_people_and_count_the_repeated_header_in_json()
    {
        using var file = new TempFile(Joined);

        var run = await CliRun.RunAsync("import", file.Path, "--dry-run", "--json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        var root = json.RootElement;
        Assert.Equal(2, root.GetProperty("connections").GetInt32());
        Assert.Equal(1, root.GetProperty("repeatedHeaders").GetInt32());
        Assert.Equal(["Ada", "Grace"], root.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("firstName").GetString()));
    }

    [Fact]
    public async Task Two_joined_exports_show_the_repeated_header_count_in_the_dry_run_summary()
    {
        using var file = new TempFile(Joined);

        var run = await CliRun.RunAsync("import", file.Path, "--dry-run");

        Assert.Equal(0, run.ExitCode);
        var lines = run.Output.Split('\n');
        Assert.Equal("  2 connections, 0 duplicates dropped, 3 rows skipped (no name and no profile URL), 1 repeated header row skipped", lines[1]);
    }

    [Fact]
    public async Task A_cr_only_file_imports()
    {
        using var file = new TempFile((Notes + Header + "Ada,Lovelace,https://www.linkedin.com/in/ada,,Engines,Programmer,14 Feb 2024\n").Replace('\n', '\r'));

        var run = await CliRun.RunAsync("import", file.Path, "--dry-run", "--json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal(1, json.RootElement.GetProperty("connections").GetInt32());
    }
}
