using System.Diagnostics;
using System.Runtime.InteropServices;
using GoodwillFlow.Local.Hosting;
using GoodwillFlow.Local.Uploads;
using GoodwillFlow.Testing.Exports;

namespace GoodwillFlow.Cli.Tests.LocalRuntime;

/// <summary>
/// <c>goodwill run</c> as separate processes on one data folder, for tests that kill them outright: started, waited
/// for, killed, and on dispose stopped with their output printed.
/// </summary>
internal sealed class GoodwillRunProcesses : IDisposable
{
    private readonly List<Process> _processes = [];

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "goodwill-run-" + Guid.NewGuid().ToString("N")[..8]);

    public string DataPath => Path.Combine(Folder, "data");

    public string Outbox => Path.Combine(DataPath, "outbox");

    public Process Current => _processes[^1];

    /// <summary>Raised for every line a started process writes to its standard output, as it arrives.</summary>
    public event Action<Process, string>? OutputLine;

    public List<string> Prompts() =>
        Directory.Exists(Outbox) ? [.. Directory.GetFiles(Outbox, "*-prompt-*.eml")] : [];

    /// <summary>Starts <c>goodwill run</c> with the owner and the given extra arguments.</summary>
    public Process Start(params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "goodwill.dll"), "run", "--data", DataPath, "--port", "0",
            "--owner-email", "owner@example.com",
        }.Concat(arguments))
        {
            info.ArgumentList.Add(argument);
        }

        Directory.CreateDirectory(Folder);
        var process = Process.Start(info)!;
        var log = Path.Combine(Folder, $"run-{_processes.Count}.log");
        process.OutputDataReceived += (_, e) =>
        {
            Append(log, e.Data);
            if (e.Data is not null)
            {
                OutputLine?.Invoke(process, e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) => Append(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _processes.Add(process);
        return process;
    }

    /// <summary>Writes an export of <paramref name="people"/> people into the test folder and uploads it to the runtime's storage.</summary>
    public async Task UploadPeopleAsync(LocalRuntimeInfo runtime, int people, CancellationToken cancellationToken)
    {
        var export = ConnectionsExport.WriteFile(Folder, ConnectionsExport.People(people));
        await using var storage = await LocalStorageSession.OpenAsync(DataPath, runtime.StorageConnectionString, null, cancellationToken);
        await LocalUploads.UploadAsync(storage.Blobs, export, metadata: null, cancellationToken);
    }

    /// <summary>Runs another <c>goodwill</c> command on this data folder to its end; returns its exit code and output.</summary>
    public async Task<(int ExitCode, string Output)> RunCommandAsync(CancellationToken cancellationToken, params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "goodwill.dll"));
        foreach (var argument in arguments.Concat(["--data", DataPath]))
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, await output + await error);
    }

    /// <summary>Waits until the last started process has written its runtime file.</summary>
    public async Task<LocalRuntimeInfo> WaitForRuntimeAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (await LocalRuntimeInfo.ReadLiveAsync(DataPath, cancellationToken) is { } info && Current.Id == info.ProcessId)
            {
                return info;
            }

            if (Current.HasExited)
            {
                Assert.Fail($"goodwill run exited with {Current.ExitCode} before it was ready.");
            }

            await Task.Delay(200, cancellationToken);
        }
    }

    /// <summary>Kills the Azurite this data folder's runtime started (SIGKILL: no chance to save what it holds in memory).</summary>
    public async Task KillAzuriteAsync(CancellationToken cancellationToken)
    {
        var pid = int.Parse((await File.ReadAllTextAsync(Path.Combine(DataPath, "azurite", "azurite.pid"), cancellationToken)).Split(' ')[0]);
        using var azurite = Process.GetProcessById(pid);
        azurite.Kill();
        await azurite.WaitForExitAsync(cancellationToken);
    }

    /// <summary>
    /// Freezes (SIGSTOP) or thaws (SIGCONT) this data folder's Azurite: frozen, it answers nothing, so whatever the
    /// runtime was writing is held where it was until the runtime is killed.
    /// </summary>
    public void FreezeAzurite(bool frozen)
    {
        var pid = int.Parse(File.ReadAllText(Path.Combine(DataPath, "azurite", "azurite.pid")).Split(' ')[0]);
        Assert.Equal(0, Signal(pid, frozen ? 19 : 18));
    }

    /// <summary>
    /// Freezes Azurite and kills <paramref name="process"/> on its first output line that matches, so nothing the activity
    /// that wrote the line was still storing or completing can land.
    /// </summary>
    public Task FreezeAzuriteAndKillOnFirst(Process process, Func<string, bool> matches)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        OutputLine += (source, line) =>
        {
            if (source == process && !done.Task.IsCompleted && matches(line))
            {
                FreezeAzuriteAndKill(process, done);
            }
        };
        return done.Task;
    }

    /// <summary>
    /// Freezes Azurite as the outbox writes the first email of <paramref name="kind"/> (<c>shortlist</c>, <c>digest</c>:
    /// its .html copy comes first, then the .eml) and kills <paramref name="process"/> once the .eml is there: the email
    /// is sent, and its sent mark cannot be written.
    /// </summary>
    public Task FreezeAzuriteAndKillWhenWritten(Process process, string kind, out FileSystemWatcher watcher)
    {
        Directory.CreateDirectory(Outbox);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var frozen = 0;
        watcher = new FileSystemWatcher(Outbox, "*");
        void OnFile(string name)
        {
            if (!name.Contains($"-{kind}-", StringComparison.Ordinal) || name.StartsWith('.'))
            {
                return;
            }

            if (name.EndsWith(".html", StringComparison.Ordinal) && Interlocked.Exchange(ref frozen, 1) == 0)
            {
                FreezeAzurite(true);
            }
            else if (name.EndsWith(".eml", StringComparison.Ordinal))
            {
                FreezeAzuriteAndKill(process, done);
            }
        }

        watcher.Created += (_, e) => OnFile(e.Name ?? "");
        watcher.Renamed += (_, e) => OnFile(e.Name ?? "");
        watcher.EnableRaisingEvents = true;
        return done.Task;
    }

    /// <summary>Freezes Azurite, kills <paramref name="process"/> and completes <paramref name="done"/>, once.</summary>
    public void FreezeAzuriteAndKill(Process process, TaskCompletionSource done)
    {
        lock (done)
        {
            if (done.Task.IsCompleted)
            {
                return;
            }

            FreezeAzurite(true);
            process.Kill();
            done.TrySetResult();
        }
    }

    public static Task WaitUntilAsync(string what, Func<bool> condition, CancellationToken cancellationToken) =>
        WaitUntilAsync(what, () => Task.FromResult(condition()), cancellationToken);

    public static async Task WaitUntilAsync(string what, Func<Task<bool>> condition, CancellationToken cancellationToken)
    {
        while (!await condition())
        {
            if (cancellationToken.IsCancellationRequested)
            {
                Assert.Fail($"Timed out waiting for {what}.");
            }

            await Task.Delay(200, CancellationToken.None);
        }
    }

    public void Dispose()
    {
        foreach (var process in _processes)
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                    process.WaitForExit(10_000);
                }
            }
            catch (InvalidOperationException)
            {
            }

            process.Dispose();
        }

        // A run killed outright leaves its Azurite behind for the next run to take over; nothing takes it over now.
        try
        {
            var pidFile = Path.Combine(DataPath, "azurite", "azurite.pid");
            if (File.Exists(pidFile))
            {
                using var azurite = Process.GetProcessById(int.Parse(File.ReadAllText(pidFile).Split(' ')[0]));
                if ((File.ReadAllText($"/proc/{azurite.Id}/cmdline")).Contains(DataPath, StringComparison.Ordinal))
                {
                    azurite.Kill();
                }
            }
        }
        catch (Exception e) when (e is ArgumentException or IOException or InvalidOperationException or FormatException)
        {
        }

        try
        {
            foreach (var log in Directory.GetFiles(Folder, "run-*.log"))
            {
                Console.WriteLine(File.ReadAllText(log));
            }

            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Signal(int pid, int signal);

    private static void Append(string log, string? line)
    {
        if (line is not null)
        {
            lock (typeof(GoodwillRunProcesses))
            {
                try
                {
                    File.AppendAllText(log, line + Environment.NewLine);
                }
                catch (IOException)
                {
                    // The last lines of a killed process can arrive after the test folder is gone.
                }
            }
        }
    }
}
