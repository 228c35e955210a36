using System.Text.Json;
using GoodwillFlow.Testing.Exports;
using GoodwillFlow.Testing.Hosting;
using GoodwillFlow.Workflow.Storage;

namespace GoodwillFlow.Cli.Tests.Account;

/// <summary>
/// Following a campaign from outside the app that runs it, as the owner does with <c>--account</c> in Azure: the same
/// storage code over a connection string to Azurite, while a local runtime stands in for the Functions app.
/// </summary>
public sealed class AccountCommandsTests
{
    [Fact]
    public async Task Status_pause_resume_stop_and_shortlist_reach_a_campaign_through_its_storage_alone()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));

        // Slow enough that the drip cannot finish on its own while the commands run (a busy machine takes minutes):
        // a campaign that completed first would never become Stopped.
        await using var host = await LocalRuntimeTestHost.StartAsync(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(1), timeout.Token);
        var runtime = host.Runtime;
        var dataPath = Path.Combine(host.Folder, "data");
        await host.UploadAsync(ConnectionsExport.People(40), timeout.Token);
        var store = host.Store;
        var campaignId = await host.WaitForCampaignAsync(timeout.Token);
        var storage = runtime.StorageConnectionString;

        var status = await CliRun.RunAsync("status", "--connection-string", storage);
        Assert.True(status.ExitCode == 0, status.Error);
        Assert.Contains(campaignId, status.Output, StringComparison.Ordinal);
        Assert.Contains("/40 prompts sent", status.Output, StringComparison.Ordinal);

        var pause = await CliRun.RunAsync("pause", "--connection-string", storage);
        Assert.True(pause.ExitCode == 0, pause.Error);
        Assert.Contains($"Asked campaign {campaignId} to pause", pause.Output, StringComparison.Ordinal);
        await StateBecomesAsync(store, campaignId, CampaignState.Paused, timeout.Token);
        var paused = await CliRun.RunAsync("status", "--connection-string", storage);
        Assert.Contains("Paused (Paused by the owner)", paused.Output, StringComparison.Ordinal);

        // The local runtime's own API takes the same events.
        var resume = await CliRun.RunAsync("resume", "--data", dataPath, "--campaign", campaignId);
        Assert.True(resume.ExitCode == 0, resume.Error);
        await StateBecomesAsync(store, campaignId, CampaignState.Running, timeout.Token);

        var stop = await CliRun.RunAsync("stop", "--connection-string", storage, "--campaign", campaignId);
        Assert.True(stop.ExitCode == 0, stop.Error);
        await StateBecomesAsync(store, campaignId, CampaignState.Stopped, timeout.Token);
        await LocalRuntimeTestHost.EventuallyAsync(() => runtime.Client.GetInstanceAsync(campaignId, timeout.Token), i => i is { IsCompleted: true }, timeout.Token);

        var again = await CliRun.RunAsync("pause", "--connection-string", storage);
        Assert.Equal(ExitCodes.Rejected, again.ExitCode);
        Assert.Contains("is not running (its orchestration is Completed)", again.Error, StringComparison.Ordinal);

        var shortlist = await CliRun.RunAsync("shortlist", "--connection-string", storage, "--format", "json");
        Assert.True(shortlist.ExitCode == 0, shortlist.Error);
        using (JsonDocument.Parse(shortlist.Output))
        {
            // One JSON document: the same renderer the app stores in its shortlists container.
        }

        var unknown = await CliRun.RunAsync("stop", "--connection-string", storage, "--campaign", "0123456789abcdef0123456789abcdef");
        Assert.Equal(ExitCodes.Rejected, unknown.ExitCode);
        Assert.Contains("there is no campaign 0123456789abcdef0123456789abcdef", unknown.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Local_pause_without_a_running_workflow_says_to_start_it()
    {
        var run = await CliRun.RunAsync("pause", "--data", Path.Combine(Path.GetTempPath(), "goodwill-nothing-here-" + Guid.NewGuid().ToString("N")[..8]));

        Assert.Equal(ExitCodes.Rejected, run.ExitCode);
        Assert.Contains("GoodwillFlow is not running", run.Error, StringComparison.Ordinal);
        Assert.Contains("goodwill run", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Account_and_connection_string_together_are_refused()
    {
        var run = await CliRun.RunAsync("status", "--account", "goodwillstore", "--connection-string", "UseDevelopmentStorage=true");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("Give --account or --connection-string, not both.", run.Error, StringComparison.Ordinal);
    }

    private static async Task StateBecomesAsync(ICampaignStore store, string campaignId, CampaignState state, CancellationToken cancellationToken) =>
        await LocalRuntimeTestHost.EventuallyAsync(() => store.FindCampaignAsync(campaignId, cancellationToken), c => c?.State == state, cancellationToken);
}
