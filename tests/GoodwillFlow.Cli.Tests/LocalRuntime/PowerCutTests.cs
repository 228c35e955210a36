using GoodwillFlow.Cli.Local;
using GoodwillFlow.Testing.Exports;
using static GoodwillFlow.Cli.Tests.LocalRuntime.GoodwillRunProcesses;
using F = GoodwillFlow.Core.ReplyPage.ReplyPageRenderer.Fields;

namespace GoodwillFlow.Cli.Tests.LocalRuntime;

/// <summary>
/// A power cut: <c>goodwill run</c> and its Azurite are both killed (SIGKILL) right after a reply was acknowledged.
/// Azurite keeps table data in memory and saves it every few seconds, so only the runtime's own journal can keep it.
/// </summary>
[Collection(RuntimeKillCollection.Name)]
public sealed class PowerCutTests : IDisposable
{
    private readonly GoodwillRunProcesses _runs = new();

    [Fact]
    public async Task A_reply_acknowledged_just_before_a_power_cut_is_there_after_restart()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        string[] arguments = ["--interval", "01:00:00"];
        var (first, runtime) = await _runs.StartReadyAsync(arguments, timeout.Token);
        await _runs.UploadPeopleAsync(runtime, 2, timeout.Token);

        await WaitUntilAsync("the first prompt", () => _runs.Prompts().Count == 1, timeout.Token);
        var page = OutboxMessage.TryRead(_runs.Prompts()[0])!.ReplyPageUrl!;

        // Let Azurite save everything written so far, so only the reply is at risk.
        await Task.Delay(TimeSpan.FromSeconds(6), timeout.Token);
        using (var http = new HttpClient())
        {
            using var form = new FormUrlEncodedContent([new(F.Relationship, "peer"), new(F.HowWeKnow, "Written just before the power cut.")]);
            using var saved = await http.PostAsync(page, form, timeout.Token);
            Assert.Equal(System.Net.HttpStatusCode.OK, saved.StatusCode);
        }

        await Task.Delay(TimeSpan.FromSeconds(1), timeout.Token);
        first.Kill();
        await _runs.KillAzuriteAsync(timeout.Token);
        await first.WaitForExitAsync(timeout.Token);

        (_, runtime) = await _runs.StartReadyAsync(arguments, timeout.Token);
        await using var session = await _runs.OpenStorageAsync(runtime, timeout.Token);
        var campaign = Assert.Single(await session.Store.ListCampaignsAsync(timeout.Token));
        var replies = await session.Store.GetRepliesAsync(campaign.CampaignId, timeout.Token);
        var reply = Assert.Single(replies);
        Assert.Equal("Written just before the power cut.", reply.Answers.HowWeKnow);
    }

    [Fact]
    public async Task An_upload_acknowledged_just_before_a_power_cut_is_imported_after_restart()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        string[] arguments = ["--interval", "01:00:00"];
        var (first, _) = await _runs.StartReadyAsync(arguments, timeout.Token);

        // Let Azurite save everything written so far, so only the upload is at risk.
        await Task.Delay(TimeSpan.FromSeconds(6), timeout.Token);
        var export = ConnectionsExport.WriteFile(_runs.Folder, ConnectionsExport.People(3));
        var (exitCode, output) = await _runs.RunCommandAsync(timeout.Token, "upload", export);
        Assert.True(exitCode == 0, output);
        Assert.Contains("Uploaded", output, StringComparison.Ordinal);

        await Task.Delay(TimeSpan.FromSeconds(1), timeout.Token);
        first.Kill();
        await _runs.KillAzuriteAsync(timeout.Token);
        await first.WaitForExitAsync(timeout.Token);

        var (_, runtime) = await _runs.StartReadyAsync(arguments, timeout.Token);
        await using var session = await _runs.OpenStorageAsync(runtime, timeout.Token);
        await WaitUntilAsync(
            "the upload to be imported after the restart",
            async () => (await session.Store.ListCampaignsAsync(timeout.Token)).SingleOrDefault() is { } c
                && (await session.Store.GetProgressAsync(c.CampaignId, timeout.Token)) is { Total: 3, Importing: false },
            timeout.Token);
        var campaign = Assert.Single(await session.Store.ListCampaignsAsync(timeout.Token));
        Assert.Equal(3, (await session.Store.GetConnectionsAsync(campaign.CampaignId, timeout.Token)).Count);
    }

    public void Dispose() => _runs.Dispose();
}
