using System.Diagnostics;

namespace GoodwillFlow.Infra.Tests.Infrastructure;

/// <summary>What a hook did: its exit code, its output, and every command it ran through the stubbed CLIs.</summary>
public sealed record HookRun(int ExitCode, string StandardOutput, string StandardError, IReadOnlyList<IReadOnlyList<string>> Calls);

/// <summary>
/// Runs a shell hook from infra/hooks with stub <c>az</c> and <c>azd</c> first on PATH. The stubs record their
/// arguments and answer from environment variables, so the hook's real logic runs without Azure.
/// </summary>
public sealed class HookRunner : IDisposable
{
    private const string StubScript = """
        #!/usr/bin/env bash
        { printf '%s\n' "$@"; printf '%s\n' '--end--'; } >> "$STUB_LOG"
        case "$(basename "$0") $1 $2" in
          "az account show") [ -n "${STUB_ACCOUNT_TYPE:-}" ] && printf '%s\n' "$STUB_ACCOUNT_TYPE"; exit "${STUB_ACCOUNT_EXIT:-0}" ;;
          "az rest --method") if [ -n "${STUB_UNRESOLVED_ALWAYS:-}" ] || [ ! -e "$STUB_LOG.rest" ]; then touch "$STUB_LOG.rest"; printf '%s\n' "${STUB_UNRESOLVED:-}"; fi ;;
          "az functionapp show") printf '%s\n' "$STUB_HOST" ;;
          "az functionapp keys") printf '%s\n' "${STUB_KEY:-}" ;;
          "az eventgrid system-topic") exit "${STUB_EVENTGRID_EXIT:-0}" ;;
        esac
        exit 0
        """;

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly string _folder = Directory.CreateTempSubdirectory("goodwill-hooks-").FullName;

    public HookRunner()
    {
        foreach (var name in new[] { "az", "azd" })
        {
            var path = Path.Combine(_folder, name);
            File.WriteAllText(path, StubScript.Replace("\r\n", "\n", StringComparison.Ordinal) + "\n");
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }
    }

    public async Task<HookRun> RunAsync(string script, IReadOnlyDictionary<string, string> environment)
    {
        var log = Path.Combine(_folder, $"calls-{Guid.NewGuid():N}.log");
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryPaths.Root,
        };
        start.ArgumentList.Add(Path.Combine(RepositoryPaths.Infra, "hooks", script));

        // Only what the hook needs: no inherited AZURE_* values from the machine running the tests.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("AZURE_", StringComparison.Ordinal) || k is "REPLY_SIGNING_KEY" or "INBOUND_SECRET").ToList())
        {
            start.Environment.Remove(key);
        }

        start.Environment["PATH"] = $"{_folder}{Path.PathSeparator}{Environment.GetEnvironmentVariable("PATH")}";
        start.Environment["STUB_LOG"] = log;
        start.Environment["POSTDEPLOY_RETRY_SECONDS"] = "0";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start bash.");
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
            throw new TimeoutException($"{script} did not finish within {Timeout}.");
        }

        return new HookRun(process.ExitCode, await stdout, await stderr, ReadCalls(log));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static List<IReadOnlyList<string>> ReadCalls(string log)
    {
        var calls = new List<IReadOnlyList<string>>();
        if (!File.Exists(log))
        {
            return calls;
        }

        var current = new List<string>();
        foreach (var line in File.ReadAllLines(log))
        {
            if (line == "--end--")
            {
                calls.Add(current);
                current = [];
            }
            else
            {
                current.Add(line);
            }
        }

        return calls;
    }
}
