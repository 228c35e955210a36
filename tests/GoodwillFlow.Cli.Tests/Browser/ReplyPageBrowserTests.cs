using System.Text.RegularExpressions;
using GoodwillFlow.Core.Replies;
using GoodwillFlow.Testing.Exports;
using GoodwillFlow.Testing.Hosting;
using Microsoft.Playwright;

namespace GoodwillFlow.Cli.Tests.Browser;

/// <summary>The reply page as an owner meets it: a one-click link in a prompt email, opened on a phone.</summary>
public sealed partial class ReplyPageBrowserTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>, IAsyncLifetime
{
    private static readonly BrowserNewContextOptions Phone = new()
    {
        ViewportSize = new ViewportSize { Width = 390, Height = 844 },
        DeviceScaleFactor = 2,
        IsMobile = true,
        HasTouch = true,
    };

    private LocalRuntimeTestHost _host = null!;
    private string _campaignId = "";

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));

        // Keep the campaign open while the test answers.
        _host = await LocalRuntimeTestHost.StartAsync(TimeSpan.FromMilliseconds(200), TimeSpan.FromMinutes(10), timeout.Token);
        _campaignId = (await _host.ImportAsync([new ExportRow("Zoë", "O'Brien <Ltd>", "zoe-obrien", "Contoso & Co", "Staff Engineer")], timeout.Token)).CampaignId;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Owner_opens_a_one_click_link_on_a_phone_completes_the_form_and_the_reply_is_stored()
    {
        var link = await OneClickLinkFromOutboxAsync("peer");
        await using var context = await chromium.Browser.NewContextAsync(Phone);
        var page = await context.NewPageAsync();

        var opened = await page.GotoAsync(link.ToString());
        Assert.Equal(200, opened!.Status);
        await Assertions.Expect(page.GetByText("Zoë O'Brien <Ltd>").First).ToBeVisibleAsync();
        Assert.True(await page.Locator("input[name=relationship][value=peer]").IsCheckedAsync(), "the one-click choice is pre-selected");

        // Opening the link (as a mail scanner would) recorded nothing.
        var store = _host.Store;
        Assert.Empty(await store.GetRepliesAsync(_campaignId, CancellationToken.None));

        await page.Locator("textarea[name=howWeKnow]").FillAsync("We shipped the search rewrite together.");
        await page.Locator("textarea[name=sharedProject]").FillAsync("the search rewrite");
        await page.Locator("input[name=strength][value='4']").CheckAsync();
        await page.Locator("input[name=theirPerception][value='5']").CheckAsync();
        await page.Locator("input[name=yourPerception][value='4']").CheckAsync();
        await page.Locator("input[name=couldHelp][value=refer]").CheckAsync();
        await page.Locator("textarea[name=canOffer]").FillAsync("an intro to our platform team");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save my answers" }).ClickAsync();

        await Assertions.Expect(page.GetByText("Thank", new() { Exact = false }).First).ToBeVisibleAsync();
        var reply = Assert.Single(await store.GetRepliesAsync(_campaignId, CancellationToken.None));
        Assert.Equal(RelationshipKind.Peer, reply.Answers.Relationship);
        Assert.Equal(4, reply.Answers.Strength);
        Assert.Equal(5, reply.Answers.TheirPerception);
        Assert.Equal(HelpKind.Refer, reply.Answers.CouldHelp);
        Assert.Equal("the search rewrite", reply.Answers.SharedProject);
        Assert.Equal(ReplyChannel.ReplyPage, reply.Channel);
    }

    [Fact]
    public async Task Reply_page_fits_a_phone_screen_without_sideways_scrolling()
    {
        var link = await OneClickLinkFromOutboxAsync("boss");
        await using var context = await chromium.Browser.NewContextAsync(Phone);
        var page = await context.NewPageAsync();
        await page.GotoAsync(link.ToString());

        var scrollWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        var smallestTapTarget = await page.EvaluateAsync<double>(
            "Math.min(...[...document.querySelectorAll('button')].map(b => b.getBoundingClientRect().height))");
        var screenshot = Path.Combine(AppContext.BaseDirectory, "TestResults", "reply-page-phone.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });

        Assert.True(scrollWidth <= 390, $"the page is {scrollWidth}px wide on a 390px phone");
        Assert.True(smallestTapTarget >= 44, $"a button is only {smallestTapTarget}px tall");
        Assert.True(new FileInfo(screenshot).Length > 10_000, "the screenshot shows a rendered page");
    }

    private async Task<Uri> OneClickLinkFromOutboxAsync(string choice)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (true)
        {
            var html = Directory.Exists(_host.Runtime.OutboxPath)
                ? Directory.GetFiles(_host.Runtime.OutboxPath, "*-prompt-*.html").FirstOrDefault()
                : null;
            if (html is not null && OneClickLink().Matches(await File.ReadAllTextAsync(html, timeout.Token))
                    .Select(m => System.Net.WebUtility.HtmlDecode(m.Groups["url"].Value))
                    .FirstOrDefault(u => u.EndsWith($"choice={choice}", StringComparison.Ordinal)) is { } url)
            {
                return new Uri(url);
            }

            await Task.Delay(200, timeout.Token);
        }
    }

    [GeneratedRegex(@"href=""(?<url>http://127\.0\.0\.1:\d+/api/r/[a-z2-7]+\?choice=[a-z-]+)""")]
    private static partial Regex OneClickLink();
}
