using Azure.Storage.Queues;
using GoodwillFlow.Local.Engine;
using GoodwillFlow.Workflow.Storage;
using static GoodwillFlow.Cli.Tests.LocalRuntime.GoodwillRunProcesses;

namespace GoodwillFlow.Cli.Tests.LocalRuntime;

/// <summary>
/// <c>goodwill run</c> killed (SIGKILL) inside LoadCampaignGeneration and then inside CompileShortlist. To hold each
/// kill inside its activity, the test freezes the runtime's Azurite (SIGSTOP) the moment the activity shows itself
/// (its log line as a schedule page loads; the shortlist's email in the outbox), kills the runtime, and thaws Azurite:
/// nothing the activity was still writing or completing can land. No hook in the product.
/// </summary>
[Collection(RuntimeKillCollection.Name)]
public sealed class GenerationAndShortlistKillTests : IDisposable
{
    private const int People = 3;
    private readonly GoodwillRunProcesses _runs = new();

    [Fact]
    public async Task Killed_while_a_page_loads_and_again_while_the_shortlist_is_sent_the_owner_gets_every_prompt_and_one_shortlist()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(6));
        string[] arguments = ["--interval", "00:00:01", "--grace", "00:00:01"];

        // 1. Killed inside LoadCampaignGeneration, before the first prompt.
        var (first, runtime) = await _runs.StartReadyAsync(arguments, timeout.Token);
        var pageLoading = _runs.FreezeAzuriteAndKillOnFirst(first, line => line.Contains("loading the schedule page from prompt 0", StringComparison.Ordinal));
        await _runs.UploadPeopleAsync(runtime, People, timeout.Token);

        await _runs.WaitForKillAsync(pageLoading, first, timeout.Token);

        // Where it landed: the activity's work item was taken and never completed (it waits in the queue for the retry).
        var workItems = new QueueClient(runtime.StorageConnectionString, $"{LocalDurableEngine.TaskHubName.ToLowerInvariant()}-workitems");
        var pending = (await workItems.GetPropertiesAsync(timeout.Token)).Value.ApproximateMessagesCount;
        Console.WriteLine($"Killed while a page loaded: {pending} activity work item(s) left, {_runs.Prompts().Count} prompts written.");
        Assert.Equal(1, pending);
        Assert.Empty(_runs.Prompts());

        // 2. Restarted: the page loads again and the prompts go out; killed inside CompileShortlist after its email.
        (var second, runtime) = await _runs.StartReadyAsync(arguments, timeout.Token);
        var shortlistSent = _runs.FreezeAzuriteAndKillWhenWritten(second, "shortlist");

        // The email's .html copy freezes Azurite; only the .eml and the sent mark come after it, so storage is slowed
        // from the last prompt on, for the freeze to beat the mark on a loaded machine.
        await WaitUntilAsync("every prompt", () => _runs.Prompts().Count == People || shortlistSent.IsCompleted, timeout.Token);
        _ = _runs.SlowAzuriteUntilAsync(shortlistSent);
        await _runs.WaitForKillAsync(shortlistSent, second, timeout.Token);

        string campaignId;
        await using (var storage = await _runs.OpenStorageAsync(runtime, timeout.Token))
        {
            var campaign = (await storage.Store.ListCampaignsAsync(timeout.Token)).Single();
            campaignId = campaign.CampaignId;
            var mark = await storage.Store.GetShortlistSendStateAsync(campaignId, timeout.Token);
            Console.WriteLine($"Killed as the shortlist was written: mark {mark}, campaign {campaign.State}, {ShortlistEmails().Count} shortlist email(s).");
            Assert.Equal(PromptSendState.Claimed, mark);
            Assert.NotEqual(CampaignState.Completed, campaign.State);
        }

        // 3. Restarted: the shortlist activity runs again; the owner still has one shortlist email.
        await using var session = await _runs.RestartUntilCompletedAsync(arguments, campaignId, timeout.Token);

        Assert.Single(ShortlistEmails());
        Assert.Equal(PromptSendState.Sent, await session.Store.GetShortlistSendStateAsync(campaignId, timeout.Token));
        await _runs.AssertEveryPromptSentOnceAsync(session, campaignId, People, timeout.Token);
    }

    private List<string> ShortlistEmails() =>
        Directory.Exists(_runs.Outbox) ? [.. Directory.GetFiles(_runs.Outbox, "*-shortlist-*.eml")] : [];

    public void Dispose() => _runs.Dispose();
}
