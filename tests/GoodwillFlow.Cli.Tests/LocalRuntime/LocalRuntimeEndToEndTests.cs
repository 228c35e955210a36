using GoodwillFlow.Cli.Demo;
using GoodwillFlow.Cli.Local;
using GoodwillFlow.Core.Replies;
using GoodwillFlow.Core.Shortlists;
using GoodwillFlow.Local.Hosting;
using GoodwillFlow.Testing.Exports;
using GoodwillFlow.Workflow.Storage;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GoodwillFlow.Cli.Tests.LocalRuntime;

/// <summary>The whole workflow on one machine: upload, prompts in the outbox, replies over HTTP, the shortlist.</summary>
[Collection(LocalRuntimeCollection.Name)]
public sealed class LocalRuntimeEndToEndTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "goodwill-e2e-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public async Task Upload_prompts_each_person_once_records_replies_and_compiles_the_shortlist()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var options = new LocalRuntimeOptions { DataPath = Path.Combine(_folder, "data"), HttpPort = 0, UploadPollInterval = TimeSpan.FromMilliseconds(300) };
        options.Settings["Goodwill:OwnerEmail"] = "owner@example.com";
        options.Settings["Goodwill:FixedInterval"] = "00:00:00.300";
        options.Settings["Goodwill:GracePeriod"] = "00:00:02";
        options.Settings["Email:InboundDomain"] = "inbound.example.com";
        await using var runtime = await GoodwillFlow.Local.Hosting.LocalRuntime.StartAsync(options, null, l => l.SetMinimumLevel(LogLevel.Warning), timeout.Token);

        var export = ConnectionsExport.WriteFile(_folder, ConnectionsExport.People(6));
        await runtime.UploadAsync(export, metadata: null, timeout.Token);

        // The watcher stands in for Event Grid; do not call it directly, so the test covers it too.
        var store = runtime.Services.GetRequiredService<ICampaignStore>();
        var campaignId = await Eventually(async () => (await store.ListCampaignsAsync(timeout.Token)).FirstOrDefault()?.CampaignId, timeout.Token);

        using var http = new HttpClient { BaseAddress = runtime.BaseAddress };
        var owner = new ScriptedOwner(http, runtime.OutboxPath, "owner@example.com", runtime.InboundSecret);
        OrchestrationMetadata? done = null;
        while (done is null)
        {
            await owner.AnswerNewPromptsAsync(timeout.Token);
            var instance = await runtime.Client.GetInstanceAsync(campaignId, timeout.Token);
            done = instance is { IsCompleted: true } ? instance : null;
            await Task.Delay(200, timeout.Token);
        }

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        var prompts = Directory.GetFiles(runtime.OutboxPath, "*-prompt-*.eml").Select(OutboxMessage.TryRead).ToList();
        Assert.Equal(6, prompts.Count);
        Assert.Equal(6, prompts.Select(p => p!.Subject).Distinct().Count());
        Assert.Single(Directory.GetFiles(runtime.OutboxPath, "*-shortlist-*.eml"));

        var replies = await store.GetRepliesAsync(campaignId, timeout.Token);
        Assert.Equal(6, replies.Count);
        Assert.Contains(replies, r => r.Channel == ReplyChannel.Email);
        Assert.Contains(replies, r => r.Channel == ReplyChannel.ReplyPage);
        Assert.Equal(6, owner.ByPage + owner.ByEmail + owner.Skipped);

        var files = runtime.Services.GetRequiredService<ICampaignFiles>();
        var json = await files.ReadShortlistAsync(campaignId, ShortlistFormat.Json, timeout.Token);
        Assert.NotNull(json);
        var shortlist = System.Text.Encoding.UTF8.GetString(json);
        Assert.Contains("Person", shortlist, StringComparison.Ordinal);
        Assert.Equal(nameof(CampaignState.Completed), (await store.FindCampaignAsync(campaignId, timeout.Token))!.State.ToString());
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static async Task<T> Eventually<T>(Func<Task<T?>> probe, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            await Task.Delay(200, cancellationToken);
        }
    }
}
