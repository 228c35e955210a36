using System.Diagnostics;

namespace GoodwillFlow.Infra.Tests.Infrastructure;

/// <summary>The result of one Bicep CLI run.</summary>
public sealed record BicepRun(int ExitCode, string StandardOutput, string StandardError)
{
    public string Diagnostics => $"{StandardOutput}{StandardError}".Trim();
}

/// <summary>Runs the Bicep CLI that restore downloaded from NuGet.</summary>
public static class BicepCli
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public static async Task<BicepRun> RunAsync(params string[] arguments)
    {
        var path = RepositoryPaths.BicepCli;
        if (!File.Exists(path))
        {
            throw new InvalidOperationException(
                $"The Bicep CLI is not at {path}. Run `dotnet restore tests/GoodwillFlow.Infra.Tests` (it downloads Azure.Bicep.CommandLine.linux-x64).");
        }

        EnsureExecutable(path);

        var start = new ProcessStartInfo(path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryPaths.Root,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Keep the CLI offline and quiet: no telemetry, no registry lookups.
        start.Environment["BICEP_TELEMETRY_ENABLED"] = "false";

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {path}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', arguments)} did not finish within {Timeout}.");
        }

        return new BicepRun(process.ExitCode, await stdout, await stderr);
    }

    private static void EnsureExecutable(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        // NuGet extracts files with the mode the package recorded; add execute bits in case it recorded none.
        var mode = File.GetUnixFileMode(path);
        const UnixFileMode execute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        if ((mode & UnixFileMode.UserExecute) == 0)
        {
            File.SetUnixFileMode(path, mode | execute);
        }
    }
}
