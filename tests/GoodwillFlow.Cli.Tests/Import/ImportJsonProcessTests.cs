using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace GoodwillFlow.Cli.Tests.Import;

/// <summary>
/// <c>goodwill import --json</c> run as a real process writes its UTF-8 straight to stdout rather than through
/// <see cref="Console.Out"/>: what a script reads must be the same document the in-process command prints.
/// </summary>
public class ImportJsonProcessTests
{
    [Fact]
    public async Task Json_output_of_the_goodwill_process_is_the_same_single_document_as_in_process()
    {
        var inProcess = await CliRun.RunAsync("import", CliRun.SamplePath, "--dry-run", "--json");

        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "goodwill.dll"), "import", CliRun.SamplePath, "--dry-run", "--json" })
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);

        Assert.Equal(0, process.ExitCode);
        Assert.Equal(string.Empty, await error);
        Assert.Equal(inProcess.Output, await output);
        using var json = JsonDocument.Parse(await output);
        Assert.True(json.RootElement.GetProperty("connections").GetInt32() > 0);
        Assert.Equal(json.RootElement.GetProperty("connections").GetInt32(), json.RootElement.GetProperty("items").GetArrayLength());
    }
}
