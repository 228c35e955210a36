using System.Text.Json;
using GoodwillFlow.Core.Replies;
using GoodwillFlow.Workflow.Http;
using GoodwillFlow.Workflow.Orchestration;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Converters;
using Microsoft.Extensions.DependencyInjection;
using static GoodwillFlow.Workflow.Tests.Http.HttpTestHarness;

namespace GoodwillFlow.Workflow.Tests.Http;

public sealed class CampaignApiHandlerTests : IAsyncLifetime, IDisposable
{
    private readonly HttpTestHarness _h = new();

    public async Task InitializeAsync()
    {
        await _h.SeedAsync();
        await _h.Store.SaveReplyAsync(
            new RecordedReply(CampaignId, Ada.Id, new ReplyAnswers
            {
                Relationship = RelationshipKind.Boss,
                HowWeKnow = "She ran the payments team I joined",
                SharedProject = "Billing v2",
                Strength = 5,
                TheirPerception = 5,
                YourPerception = 5,
                CouldHelp = HelpKind.Introduce | HelpKind.Refer,
            }, ReplyChannel.ReplyPage, Start),
            default);
        await _h.Store.SaveReplyAsync(
            new RecordedReply(CampaignId, Mallory.Id, new ReplyAnswers { Skip = true }, ReplyChannel.Email, Start),
            default);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _h.Dispose();

    private CampaignApiHandler Api => _h.Handler<CampaignApiHandler>();

    [Fact]
    public async Task Status_shows_the_stored_state_progress_and_the_orchestrations_custom_status()
    {
        var custom = new CampaignStatus("Running", 2, 2, 2, Start.AddDays(1), null);
        _h.Durable.SetInstance(CampaignId, OrchestrationRuntimeStatus.Running, JsonDataConverter.Default.Serialize(custom));
        var context = _h.Get($"/api/campaigns/{CampaignId}");

        var response = await ExecuteAsync(await Api.GetStatusAsync(context.Request, CampaignId, _h.Durable, default), context);

        Assert.Equal(200, response.Status);
        Assert.Equal("application/json; charset=utf-8", response.ContentType);
        Assert.Equal("no-store", response.Header("Cache-Control"));
        using var json = JsonDocument.Parse(response.Body);
        var root = json.RootElement;
        Assert.Equal(CampaignId, root.GetProperty("campaignId").GetString());
        Assert.Equal("Running", root.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("reason").ValueKind);
        Assert.Equal(2, root.GetProperty("progress").GetProperty("total").GetInt32());
        Assert.Equal(2, root.GetProperty("progress").GetProperty("sent").GetInt32());
        Assert.Equal(2, root.GetProperty("progress").GetProperty("replied").GetInt32());
        var orchestration = root.GetProperty("orchestration");
        Assert.Equal("Running", orchestration.GetProperty("runtimeStatus").GetString());
        Assert.Equal(2, orchestration.GetProperty("customStatus").GetProperty("sent").GetInt32());
        Assert.Equal(Start.AddDays(1), orchestration.GetProperty("customStatus").GetProperty("nextSendAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task Status_of_an_unknown_campaign_is_404_and_a_malformed_id_is_400()
    {
        var unknown = _h.Get("/api/campaigns/ffffffffffffffff");
        var malformed = _h.Get("/api/campaigns/..%2Fsecrets");

        var unknownResponse = await ExecuteAsync(await Api.GetStatusAsync(unknown.Request, "ffffffffffffffff", _h.Durable, default), unknown);
        var malformedResponse = await ExecuteAsync(await Api.GetStatusAsync(malformed.Request, "../secrets", _h.Durable, default), malformed);

        Assert.Equal(404, unknownResponse.Status);
        Assert.Contains("No such campaign", unknownResponse.Body, StringComparison.Ordinal);
        Assert.Equal(400, malformedResponse.Status);
        Assert.Contains("16 lowercase hexadecimal characters", malformedResponse.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "text/html; charset=utf-8")]
    [InlineData("html", "text/html; charset=utf-8")]
    [InlineData("CSV", "text/csv; charset=utf-8")]
    [InlineData("json", "application/json; charset=utf-8")]
    public async Task The_shortlist_is_compiled_on_demand_in_each_format(string? format, string contentType)
    {
        var context = _h.Get($"/api/campaigns/{CampaignId}/shortlist", format is null ? null : $"?format={format}");

        var response = await ExecuteAsync(await Api.GetShortlistAsync(context.Request, CampaignId, default), context);

        Assert.Equal(200, response.Status);
        Assert.Equal(contentType, response.ContentType);
        Assert.Contains("Lovelace", response.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Brien", response.Body, StringComparison.Ordinal);
        if (contentType.StartsWith("text/csv", StringComparison.Ordinal))
        {
            Assert.Equal($"attachment; filename=goodwill-shortlist-{CampaignId}.csv", response.Header("Content-Disposition"));
            Assert.Equal([0xEF, 0xBB, 0xBF], response.Bytes[..3]);
        }
        else
        {
            Assert.Null(response.Header("Content-Disposition"));
        }

        if (contentType.StartsWith("application/json", StringComparison.Ordinal))
        {
            using var json = JsonDocument.Parse(response.Bytes);
            Assert.Equal(JsonValueKind.Object, json.RootElement.ValueKind);
        }
    }

    [Fact]
    public async Task An_unknown_shortlist_format_is_400_with_the_allowed_values()
    {
        var context = _h.Get($"/api/campaigns/{CampaignId}/shortlist", "?format=xlsx");

        var response = await ExecuteAsync(await Api.GetShortlistAsync(context.Request, CampaignId, default), context);

        Assert.Equal(400, response.Status);
        Assert.Contains("html, csv, json", response.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(CampaignControl.Pause, CampaignEvents.Pause, "pause")]
    [InlineData(CampaignControl.Resume, CampaignEvents.Resume, "resume")]
    [InlineData(CampaignControl.Stop, CampaignEvents.Stop, "stop")]
    public async Task Control_requests_raise_their_event_and_answer_202_with_the_status_url(CampaignControl action, string eventName, string path)
    {
        var context = _h.NewContext("POST", $"/api/campaigns/{CampaignId}/{path}");

        var response = await ExecuteAsync(await Api.ControlAsync(context.Request, CampaignId, action, _h.Durable, default), context);

        Assert.Equal(202, response.Status);
        Assert.Equal($"https://goodwill.example.net/api/campaigns/{CampaignId}", response.Header("Location"));
        Assert.Contains($"\"statusUrl\":\"https://goodwill.example.net/api/campaigns/{CampaignId}\"", response.Body, StringComparison.Ordinal);
        var raised = Assert.Single(_h.Durable.RaisedEvents);
        Assert.Equal(CampaignId, raised.InstanceId);
        Assert.Equal(eventName, raised.EventName);
    }

    [Fact]
    public async Task Control_of_a_finished_campaign_is_409_and_of_an_unknown_one_404()
    {
        _h.Durable.SetInstance(CampaignId, OrchestrationRuntimeStatus.Completed);
        var finished = _h.NewContext("POST", $"/api/campaigns/{CampaignId}/pause");
        var unknown = _h.NewContext("POST", "/api/campaigns/aaaaaaaaaaaaaaaa/pause");

        var finishedResponse = await ExecuteAsync(await Api.ControlAsync(finished.Request, CampaignId, CampaignControl.Pause, _h.Durable, default), finished);
        var unknownResponse = await ExecuteAsync(await Api.ControlAsync(unknown.Request, "aaaaaaaaaaaaaaaa", CampaignControl.Pause, _h.Durable, default), unknown);

        Assert.Equal(409, finishedResponse.Status);
        Assert.Contains("Completed", finishedResponse.Body, StringComparison.Ordinal);
        Assert.Equal(404, unknownResponse.Status);
        Assert.Empty(_h.Durable.RaisedEvents);
    }

    [Fact]
    public async Task Delete_terminates_purges_and_removes_every_file_and_record_then_answers_404()
    {
        _h.Files.Blobs[$"connections/{SourceName}"] = [1, 2, 3];
        _h.Files.Blobs[$"shortlists/{CampaignId}/shortlist.html"] = [4];
        _h.Files.Blobs["shortlists/fedcba9876543210/shortlist.html"] = [5];
        var first = _h.NewContext("DELETE", $"/api/campaigns/{CampaignId}");
        var second = _h.NewContext("DELETE", $"/api/campaigns/{CampaignId}");

        var firstResponse = await ExecuteAsync(await Api.DeleteAsync(first.Request, CampaignId, _h.Durable, default), first);
        var secondResponse = await ExecuteAsync(await Api.DeleteAsync(second.Request, CampaignId, _h.Durable, default), second);

        Assert.Equal(204, firstResponse.Status);
        Assert.Empty(firstResponse.Bytes);
        Assert.Equal([CampaignId], _h.Durable.Terminated);
        Assert.Equal([CampaignId], _h.Durable.Purged);
        Assert.Null(_h.Durable.Instance(CampaignId));
        Assert.Null(await _h.Store.FindCampaignAsync(CampaignId, default));
        Assert.Empty(await _h.Store.GetConnectionsAsync(CampaignId, default));
        Assert.Empty(await _h.Store.GetRepliesAsync(CampaignId, default));
        Assert.Equal(["shortlists/fedcba9876543210/shortlist.html"], _h.Files.Blobs.Keys);
        Assert.Equal(404, secondResponse.Status);
    }

    [Fact]
    public async Task Delete_of_a_finished_campaign_purges_without_terminating()
    {
        _h.Durable.SetInstance(CampaignId, OrchestrationRuntimeStatus.Completed);
        var context = _h.NewContext("DELETE", $"/api/campaigns/{CampaignId}");

        var response = await ExecuteAsync(await Api.DeleteAsync(context.Request, CampaignId, _h.Durable, default), context);

        Assert.Equal(204, response.Status);
        Assert.Empty(_h.Durable.Terminated);
        Assert.Equal([CampaignId], _h.Durable.Purged);
    }

    [Fact]
    public async Task Delete_removes_the_data_at_once_and_leaves_the_history_for_a_second_delete_when_the_orchestration_is_slow_to_stop()
    {
        using var h = new HttpTestHarness(s => s.Configure<HttpHandlerOptions>(o => o.DeleteWaitTimeout = TimeSpan.FromMilliseconds(50)));
        await h.SeedAsync();
        h.Durable.StopsWhenTerminated = false;
        var api = h.Handler<CampaignApiHandler>();
        var first = h.NewContext("DELETE", $"/api/campaigns/{CampaignId}");

        var pending = api.DeleteAsync(first.Request, CampaignId, h.Durable, default);
        while (!pending.IsCompleted)
        {
            h.Clock.Advance(TimeSpan.FromMilliseconds(50));
            await Task.Delay(5);
        }

        var firstResponse = await ExecuteAsync(await pending, first);

        Assert.Equal(202, firstResponse.Status);
        Assert.Null(await h.Store.FindCampaignAsync(CampaignId, default));
        Assert.Empty(h.Durable.Purged);

        h.Durable.SetInstance(CampaignId, OrchestrationRuntimeStatus.Terminated);
        var second = h.NewContext("DELETE", $"/api/campaigns/{CampaignId}");
        var secondResponse = await ExecuteAsync(await api.DeleteAsync(second.Request, CampaignId, h.Durable, default), second);

        Assert.Equal(204, secondResponse.Status);
        Assert.Equal([CampaignId], h.Durable.Purged);
    }
}
