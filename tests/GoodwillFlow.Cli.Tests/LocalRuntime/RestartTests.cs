using System.Diagnostics;
using GoodwillFlow.Cli.Local;
using GoodwillFlow.Local.Hosting;
using GoodwillFlow.Local.Uploads;
using GoodwillFlow.Testing.Exports;
using GoodwillFlow.Workflow.Storage;

namespace GoodwillFlow.Cli.Tests.LocalRuntime;

/// <summary>A machine that dies mid-campaign: <c>goodwill run</c> is killed outright, started again, and carries on.</summary>
[Collection(LocalRuntimeCollection.Name)]
public sealed class RestartTests : IDisposable
{
    private const int People = 8;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "goodwill-restart-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly List<Process> _processes = [];

    private string DataPath => Path.Combine(_folder, "data");

    private string Outbox => Path.Combine(DataPath, "outbox");

    [Fact]
    public async Task Killed_mid_campaign_resumes_on_restart_without_losing_or_repeating_a_prompt()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var first = StartRun();
        var runtime = await WaitForRuntimeAsync(timeout.Token);
        var export = ConnectionsExport.WriteFile(_folder, ConnectionsExport.People(People));
        await using (var storage = await LocalStorageSession.OpenAsync(DataPath, runtime.StorageConnectionString, null, timeout.Token))
        {
            await LocalUploads.UploadAsync(storage.Blobs, export, metadata: null, timeout.Token);
        }

        // Kill it while the campaign sleeps on a durable timer between prompts, where a campaign spends nearly all its life.
        await using (var storage = await LocalStorageSession.OpenAsync(DataPath, runtime.StorageConnectionString, null, timeout.Token))
        {
            await WaitUntilAsync(
                "the first prompts to be marked sent",
                async () => (await storage.Store.ListCampaignsAsync(timeout.Token)).SingleOrDefault() is { } c
                    && (await storage.Store.GetProgressAsync(c.CampaignId, timeout.Token)).Sent >= 3,
                timeout.Token);
        }

        await Task.Delay(TimeSpan.FromSeconds(1), timeout.Token);

        // The app process dies (a crash, a closed terminal); its Azurite is left behind and the next run takes it over.
        first.Kill(entireProcessTree: false);
        await first.WaitForExitAsync(timeout.Token);
        var sentBeforeKill = Prompts().Count;
        Assert.True(sentBeforeKill < People, "the campaign was still under way when the process died");

        StartRun();
        runtime = await WaitForRuntimeAsync(timeout.Token);
        await using var session = await LocalStorageSession.OpenAsync(DataPath, runtime.StorageConnectionString, null, timeout.Token);
        CampaignRecord? campaign = null;
        await WaitUntilAsync(
            "the campaign to complete after the restart",
            async () =>
            {
                campaign = (await session.Store.ListCampaignsAsync(timeout.Token)).SingleOrDefault();
                return campaign?.State == CampaignState.Completed;
            },
            timeout.Token);

        var subjects = Prompts().Select(p => OutboxMessage.TryRead(p)!.Subject).ToList();
        Assert.Equal(People, subjects.Count);
        Assert.Equal(People, subjects.Distinct().Count());
        var progress = await session.Store.GetProgressAsync(campaign!.CampaignId, timeout.Token);
        Assert.Equal(new CampaignProgress(People, People, 0), progress);
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

        try
        {
            foreach (var log in Directory.GetFiles(_folder, "run-*.log"))
            {
                Console.WriteLine(File.ReadAllText(log));
            }

            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private List<string> Prompts() =>
        Directory.Exists(Outbox) ? [.. Directory.GetFiles(Outbox, "*-prompt-*.eml")] : [];

    private Process StartRun()
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
            "--owner-email", "owner@example.com", "--interval", "00:00:03", "--grace", "00:00:01",
        })
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info)!;
        var log = Path.Combine(_folder, $"run-{_processes.Count}.log");
        process.OutputDataReceived += (_, e) => Append(log, e.Data);
        process.ErrorDataReceived += (_, e) => Append(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _processes.Add(process);
        return process;
    }

    private static void Append(string log, string? line)
    {
        if (line is not null)
        {
            lock (typeof(RestartTests))
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

    private async Task<LocalRuntimeInfo> WaitForRuntimeAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (await LocalRuntimeInfo.ReadLiveAsync(DataPath, cancellationToken) is { } info && _processes[^1].Id == info.ProcessId)
            {
                return info;
            }

            await Task.Delay(200, cancellationToken);
        }
    }

    private static Task WaitUntilAsync(string what, Func<bool> condition, CancellationToken cancellationToken) =>
        WaitUntilAsync(what, () => Task.FromResult(condition()), cancellationToken);

    private static async Task WaitUntilAsync(string what, Func<Task<bool>> condition, CancellationToken cancellationToken)
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
}
