using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using GoodwillFlow.Cli.Demo;
using GoodwillFlow.Core.Replies;
using GoodwillFlow.Core.Shortlists;
using GoodwillFlow.Functions.Tests.Publish;
using GoodwillFlow.Testing.Exports;
using GoodwillFlow.Workflow.Storage;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace GoodwillFlow.Functions.Tests.Worker;

/// <summary>
/// The published Functions worker, run as a real process and driven over its own gRPC protocol by the test host
/// (tests/GoodwillFlow.Functions.Host): blob trigger, Durable orchestration and activities, and HTTP through the
/// ASP.NET Core integration, against Azurite and the Durable Task sidecar.
/// </summary>
[Collection(PublishedAppCollection.Name)]
public sealed class FunctionsWorkerEndToEndTests(PublishedFunctionsApp app, FunctionsWorkerFixture worker, ITestOutputHelper output)
    : IClassFixture<FunctionsWorkerFixture>, IAsyncLifetime
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromMinutes(2);

    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        await worker.EnsureStartedAsync(app.Directory, timeout.Token);
        _http = new HttpClient { BaseAddress = worker.Host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        output.WriteLine($"publish {app.PublishTime.TotalSeconds:0.0} s; sidecar and worker start {worker.StartTime.TotalSeconds:0.0} s.");
    }

    public Task DisposeAsync()
    {
        _http.Dispose();
        output.WriteLine(worker.Host.DescribeLogs(40));
        return Task.CompletedTask;
    }

    [Fact]
    public void Worker_indexes_the_same_functions_and_bindings_that_functions_metadata_lists()
    {
        static string Describe(JsonObject binding) => $"{binding["name"]}:{binding["type"]}:{binding["direction"]}";

        var published = app.Functions.Select(f => f!.AsObject())
            .ToDictionary(f => (string)f["name"]!, f => f["bindings"]!.AsArray().Select(b => Describe(b!.AsObject())).Order().ToList());
        var indexed = worker.Host.Functions.ToDictionary(f => f.Name, f => f.Bindings.Select(Describe).Order().ToList());

        Assert.Equal(published.Keys.Order(), indexed.Keys.Order());
        Assert.All(published, function => Assert.Equal(function.Value, indexed[function.Key]));
        Assert.True(Uri.IsWellFormedUriString(worker.Host.WorkerCapabilities["HttpUri"], UriKind.Absolute), "The worker reports no HttpUri: ASP.NET Core integration is off.");
    }

    [Fact]
    public async Task Upload_runs_the_whole_campaign_through_the_Functions_worker()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        var clock = Stopwatch.StartNew();
        var store = worker.Storage.GetRequiredService<ICampaignStore>();
        var name = $"mission-{Guid.NewGuid():N}.csv";
        await UploadAsync(name, ConnectionsExport.Of(ConnectionsExport.People(10)), metadata: null, timeout.Token);

        Assert.Null(await worker.Host.DeliverBlobCreatedAsync("connections", name, timeout.Token));
        var campaign = Assert.Single(await store.ListCampaignsAsync(timeout.Token), c => c.SourceName == name);
        var campaignId = campaign.CampaignId;
        var started = (await GetStatusAsync(campaignId, timeout.Token))["orchestration"]!["createdAt"]!.ToString();

        // The same Event Grid event again (the host delivers at least once): no second campaign, no second orchestration.
        Assert.Null(await worker.Host.DeliverBlobCreatedAsync("connections", name, timeout.Token));
        Assert.Single(await store.ListCampaignsAsync(timeout.Token), c => c.SourceName == name);
        Assert.Equal(started, (await GetStatusAsync(campaignId, timeout.Token))["orchestration"]!["createdAt"]!.ToString());

        // The owner's controls, through the function-key-protected API.
        Assert.Equal(HttpStatusCode.Unauthorized, (await _http.PostAsync($"api/campaigns/{campaignId}/pause", null, timeout.Token)).StatusCode);
        await ControlAsync(campaignId, "pause", timeout.Token);
        await WaitForStateAsync(campaignId, "Paused", timeout.Token);
        await ControlAsync(campaignId, "resume", timeout.Token);
        await WaitForStateAsync(campaignId, "Running", timeout.Token);

        // The owner answers each prompt from the outbox: on the reply page (GET, then POST) or by email (Inbound Parse).
        var owner = new ScriptedOwner(_http, worker.OutboxPath, FunctionsWorkerFixture.OwnerEmail, worker.InboundSecret);
        JsonNode status;
        while (true)
        {
            await owner.AnswerNewPromptsAsync(timeout.Token);
            status = await GetStatusAsync(campaignId, timeout.Token);
            if ((string?)status["orchestration"]?["runtimeStatus"] is "Completed" or "Failed" or "Terminated")
            {
                break;
            }

            await Task.Delay(200, timeout.Token);
        }

        output.WriteLine($"campaign of 10 completed through the worker in {clock.Elapsed.TotalSeconds:0.0} s; {worker.Host.FailedInvocations} failed invocations.");
        Assert.True((string?)status["orchestration"]!["runtimeStatus"] == "Completed", $"{status}\n{worker.Host.DescribeLogs()}");
        Assert.Equal("Completed", (string?)status["state"]);
        Assert.Equal(10, (int)status["progress"]!["sent"]!);
        Assert.Equal(10, owner.ByPage + owner.ByEmail + owner.Skipped);
        Assert.True(owner.ByEmail > 0 && owner.ByPage > 0, $"page {owner.ByPage}, email {owner.ByEmail}");

        var replies = await store.GetRepliesAsync(campaignId, timeout.Token);
        Assert.Equal(10, replies.Count);
        Assert.Contains(replies, r => r.Channel == ReplyChannel.Email);
        Assert.Contains(replies, r => r.Channel == ReplyChannel.ReplyPage);

        // The owner's campaign page through the worker: anonymous, authorised by the "Your campaign" link in every prompt email.
        var ownerLink = Directory.EnumerateFiles(worker.OutboxPath, "*-prompt-*.eml")
            .Select(GoodwillFlow.Cli.Local.OutboxMessage.TryRead)
            .First(m => m?.CampaignId == campaignId)!.CampaignPageUrl!;
        using (var page = await _http.GetAsync(ownerLink.PathAndQuery.TrimStart('/'), timeout.Token))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("Your shortlist so far", await page.Content.ReadAsStringAsync(timeout.Token), StringComparison.Ordinal);
            Assert.Contains("default-src 'none'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        }

        var shortlistBlob = await worker.Storage.GetRequiredService<ICampaignFiles>().ReadShortlistAsync(campaignId, ShortlistFormat.Json, timeout.Token);
        Assert.NotNull(shortlistBlob);
        Assert.Contains("Person", System.Text.Encoding.UTF8.GetString(shortlistBlob), StringComparison.Ordinal);
        using (var csv = await SendAsync(HttpMethod.Get, $"api/campaigns/{campaignId}/shortlist?format=csv", timeout.Token))
        {
            Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
            Assert.StartsWith("text/csv", csv.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        }

        // Stop applies to a campaign that is still sending: a second one, with prompts an hour apart.
        var second = $"stop-{Guid.NewGuid():N}.csv";
        await UploadAsync(second, ConnectionsExport.Of(ConnectionsExport.People(3, first: 50)), new Dictionary<string, string> { ["interval"] = "01:00:00" }, timeout.Token);
        Assert.Null(await worker.Host.DeliverBlobCreatedAsync("connections", second, timeout.Token));
        var secondId = Assert.Single(await store.ListCampaignsAsync(timeout.Token), c => c.SourceName == second).CampaignId;
        await ControlAsync(secondId, "stop", timeout.Token);
        await WaitForStateAsync(secondId, "Stopped", timeout.Token);

        // Delete purges the data and the history: the status endpoint no longer knows the campaign.
        foreach (var id in new[] { campaignId, secondId })
        {
            using var deleted = await SendAsync(HttpMethod.Delete, $"api/campaigns/{id}", timeout.Token);
            Assert.True(deleted.IsSuccessStatusCode, $"DELETE {id}: {(int)deleted.StatusCode} {await deleted.Content.ReadAsStringAsync(timeout.Token)}");
            await Eventually(async () =>
            {
                using var gone = await SendAsync(HttpMethod.Get, $"api/campaigns/{id}", timeout.Token);
                return gone.StatusCode == HttpStatusCode.NotFound;
            }, timeout.Token);
        }

        Assert.Equal(0, worker.Host.FailedInvocations);

        // What the worker logs reaches Application Insights: no reply token or webhook secret in it.
        Assert.DoesNotContain(worker.Host.WorkerLogs, line => line.Contains(worker.InboundSecret, StringComparison.Ordinal));
        Assert.DoesNotContain(worker.Host.WorkerLogs, line => line.Contains("/api/r/", StringComparison.Ordinal));
        output.WriteLine($"end-to-end test body took {clock.Elapsed.TotalSeconds:0.0} s.");
    }

    [Fact]
    public async Task Malformed_upload_is_rejected_with_the_reason_in_the_rejected_container()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        var name = $"broken-{Guid.NewGuid():N}.csv";
        await UploadAsync(name, "this is not,a LinkedIn export\n1,2\n"u8.ToArray(), metadata: null, timeout.Token);

        Assert.Null(await worker.Host.DeliverBlobCreatedAsync("connections", name, timeout.Token));

        var rejected = new BlobServiceClient(worker.StorageConnectionString).GetBlobContainerClient("rejected").GetBlobClient(name + ".txt");
        var reason = (await rejected.DownloadContentAsync(timeout.Token)).Value.Content.ToString();
        Assert.Contains("Connections", reason, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(await worker.Storage.GetRequiredService<ICampaignStore>().ListCampaignsAsync(timeout.Token), c => c.SourceName == name);
    }

    private async Task UploadAsync(string name, byte[] content, IDictionary<string, string>? metadata, CancellationToken cancellationToken)
    {
        var container = new BlobServiceClient(worker.StorageConnectionString).GetBlobContainerClient("connections");
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await container.GetBlobClient(name).UploadAsync(new BinaryData(content), new BlobUploadOptions { Metadata = metadata }, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add("x-functions-key", worker.Host.FunctionKey);
        return await _http.SendAsync(request, cancellationToken);
    }

    private async Task<JsonNode> GetStatusAsync(string campaignId, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, $"api/campaigns/{campaignId}", cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"status {(int)response.StatusCode}: {body}\n{worker.Host.DescribeLogs()}");
        return JsonNode.Parse(body)!;
    }

    private async Task ControlAsync(string campaignId, string action, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/campaigns/{campaignId}/{action}");
        request.Headers.Add("x-functions-key", worker.Host.FunctionKey);
        using var response = await _http.SendAsync(request, cancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{action}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
    }

    private async Task WaitForStateAsync(string campaignId, string state, CancellationToken cancellationToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(TimeSpan.FromSeconds(30));
        JsonNode? last = null;
        try
        {
            while ((string?)(last = await GetStatusAsync(campaignId, wait.Token))["state"] != state)
            {
                await Task.Delay(200, wait.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Assert.Fail($"The campaign did not reach {state}: {last}\n{worker.Host.DescribeLogs()}");
        }
    }

    private static async Task Eventually(Func<Task<bool>> probe, CancellationToken cancellationToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(TimeSpan.FromSeconds(30));
        while (!await probe())
        {
            await Task.Delay(200, wait.Token);
        }
    }
}
