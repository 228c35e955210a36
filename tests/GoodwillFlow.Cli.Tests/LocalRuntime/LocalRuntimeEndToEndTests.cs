using GoodwillFlow.Cli.Demo;
using GoodwillFlow.Cli.Local;
using GoodwillFlow.Core.Replies;
using GoodwillFlow.Core.Shortlists;
using GoodwillFlow.Testing.Exports;
using GoodwillFlow.Testing.Hosting;
using GoodwillFlow.Workflow.Storage;
using Microsoft.DurableTask.Client;

namespace GoodwillFlow.Cli.Tests.LocalRuntime;

/// <summary>The whole workflow on one machine: upload, prompts in the outbox, replies over HTTP, the shortlist.</summary>
public sealed class LocalRuntimeEndToEndTests
{
    [Fact]
    public async Task Upload_prompts_each_person_once_records_replies_and_compiles_the_shortlist()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await using var host = await LocalRuntimeTestHost.StartAsync(
            TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(2), timeout.Token, o => o.Settings["Email:InboundDomain"] = "inbound.example.com");
        var runtime = host.Runtime;

        // The watcher stands in for Event Grid; do not call it directly, so the test covers it too.
        await host.UploadAsync(ConnectionsExport.People(6), timeout.Token);
        var campaignId = await host.WaitForCampaignAsync(timeout.Token);

        using var http = new HttpClient { BaseAddress = runtime.BaseAddress };
        var owner = new ScriptedOwner(http, runtime.OutboxPath, LocalRuntimeTestHost.OwnerEmail, runtime.InboundSecret);
        var done = await host.RunToEndAsync(campaignId, () => owner.AnswerNewPromptsAsync(timeout.Token), TimeSpan.FromMilliseconds(200), timeout.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        var prompts = Directory.GetFiles(runtime.OutboxPath, "*-prompt-*.eml").Select(OutboxMessage.TryRead).ToList();
        Assert.Equal(6, prompts.Count);
        Assert.Equal(6, prompts.Select(p => p!.Subject).Distinct().Count());
        Assert.Single(Directory.GetFiles(runtime.OutboxPath, "*-shortlist-*.eml"));

        var replies = await host.Store.GetRepliesAsync(campaignId, timeout.Token);
        Assert.Equal(6, replies.Count);
        Assert.Contains(replies, r => r.Channel == ReplyChannel.Email);
        Assert.Contains(replies, r => r.Channel == ReplyChannel.ReplyPage);
        Assert.Equal(6, owner.ByPage + owner.ByEmail + owner.Skipped);

        var json = await host.Files.ReadShortlistAsync(campaignId, ShortlistFormat.Json, timeout.Token);
        Assert.NotNull(json);
        var shortlist = System.Text.Encoding.UTF8.GetString(json);
        Assert.Contains("Person", shortlist, StringComparison.Ordinal);
        Assert.Equal(nameof(CampaignState.Completed), (await host.Store.FindCampaignAsync(campaignId, timeout.Token))!.State.ToString());
    }
}
