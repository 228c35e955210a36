using System.Diagnostics;
using GoodwillFlow.Local.Hosting;
using GoodwillFlow.Workflow.Storage;
using static GoodwillFlow.Cli.Tests.LocalRuntime.GoodwillRunProcesses;

namespace GoodwillFlow.Cli.Tests.LocalRuntime;

/// <summary>
/// Storage goes away under a running campaign: the Azurite of a running <c>goodwill run</c> is stopped (SIGINT) for
/// 30 seconds and started again on the same ports and folder; the runtime rides it out and the campaign completes.
/// </summary>
[Collection(RuntimeKillCollection.Name)]
public sealed class AzuriteOutageTests : IDisposable
{
    private const int People = 6;
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(30);
    private readonly GoodwillRunProcesses _runs = new();
    private Process? _restarted;

    [Fact]
    public async Task Azurite_stopped_for_30_seconds_mid_campaign_the_campaign_resumes_and_completes_without_losing_or_repeating_a_prompt()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        string[] arguments = ["--interval", "00:00:02", "--grace", "00:00:01"];
        var (run, runtime) = await _runs.StartReadyAsync(arguments, timeout.Token);
        await _runs.UploadPeopleAsync(runtime, People, timeout.Token);

        await WaitUntilAsync("the first prompts", () => _runs.Prompts().Count >= 2, timeout.Token);

        // Stop Azurite as a crash or an update would, remembering exactly how it was started.
        var pidFile = Path.Combine(_runs.DataPath, "azurite", "azurite.pid");
        var pidLine = await File.ReadAllTextAsync(pidFile, timeout.Token);
        var pid = int.Parse(pidLine.Split(' ')[0]);
        var command = (await File.ReadAllTextAsync($"/proc/{pid}/cmdline", timeout.Token)).Split('\0', StringSplitOptions.RemoveEmptyEntries);
        using (var azurite = Process.GetProcessById(pid))
        {
            using var interrupt = Process.Start("kill", ["-INT", $"{pid}"]);
            await interrupt.WaitForExitAsync(timeout.Token);
            await azurite.WaitForExitAsync(timeout.Token);
        }

        var sentBeforeOutage = _runs.Prompts().Count;
        Assert.True(sentBeforeOutage < People, "the campaign was still under way when storage went away");
        await Task.Delay(Outage, timeout.Token);
        Assert.False(run.HasExited, "goodwill run exited while storage was away");

        var start = new ProcessStartInfo(command[0]) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in command.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        _restarted = Process.Start(start)!;
        _restarted.OutputDataReceived += (_, _) => { };
        _restarted.ErrorDataReceived += (_, _) => { };
        _restarted.BeginOutputReadLine();
        _restarted.BeginErrorReadLine();
        await File.WriteAllTextAsync(pidFile, $"{_restarted.Id} {string.Join(' ', pidLine.Split(' ').Skip(1))}", timeout.Token);

        await using var session = await OpenWhenStorageAnswersAsync(runtime, timeout.Token);
        CampaignRecord? campaign = null;
        await WaitUntilAsync(
            "the campaign to complete after storage came back",
            async () =>
            {
                try
                {
                    campaign = (await session.Store.ListCampaignsAsync(timeout.Token)).SingleOrDefault();
                }
                catch (Azure.RequestFailedException)
                {
                    return false; // Azurite still starting
                }

                return campaign?.State == CampaignState.Completed;
            },
            timeout.Token);

        Assert.False(run.HasExited, "goodwill run exited");
        await _runs.AssertEveryPromptSentOnceAsync(session, campaign!.CampaignId, People, timeout.Token);
    }

    private async Task<LocalStorageSession> OpenWhenStorageAnswersAsync(LocalRuntimeInfo runtime, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return await _runs.OpenStorageAsync(runtime, cancellationToken);
            }
            catch (AggregateException) when (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(500, cancellationToken); // Azurite still starting
            }
            catch (Azure.RequestFailedException) when (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(500, cancellationToken);
            }
        }
    }

    public void Dispose()
    {
        _runs.Dispose();
        if (_restarted is { HasExited: false })
        {
            _restarted.Kill();
            _restarted.WaitForExit(10_000);
        }

        _restarted?.Dispose();
    }
}
