using GoodwillFlow.Workflow.Http;
using static GoodwillFlow.Workflow.Tests.Http.HttpTestHarness;

namespace GoodwillFlow.Workflow.Tests.Http;

/// <summary>An edited reply keeps what was typed before, and the edit can be undone from the reply page.</summary>
public sealed class ReplyHistoryTests : IAsyncLifetime, IDisposable
{
    private readonly HttpTestHarness _h = new();

    public Task InitializeAsync() => _h.SeedAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task An_edited_reply_keeps_the_first_answer_and_the_page_offers_to_bring_it_back()
    {
        var token = _h.TokenFor(Ada);
        Assert.Equal(200, (await PostAsync(token, ("relationship", "peer"), ("howWeKnow", "First answer, typed with care."))).Status);
        _h.Clock.Advance(TimeSpan.FromMinutes(5));
        var edited = await PostAsync(token, ("relationship", "boss"), ("howWeKnow", "Second answer."));

        Assert.Equal(200, edited.Status);
        Assert.Contains("previous answer is kept", edited.Body, StringComparison.Ordinal);
        Assert.Contains("name=\"undo\" value=\"true\"", edited.Body, StringComparison.Ordinal);
        Assert.Equal("Second answer.", (await _h.Store.FindReplyAsync(CampaignId, Ada.Id, default))!.Answers.HowWeKnow);

        var page = await GetPageAsync(token);
        Assert.Contains("You have changed this answer before; 1 earlier version kept.", page.Body, StringComparison.Ordinal);

        var undone = await PostAsync(token, ("undo", "true"));
        Assert.Equal(200, undone.Status);
        Assert.Contains("Previous answer restored", undone.Body, StringComparison.Ordinal);
        Assert.Equal("First answer, typed with care.", (await _h.Store.FindReplyAsync(CampaignId, Ada.Id, default))!.Answers.HowWeKnow);
    }

    [Fact]
    public async Task Undo_can_itself_be_undone_so_nothing_typed_is_lost()
    {
        var token = _h.TokenFor(Ada);
        await PostAsync(token, ("relationship", "peer"), ("howWeKnow", "One"));
        _h.Clock.Advance(TimeSpan.FromMinutes(1));
        await PostAsync(token, ("relationship", "peer"), ("howWeKnow", "Two"));
        _h.Clock.Advance(TimeSpan.FromMinutes(1));
        await PostAsync(token, ("relationship", "peer"), ("howWeKnow", "Three"));

        var history = await _h.Store.GetReplyHistoryAsync(CampaignId, Ada.Id, default);
        Assert.Equal(["Two", "One"], history.Select(v => v.Answers.HowWeKnow));

        await PostAsync(token, ("undo", "true"));
        Assert.Equal("Two", (await _h.Store.FindReplyAsync(CampaignId, Ada.Id, default))!.Answers.HowWeKnow);
        await PostAsync(token, ("undo", "true"));
        Assert.Equal("Three", (await _h.Store.FindReplyAsync(CampaignId, Ada.Id, default))!.Answers.HowWeKnow);

        var kept = (await _h.Store.GetReplyHistoryAsync(CampaignId, Ada.Id, default)).Select(v => v.Answers.HowWeKnow).Order();
        Assert.Equal(["One", "Two"], kept);
    }

    [Fact]
    public async Task The_same_answers_posted_again_keep_no_extra_version()
    {
        var token = _h.TokenFor(Ada);
        for (var i = 0; i < 3; i++)
        {
            _h.Clock.Advance(TimeSpan.FromSeconds(1));
            Assert.Equal(200, (await PostAsync(token, ("relationship", "peer"), ("howWeKnow", "Same"))).Status);
        }

        Assert.Empty(await _h.Store.GetReplyHistoryAsync(CampaignId, Ada.Id, default));
        Assert.DoesNotContain("previous answer", (await GetPageAsync(token)).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Undo_with_nothing_to_undo_says_so_and_changes_nothing()
    {
        var token = _h.TokenFor(Ada);
        await PostAsync(token, ("relationship", "peer"), ("howWeKnow", "Only answer"));

        var response = await PostAsync(token, ("undo", "true"));

        Assert.Equal(409, response.Status);
        Assert.Contains("There is no earlier answer to bring back", response.Body, StringComparison.Ordinal);
        Assert.Equal("Only answer", (await _h.Store.FindReplyAsync(CampaignId, Ada.Id, default))!.Answers.HowWeKnow);
    }

    private async Task<Response> GetPageAsync(string token)
    {
        var context = _h.Get($"/api/r/{token}");
        return await ExecuteAsync(await _h.Handler<ReplyPageHandler>().GetAsync(context.Request, token, default), context);
    }

    private async Task<Response> PostAsync(string token, params (string Name, string Value)[] fields)
    {
        var context = _h.PostForm($"/api/r/{token}", fields);
        return await ExecuteAsync(await _h.Handler<ReplyPageHandler>().PostAsync(context.Request, token, _h.Durable, default), context);
    }
}
