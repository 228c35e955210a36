using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Text.Json;

namespace GoodwillFlow.Cli.Tests.Tool;

/// <summary>
/// <c>goodwill</c> as a user gets it: packed from the repository, installed with <c>dotnet tool install</c>, and run
/// from a folder that is not the repository.
/// </summary>
public sealed class InstalledToolTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("goodwill-tool-");

    [Fact]
    public async Task Installed_tool_prints_its_version_previews_an_export_and_runs_the_demo_from_any_folder()
    {
        var version = typeof(GoodwillCli).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        var configuration = typeof(InstalledToolTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        var repository = Path.GetDirectoryName(Path.GetDirectoryName(CliRun.SamplePath))!;
        var packages = Path.Combine(_root.FullName, "packages");
        var tools = Path.Combine(_root.FullName, "tools");
        var elsewhere = Directory.CreateDirectory(Path.Combine(_root.FullName, "somewhere else")).FullName;

        // The test run has just built the CLI in this configuration; pack that build as `dotnet pack` would.
        var pack = await RunAsync(
            "dotnet", repository, "pack", Path.Combine(repository, "src", "GoodwillFlow.Cli", "GoodwillFlow.Cli.csproj"),
            "-c", configuration, "--no-build", "-o", packages);
        Assert.True(pack.ExitCode == 0, pack.Output + pack.Error);
        Assert.True(File.Exists(Path.Combine(packages, $"GoodwillFlow.{version}.nupkg")), pack.Output);

        var install = await RunAsync(
            "dotnet", elsewhere, "tool", "install", "--tool-path", tools, "--add-source", packages, "GoodwillFlow", "--version", version);
        Assert.True(install.ExitCode == 0, install.Output + install.Error);
        var goodwill = Path.Combine(tools, OperatingSystem.IsWindows() ? "goodwill.exe" : "goodwill");

        var printed = await RunAsync(goodwill, elsewhere, "--version");
        Assert.Equal(0, printed.ExitCode);
        Assert.Equal(version, printed.Output.Trim());

        var sample = Path.Combine(elsewhere, "Connections.csv");
        File.Copy(CliRun.SamplePath, sample);
        var preview = await RunAsync(goodwill, elsewhere, "import", "Connections.csv", "--dry-run", "--json");
        Assert.True(preview.ExitCode == 0, preview.Error);
        using (var json = JsonDocument.Parse(preview.Output))
        {
            Assert.Equal(41, json.RootElement.GetProperty("connections").GetInt32());
        }

        // The demo finds its bundled sample inside the tool and Azurite in the per-user cache, not in a clone.
        var demo = await RunAsync(goodwill, elsewhere, "demo", "--out", "demo");
        Assert.True(demo.ExitCode == 0, demo.Output + demo.Error);
        Assert.Contains("The replies were simulated", demo.Output, StringComparison.Ordinal);
        foreach (var extension in new[] { "html", "csv", "json" })
        {
            Assert.True(File.Exists(Path.Combine(elsewhere, "demo", $"shortlist.{extension}")), $"shortlist.{extension} is missing:\n{demo.Output}");
        }

        Assert.NotEmpty(Directory.GetFiles(Path.Combine(elsewhere, "demo", "outbox"), "*.eml"));
    }

    public void Dispose()
    {
        try
        {
            _root.Delete(recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the temp folder is cleaned by the system otherwise.
        }
    }

    private async Task<(int ExitCode, string Output, string Error)> RunAsync(string fileName, string workingDirectory, params string[] arguments)
    {
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        // A private package cache: an earlier package with the same version must not stand in for the one just packed.
        info.Environment["NUGET_PACKAGES"] = Path.Combine(_root.FullName, "nuget-packages");
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await output, await error);
    }
}
