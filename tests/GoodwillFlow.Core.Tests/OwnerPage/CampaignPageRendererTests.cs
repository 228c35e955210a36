using GoodwillFlow.Core.Connections;
using GoodwillFlow.Core.OwnerPage;
using GoodwillFlow.Core.Replies;
using GoodwillFlow.Core.Shortlists;

namespace GoodwillFlow.Core.Tests.OwnerPage;

public sealed class CampaignPageRendererTests
{
    private static readonly Connection Mallory = new(
        "00000000000000aa", "<script>alert(1)</script>", "O'Brien", null, null, "<b>Evil</b> Corp", "CTO", null);

    private static CampaignPageModel Model(CampaignPageState state = CampaignPageState.Running, bool controls = true) => new(
        "<img src=x>.csv",
        state,
        state == CampaignPageState.Paused ? "Paused by the owner" : null,
        controls,
        Total: 40,
        Sent: 12,
        Answered: 9,
        Skipped: 2,
        ToCome: 25,
        NextSend: "Tue 3 Mar, 09:00",
        ExpectedLastPrompt: new DateOnly(2026, 3, 20),
        TimeZone: "Europe/London",
        PromptsPerDay: 5,
        Days: [DayOfWeek.Monday, DayOfWeek.Wednesday],
        new Shortlist("0123456789abcdef", DateTimeOffset.UnixEpoch, [new ShortlistEntry(1, Mallory, 90, ["\"<i>we built it</i>\""], "Hi <script>") { Tier = ShortlistTier.Referral }], 9, 0),
        [new CampaignPageAnswer("<script>alert(2)</script>", "Peer", new DateOnly(2026, 3, 1), "https://x.example/api/r/abc")],
        "/api/c/tok",
        null);

    [Fact]
    public void Everything_from_the_export_and_the_answers_is_encoded()
    {
        var html = CampaignPageRenderer.Render(Model());

        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>Evil", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<i>we", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; O&#39;Brien", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Shows_progress_the_cadence_and_controls_that_post()
    {
        var html = CampaignPageRenderer.Render(Model());

        Assert.Contains("Tue 3 Mar, 09:00", html, StringComparison.Ordinal);
        Assert.Contains("Fri 20 Mar 2026", html, StringComparison.Ordinal);
        Assert.Contains("Mon, Wed", html, StringComparison.Ordinal);
        Assert.Contains("action=\"/api/c/tok/pause\"", html, StringComparison.Ordinal);
        Assert.Contains("action=\"/api/c/tok/ahead\"", html, StringComparison.Ordinal);
        Assert.Contains("action=\"/api/c/tok/delete\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/api/c/tok/shortlist?format=csv\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("method=\"get\"", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_paused_campaign_offers_resume_with_its_reason_and_a_finished_one_offers_no_controls()
    {
        var paused = CampaignPageRenderer.Render(Model(CampaignPageState.Paused));
        var done = CampaignPageRenderer.Render(Model(CampaignPageState.Done, controls: false));

        Assert.Contains("Paused by the owner", paused, StringComparison.Ordinal);
        Assert.Contains("/resume\"", paused, StringComparison.Ordinal);
        Assert.DoesNotContain("/pause\"", paused, StringComparison.Ordinal);
        Assert.DoesNotContain("/pause\"", done, StringComparison.Ordinal);
        Assert.DoesNotContain("/ahead\"", done, StringComparison.Ordinal);
        Assert.Contains("/delete\"", done, StringComparison.Ordinal);
    }

    [Fact]
    public void The_stylesheet_is_allowed_by_its_hash_and_nothing_else_loads()
    {
        Assert.StartsWith("default-src 'none'; style-src 'sha256-", CampaignPageRenderer.ContentSecurityPolicy, StringComparison.Ordinal);
        Assert.Contains("form-action 'self'", CampaignPageRenderer.ContentSecurityPolicy, StringComparison.Ordinal);
    }
}
