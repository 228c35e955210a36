using System.Diagnostics;
using System.Runtime.InteropServices;
using GoodwillFlow.Cli.Local;
using GoodwillFlow.Local.Hosting;
using GoodwillFlow.Local.Uploads;
using GoodwillFlow.Testing.Exports;
using GoodwillFlow.Workflow.Storage;

namespace GoodwillFlow.Cli.Tests.LocalRuntime;

/// <summary>
/// <c>goodwill run</c> as separate processes on one data folder, for tests that kill them outright: started, waited
/// for, killed, and on dispose stopped with their output printed.
/// </summary>
internal sealed class GoodwillRunProcesses : IDisposable
{
    private const int SigStop = 19;
    private const int SigCont = 18;

    private readonly List<Process> _processes = [];
    private readonly List<FileSystemWatcher> _watchers = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _signals = new();
    private bool _frozen;

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "goodwill-run-" + Guid.NewGuid().ToString("N")[..8]);

    public string DataPath => Path.Combine(Folder, "data");

    public string Outbox => Path.Combine(DataPath, "outbox");

    public Process Current => _processes[^1];

    /// <summary>Raised for every line a started process writes to its standard output, as it arrives.</summary>
    public event Action<Process, string>? OutputLine;

    public List<string> Prompts() =>
        Directory.Exists(Outbox) ? [.. Directory.GetFiles(Outbox, "*-prompt-*.eml")] : [];

    /// <summary>
    /// Starts <c>goodwill run</c> with the owner and the given extra arguments, at a lower CPU priority (nice 10, which
    /// the Azurite it starts inherits) than this test process: a kill is aimed from here the moment an activity shows
    /// itself, and on a loaded machine the runtime must not finish the activity's next write before this process has
    /// read the line and frozen Azurite. When the machine is idle the priority changes nothing.
    /// </summary>
    public Process Start(params string[] arguments)
    {
        var info = new ProcessStartInfo("nice")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "-n", "10", "dotnet", Path.Combine(AppContext.BaseDirectory, "goodwill.dll"), "run", "--data", DataPath, "--port", "0",
            "--owner-email", "owner@example.com",
        }.Concat(arguments))
        {
            info.ArgumentList.Add(argument);
        }

        // A work item a killed run had taken comes back to the next run after this, instead of the minute a user's run
        // waits; still far longer than any activity here takes, so a live one is never started twice.
        info.Environment["LocalEngine__WorkItemVisibilityTimeout"] = "00:00:30";
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

    /// <summary>Starts <c>goodwill run</c> and waits until it has written its runtime file.</summary>
    public async Task<(Process Process, LocalRuntimeInfo Runtime)> StartReadyAsync(string[] arguments, CancellationToken cancellationToken)
    {
        var process = Start(arguments);
        return (process, await WaitForRuntimeAsync(cancellationToken));
    }

    /// <summary>Opens the runtime's storage from outside the process, as the CLI's other commands do.</summary>
    public Task<LocalStorageSession> OpenStorageAsync(LocalRuntimeInfo runtime, CancellationToken cancellationToken) =>
        LocalStorageSession.OpenAsync(DataPath, runtime.StorageConnectionString, null, cancellationToken);

    /// <summary>
    /// Starts <c>goodwill run</c> again on this data folder and waits until the campaign has completed; returns the open
    /// storage (the caller disposes it).
    /// </summary>
    public async Task<LocalStorageSession> RestartUntilCompletedAsync(string[] arguments, string campaignId, CancellationToken cancellationToken)
    {
        var (_, runtime) = await StartReadyAsync(arguments, cancellationToken);
        var session = await OpenStorageAsync(runtime, cancellationToken);
        await WaitUntilAsync(
            "the campaign to complete after the restart",
            async () => (await session.Store.FindCampaignAsync(campaignId, cancellationToken))?.State == CampaignState.Completed,
            cancellationToken);
        return session;
    }

    /// <summary>Asserts that there is one campaign, the outbox holds one prompt for each of <paramref name="people"/> people, and the campaign marked each sent once.</summary>
    public async Task AssertEveryPromptSentOnceAsync(LocalStorageSession session, string campaignId, int people, CancellationToken cancellationToken)
    {
        Assert.Single(await session.Store.ListCampaignsAsync(cancellationToken));
        var subjects = Prompts().Select(p => OutboxMessage.TryRead(p)!.Subject).ToList();
        Assert.Equal(people, subjects.Count);
        Assert.Equal(people, subjects.Distinct().Count());
        Assert.Equal(new CampaignProgress(people, people, 0), await session.Store.GetProgressAsync(campaignId, cancellationToken));
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
        using var azurite = Process.GetProcessById(AzuritePid());
        azurite.Kill();
        await azurite.WaitForExitAsync(cancellationToken);
    }

    /// <summary>
    /// Freezes (SIGSTOP) or thaws (SIGCONT) this data folder's Azurite: frozen, it answers nothing, so whatever the
    /// runtime was writing is held where it was until the runtime is killed.
    /// </summary>
    public void FreezeAzurite(bool frozen)
    {
        lock (_signals)
        {
            _frozen = frozen;
            Assert.Equal(0, Signal(AzuritePid(), frozen ? SigStop : SigCont));
        }
    }

    /// <summary>
    /// Slows this data folder's Azurite right down until <paramref name="killed"/> completes: it is stopped (SIGSTOP) for
    /// 95 ms of every 100, so each storage call the runtime makes waits tens of milliseconds, however fast the machine.
    /// The runtime does what it always does, only slower; a kill aimed from this process as an activity shows itself
    /// then lands before the activity's next write, even when this process waits up to about 90 ms for a loaded
    /// machine's CPU (45 of every 50 was not always enough while other test assemblies ran: a shortlist's sent mark
    /// landed before the kill). A freeze (<see cref="FreezeAzurite"/>) ends it and holds Azurite frozen.
    /// </summary>
    public async Task SlowAzuriteUntilAsync(Task killed)
    {
        var pid = AzuritePid();
        while (!killed.IsCompleted)
        {
            foreach (var (signal, pause) in new[] { (SigStop, 95), (SigCont, 5) })
            {
                lock (_signals)
                {
                    if (_frozen || _stopping.IsCancellationRequested)
                    {
                        return;
                    }

                    Signal(pid, signal);
                }

                await Task.WhenAny(killed, Task.Delay(pause, CancellationToken.None));
            }
        }
    }

    /// <summary>
    /// Freezes Azurite and kills <paramref name="process"/> on its first output line that matches, so nothing the activity
    /// that wrote the line was still storing or completing can land. Azurite is slowed down meanwhile
    /// (<see cref="SlowAzuriteUntilAsync"/>): the line reaches this process through the runtime's logger and a pipe, and
    /// the activity's first storage calls come right after it.
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
        _ = SlowAzuriteUntilAsync(done.Task);
        return done.Task;
    }

    /// <summary>
    /// Freezes Azurite as the outbox writes the <paramref name="nth"/> email of <paramref name="kind"/> (<c>prompt</c>,
    /// <c>shortlist</c>, <c>digest</c>: its .html copy comes first, then the .eml) and kills <paramref name="process"/> once
    /// that .eml is there: the email is sent, and its sent mark cannot land between the email and the kill however
    /// loaded the machine is. Azurite stays frozen until <see cref="WaitForKillAsync"/> thaws it.
    /// </summary>
    public Task FreezeAzuriteAndKillWhenWritten(Process process, string kind, int nth = 1)
    {
        Directory.CreateDirectory(Outbox);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var copies = 0;
        var written = 0;
        var watcher = new FileSystemWatcher(Outbox, "*");
        _watchers.Add(watcher);
        void OnFile(string name)
        {
            if (!name.Contains($"-{kind}-", StringComparison.Ordinal) || name.StartsWith('.'))
            {
                return;
            }

            if (name.EndsWith(".html", StringComparison.Ordinal) && Interlocked.Increment(ref copies) == nth)
            {
                FreezeAzurite(true);
            }
            else if (name.EndsWith(".eml", StringComparison.Ordinal) && Interlocked.Increment(ref written) == nth)
            {
                FreezeAzuriteAndKill(process, done);
            }
        }

        watcher.Created += (_, e) => OnFile(e.Name ?? "");
        watcher.Renamed += (_, e) => OnFile(e.Name ?? "");
        watcher.EnableRaisingEvents = true;
        return done.Task;
    }

    /// <summary>Waits for a kill set up above and for the process to be gone, then stops watching and thaws Azurite.</summary>
    public async Task WaitForKillAsync(Task killed, Process process, CancellationToken cancellationToken)
    {
        await killed.WaitAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        StopWatching();
        FreezeAzurite(false);
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
        _stopping.Cancel();
        StopWatching();
        try
        {
            // A test that failed between a freeze and its kill leaves Azurite frozen; thawed, it can be stopped below.
            FreezeAzurite(false);
        }
        catch (Exception e) when (e is IOException or FormatException or ArgumentException or Xunit.Sdk.XunitException)
        {
        }

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

        _stopping.Dispose();

        // A run killed outright leaves its Azurite behind for the next run to take over; nothing takes it over now.
        try
        {
            if (File.Exists(AzuritePidFile))
            {
                using var azurite = Process.GetProcessById(AzuritePid());
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

    private void StopWatching()
    {
        foreach (var watcher in _watchers)
        {
            watcher.EnableRaisingEvents = false;
            watcher.Dispose();
        }

        _watchers.Clear();
    }

    private string AzuritePidFile => Path.Combine(DataPath, "azurite", "azurite.pid");

    private int AzuritePid() => int.Parse(File.ReadAllText(AzuritePidFile).Split(' ')[0]);

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
