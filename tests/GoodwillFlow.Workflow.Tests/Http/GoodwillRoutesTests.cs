using GoodwillFlow.Workflow.Http;
using GoodwillFlow.Workflow.Replies;

namespace GoodwillFlow.Workflow.Tests.Http;

public sealed class GoodwillRoutesTests
{
    [Fact]
    public void Reply_links_in_emails_point_at_the_route_the_reply_page_is_served_on()
    {
        Assert.Equal(ReplyLinks.ReplyPageRoute, GoodwillRoutes.Prefix + GoodwillRoutes.ReplyPage);
    }

    [Fact]
    public void The_one_click_link_of_an_issued_token_reaches_the_reply_page_route()
    {
        using var h = new HttpTestHarness();
        var token = h.TokenFor(HttpTestHarness.Ada);

        var url = h.Links.PageUrl(token);

        Assert.Equal($"/api/r/{token}", url.AbsolutePath);
    }
}
