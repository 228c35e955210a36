using System.Text;
using GoodwillFlow.Workflow.Http;
using static GoodwillFlow.Workflow.Tests.Http.HttpTestHarness;

namespace GoodwillFlow.Workflow.Tests.Http;

/// <summary>Reply-form posts no browser sends: odd charsets and bodies without a length (issue 8, defects 4 and 5).</summary>
public sealed class ReplyFormHostileTests : IAsyncLifetime, IDisposable
{
    private readonly HttpTestHarness _h = new();

    public Task InitializeAsync() => _h.SeedAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _h.Dispose();

    [Theory]
    [InlineData("application/x-www-form-urlencoded; charset=utf-7")]
    [InlineData("application/x-www-form-urlencoded; charset=UTF7")]
    [InlineData("application/x-www-form-urlencoded; charset=x-no-such-charset")]
    public async Task A_form_in_a_charset_this_page_does_not_read_gets_a_friendly_415(string contentType)
    {
        var response = await PostAsync(contentType, "strength=4&notes=%2BADw-script%2BAD4-"u8.ToArray());

        Assert.Equal(415, response.Status);
        Assert.Contains("Nothing was saved", response.Body, StringComparison.Ordinal);
        Assert.Empty(await _h.Store.GetRepliesAsync(CampaignId, default));
    }

    [Theory]
    [InlineData("iso-8859-1")]
    [InlineData("windows-1252")]
    [InlineData("utf-8")]
    [InlineData("ISO-8859-15")]
    public async Task A_form_in_a_charset_it_reads_is_saved_as_typed(string charset)
    {
        var encoding = Encoding.GetEncoding(charset);
        var body = Encoding.ASCII.GetBytes($"strength=4&notes={System.Web.HttpUtility.UrlEncode("Crème brûlée", encoding)}");

        var response = await PostAsync($"application/x-www-form-urlencoded; charset={charset}", body);

        Assert.Equal(200, response.Status);
        Assert.Equal("Crème brûlée", Assert.Single(await _h.Store.GetRepliesAsync(CampaignId, default)).Answers.Notes);
    }

    [Fact]
    public async Task A_2_mb_form_without_a_length_is_cut_off_at_the_limit_with_413()
    {
        // Sixty fields of 35 KB: each under any per-value limit, together thirty times the page's limit.
        var body = Encoding.ASCII.GetBytes(string.Join('&', Enumerable.Range(0, 60).Select(i => $"notes={new string('x', 35_000)}")));
        var stream = new CountingStream(body);
        var context = _h.NewContext("POST", $"/api/r/{_h.TokenFor(Ada)}");
        context.Request.ContentType = "application/x-www-form-urlencoded";
        context.Request.Body = stream;
        context.Response.Body = new MemoryStream();

        var result = await _h.Handler<ReplyPageHandler>().PostAsync(context.Request, _h.TokenFor(Ada), _h.Durable, default);
        var response = await ExecuteAsync(result, context);

        Assert.Equal(413, response.Status);
        Assert.True(stream.BytesRead <= new HttpHandlerOptions().MaxReplyFormBytes + 1, $"read {stream.BytesRead} bytes");
        Assert.Empty(await _h.Store.GetRepliesAsync(CampaignId, default));
    }

    private async Task<Response> PostAsync(string contentType, byte[] body)
    {
        var token = _h.TokenFor(Ada);
        var context = _h.PostBody($"/api/r/{token}", contentType, body);
        var result = await _h.Handler<ReplyPageHandler>().PostAsync(context.Request, token, _h.Durable, default);
        var response = await ExecuteAsync(result, context);
        ReplyPageHandlerTests.AssertNoInternals(response.Body);
        return response;
    }

    /// <summary>
    /// A request body with no length, as a chunked upload arrives, that counts what the handler read (MemoryStream's
    /// asynchronous reads go through the synchronous ones, so those are where it counts).
    /// </summary>
    private sealed class CountingStream(byte[] bytes) : MemoryStream(bytes)
    {
        public long BytesRead { get; private set; }

        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();

        public override int Read(byte[] buffer, int offset, int count) => Counted(base.Read(buffer, offset, count));

        public override int Read(Span<byte> buffer) => Counted(base.Read(buffer));

        private int Counted(int read)
        {
            BytesRead += read;
            return read;
        }
    }
}
