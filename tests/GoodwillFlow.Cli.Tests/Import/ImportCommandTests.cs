using System.Text.Json;

namespace GoodwillFlow.Cli.Tests.Import;

public class ImportCommandTests
{
    private const string Export =
        CurrentExport.Start +
        "Olu,Adeyemi 🚀,https://www.linkedin.com/in/olu-adeyemi,,\"Lee, Park & Associates\",Founder & CEO,11 Apr 2023\n" +
        "Chris,\"\"\"CJ\"\" Johnson\",https://www.linkedin.com/in/cj-johnson,cj@example.com,Wingtip Toys,Sales Engineer,someday\n" +
        "Sofía,Hernández,https://www.linkedin.com/in/sof%C3%ADa-hern%C3%A1ndez,,Fabrikam,Product Designer,28-Nov-23\n" +
        "Chris,\"\"\"CJ\"\" Johnson\",https://www.linkedin.com/in/CJ-Johnson/,,Wingtip Toys,Sales Engineer,18 Feb 2021\n" +
        ",,,,,,\n";

    [Fact]
    public async Task Json_output_is_exactly_one_object_with_values_as_in_the_file()
    {
        using var file = new TempFile(Export);

        var run = await CliRun.RunAsync("import", file.Path, "--dry-run", "--json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(string.Empty, run.Error);
        using var json = JsonDocument.Parse(run.Output);
        var root = json.RootElement;
        Assert.Equal(
            ["connections", "duplicates", "skipped", "format", "items", "repeatedHeaders", "warnings"],
            root.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal(3, root.GetProperty("connections").GetInt32());
        Assert.Equal(1, root.GetProperty("duplicates").GetInt32());
        Assert.Equal(1, root.GetProperty("skipped").GetInt32());
        Assert.Equal("current", root.GetProperty("format").GetString());

        var items = root.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(3, items.Count);
        Assert.Equal("Adeyemi 🚀", items[0].GetProperty("lastName").GetString());
        Assert.Equal("Lee, Park & Associates", items[0].GetProperty("company").GetString());
        Assert.Equal(JsonValueKind.Null, items[0].GetProperty("emailAddress").ValueKind);
        Assert.Equal("2023-04-11", items[0].GetProperty("connectedOn").GetString());
        Assert.Equal("\"CJ\" Johnson", items[1].GetProperty("lastName").GetString());
        Assert.Equal("cj@example.com", items[1].GetProperty("emailAddress").GetString());
        Assert.Equal(JsonValueKind.Null, items[1].GetProperty("connectedOn").ValueKind);
        Assert.Equal("https://www.linkedin.com/in/sof%C3%ADa-hern%C3%A1ndez", items[2].GetProperty("url").GetString());
        Assert.Equal("Sofía", items[2].GetProperty("firstName").GetString());
        Assert.Equal("2023-11-28", items[2].GetProperty("connectedOn").GetString());
    }

    [Fact]
    public async Task Json_output_writes_emoji_accents_and_ampersands_unescaped()
    {
        using var file = new TempFile(Export);

        var run = await CliRun.RunAsync("import", file.Path, "--dry-run", "--json");

        Assert.Contains("\"lastName\":\"Adeyemi 🚀\"", run.Output, StringComparison.Ordinal);
        Assert.Contains("\"firstName\":\"Sofía\"", run.Output, StringComparison.Ordinal);
        Assert.Contains("\"position\":\"Founder & CEO\"", run.Output, StringComparison.Ordinal);
        Assert.Contains("\"lastName\":\"\\\"CJ\\\" Johnson\"", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", run.Output, StringComparison.Ordinal);
        Assert.Equal(1, run.Output.Count(c => c == '\n'));
    }

    [Fact]
    public async Task Summary_shows_format_counts_first_rows_and_warnings()
    {
        using var file = new TempFile(Export);

        var run = await CliRun.RunAsync("import", file.Path, "--dry-run");

        Assert.Equal(0, run.ExitCode);
        var lines = run.Output.Split('\n');
        Assert.Contains("[current]", lines[0], StringComparison.Ordinal);
        Assert.Equal("  3 connections, 1 duplicate dropped, 1 row skipped (no name and no profile URL)", lines[1]);
        Assert.Contains(lines, l => l.Contains("Olu Adeyemi 🚀", StringComparison.Ordinal) && l.Contains("2023-04-11", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("  - 1 row had a Connected On date that could not be read", StringComparison.Ordinal));
        Assert.Contains("Dry run: nothing was stored.", run.Output, StringComparison.Ordinal);

        // The sample is aligned: every row's Company column starts where the heading's does.
        var table = lines.SkipWhile(l => !l.Contains("Name", StringComparison.Ordinal)).Take(4).ToList();
        var companyColumn = table[0].IndexOf("Company", StringComparison.Ordinal);
        Assert.Equal(companyColumn, table[2].IndexOf("Wingtip Toys", StringComparison.Ordinal));
        Assert.Equal(companyColumn, table[3].IndexOf("Fabrikam", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Rejected_file_exits_2_with_a_one_line_reason_on_stderr()
    {
        using var file = new TempFile(
            "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,DATE,SUBJECT,CONTENT\n1,,Ada,,Grace,2024-01-01,,Hi\n",
            "messages.csv");

        var run = await CliRun.RunAsync("import", file.Path, "--dry-run", "--json");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(string.Empty, run.Output);
        Assert.Equal(
            "goodwill: messages.csv was not imported: This is LinkedIn's messages.csv export, not your connections; " +
            "upload Connections.csv from the same LinkedIn data download instead, or the whole download's ZIP as it is.",
            run.Error.TrimEnd('\n'));
    }

    [Fact]
    public async Task Picture_renamed_csv_exits_2_without_a_stack_trace()
    {
        using var file = new TempFile([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);

        var run = await CliRun.RunAsync("import", file.Path, "--dry-run");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("PNG picture", run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.TrimEnd('\n').Split('\n'));
        Assert.DoesNotContain(" at ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_file_exits_2_naming_the_path()
    {
        var path = Path.Combine(Path.GetTempPath(), $"goodwill-missing-{Guid.NewGuid():N}.csv");

        var run = await CliRun.RunAsync("import", path, "--dry-run");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"goodwill: {path} does not exist.", run.Error.TrimEnd('\n'));
    }

    [Theory]
    [InlineData("import")]
    [InlineData("import", "a.csv", "--frobnicate")]
    [InlineData("imprt", "a.csv")]
    public async Task Usage_errors_exit_1_with_usage_on_stderr(params string[] args)
    {
        var run = await CliRun.RunAsync(args);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(string.Empty, run.Output);
        Assert.Contains("Usage:", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_dry_run_says_campaigns_start_from_an_upload_and_keeps_stdout_pure_json()
    {
        using var file = new TempFile(Export);

        var run = await CliRun.RunAsync("import", file.Path, "--json");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("goodwill upload", run.Error, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal(3, json.RootElement.GetProperty("connections").GetInt32());
    }

    [Fact]
    public async Task Sample_export_imports_with_its_duplicates_and_hidden_rows_counted()
    {
        var run = await CliRun.RunAsync("import", CliRun.SamplePath, "--dry-run", "--json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        var root = json.RootElement;
        Assert.Equal("current", root.GetProperty("format").GetString());
        Assert.Equal(41, root.GetProperty("connections").GetInt32());
        Assert.Equal(3, root.GetProperty("duplicates").GetInt32());
        Assert.Equal(3, root.GetProperty("skipped").GetInt32());
        var lastNames = root.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("lastName").GetString()).ToList();
        Assert.Contains("Adeyemi 🚀", lastNames);
        Assert.Contains("\"CJ\" Johnson", lastNames);
        Assert.Contains("Nguyen, PhD", lastNames);
        Assert.Equal(2, lastNames.Count(n => n == "Patel"));
    }
}
