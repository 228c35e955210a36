using Deque.AxeCore.Playwright;
using GoodwillFlow.Core.Replies;
using GoodwillFlow.Testing.Exports;
using GoodwillFlow.Testing.Hosting;
using GoodwillFlow.Workflow.Replies;
using GoodwillFlow.Workflow.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace GoodwillFlow.Cli.Tests.Browser;

/// <summary>
/// The owner's campaign page in headless Chromium over the whole local runtime: on a 360 px phone and a 1280 px screen,
/// pause then resume from the page, working ahead through five prompts, and an axe-core scan of the page and the reply
/// form. Regenerate the README's screenshots with
/// <c>GOODWILL_SCREENSHOTS=docs/screenshots dotnet test tests/GoodwillFlow.Cli.Tests --filter FullyQualifiedName~OwnerPageBrowserTests</c>.
/// </summary>
public sealed class OwnerPageBrowserTests(ChromiumFixture chromium, OwnerPageBrowserTests.Campaign campaign)
    : IClassFixture<ChromiumFixture>, IClassFixture<OwnerPageBrowserTests.Campaign>
{
    private static readonly BrowserNewContextOptions Phone = new()
    {
        ViewportSize = new ViewportSize { Width = 360, Height = 740 },
        DeviceScaleFactor = 2,
        IsMobile = true,
        HasTouch = true,
    };

    private static readonly BrowserNewContextOptions Desktop = new() { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } };

    private static readonly ExportRow[] People =
    [
        new("Maya", "Chen", "maya-chen", "Contoso", "Engineering Manager", "3 Mar 2016"),
        new("Tomás", "Okafor", "tomas-okafor", "Fabrikam", "Staff Engineer", "12 Jun 2018"),
        new("Priya", "Raman", "priya-raman", "Northwind", "Product Lead", "2 Sep 2019"),
        new("Zoë", "O'Brien <Ltd>", "zoe-obrien", "Contoso & Co", "Designer", "21 Jan 2020"),
        new("Lars", "Eriksen", "lars-eriksen", "Tailspin", "CTO", "8 Aug 2017"),
        new("Amara", "Diallo", "amara-diallo", "Litware", "Recruiter", "5 May 2021"),
        new("Kenji", "Watanabe", "kenji-watanabe", "Adventure Works", "Data Scientist", "30 Nov 2015"),
        new("Sofia", "Rossi", "sofia-rossi", "Woodgrove", "Director of Engineering", "14 Feb 2022"),
        new("Omar", "Haddad", "omar-haddad", "Proseware", "Architect", "1 Jul 2014"),
        new("Ines", "Moreau", "ines-moreau", "Wingtip", "Engineer", "19 Oct 2023"),
        new("Chidi", "Nwosu", "chidi-nwosu", "Contoso", "Engineer", "4 Apr 2020"),
        new("Hana", "Kim", "hana-kim", "Fabrikam", "Product Manager", "9 Sep 2018"),
        new("Mateo", "García", "mateo-garcia", "Northwind", "Engineer", "23 Mar 2021"),
        new("Freya", "Lund", "freya-lund", "Tailspin", "Designer", "17 Jan 2019"),
    ];

    [Fact]
    public async Task Page_reads_on_a_360px_phone_and_a_1280px_screen_with_the_shortlist_and_answers()
    {
        await AnswerSomeAsync();
        foreach (var (options, width, name) in new[] { (Phone, 360, "owner-page-phone.png"), (Desktop, 1280, "owner-page-desktop.png") })
        {
            await using var context = await chromium.Browser.NewContextAsync(options);
            var page = await context.NewPageAsync();
            var opened = await page.GotoAsync(campaign.OwnerLink);

            Assert.Equal(200, opened!.Status);
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your shortlist so far" })).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Maya Chen" })).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByText("Zoë O'Brien <Ltd>").First).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Pause sending" })).ToBeVisibleAsync();
            var scrollWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
            Assert.True(scrollWidth <= width, $"the page is {scrollWidth}px wide on a {width}px screen");
            await ShortlistScreenshotTests.ScreenshotAsync(page, name);
        }
    }

    [Fact]
    public async Task Pause_then_resume_from_the_page_changes_the_campaigns_state()
    {
        await using var context = await chromium.Browser.NewContextAsync(Phone);
        var page = await context.NewPageAsync();
        await page.GotoAsync(campaign.OwnerLink);

        await page.GetByRole(AriaRole.Button, new() { Name = "Pause sending" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Pause requested")).ToBeVisibleAsync();
        await WaitForStateAsync(page, CampaignState.Paused, "Resume sending");

        await page.GetByRole(AriaRole.Button, new() { Name = "Resume sending" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Resume requested")).ToBeVisibleAsync();
        await WaitForStateAsync(page, CampaignState.Running, "Pause sending");
    }

    [Fact]
    public async Task Working_ahead_answers_the_next_five_prompts_one_form_after_another_using_only_the_keyboard()
    {
        await using var context = await chromium.Browser.NewContextAsync(Phone);
        var page = await context.NewPageAsync();
        await page.GotoAsync(campaign.OwnerLink);

        var before = (await campaign.Store.GetRepliesAsync(campaign.CampaignId, CancellationToken.None)).Count;
        await page.GetByRole(AriaRole.Button, new() { Name = "Answer the next 5 now" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        var answered = new List<string>();
        for (var step = 1; step <= 5; step++)
        {
            await Assertions.Expect(page.GetByText($"Working ahead: prompt {step} of 5")).ToBeVisibleAsync();
            answered.Add(await page.Locator("h1").InnerTextAsync());
            await page.Locator("input[name=relationship][value=peer]").FocusAsync();
            await page.Keyboard.PressAsync("Space");
            await page.Locator("textarea[name=sharedProject]").FocusAsync();
            await page.Keyboard.TypeAsync($"worked on release {step} together");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save my answers" }).FocusAsync();
            await page.Keyboard.PressAsync("Enter");
        }

        await Assertions.Expect(page.GetByText("Thank you for working ahead")).ToBeVisibleAsync();
        var connections = await campaign.Store.GetConnectionsAsync(campaign.CampaignId, CancellationToken.None);
        var replies = await campaign.Store.GetRepliesAsync(campaign.CampaignId, CancellationToken.None);
        Assert.Equal(5, answered.Distinct().Count());
        foreach (var name in answered)
        {
            var connection = connections.Single(c => c.Connection.DisplayName == name);
            var reply = Assert.Single(replies, r => r.ConnectionId == connection.Connection.Id);
            Assert.Equal(RelationshipKind.Peer, reply.Answers.Relationship);
        }

        Assert.Equal(before + 5, replies.Count);
        await Assertions.Expect(page.Locator("dt", new() { HasTextRegex = new System.Text.RegularExpressions.Regex("^Answered$") }).Locator("xpath=following-sibling::dd")).ToHaveTextAsync(replies.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task The_campaign_page_and_the_reply_form_have_no_serious_or_critical_accessibility_violations()
    {
        await AnswerSomeAsync();
        await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions(Phone) { BypassCSP = true });
        var page = await context.NewPageAsync();
        await page.GotoAsync(campaign.OwnerLink);
        var campaignPage = await page.RunAxe();

        await page.GetByRole(AriaRole.Button, new() { Name = "Answer the next 5 now" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Working ahead: prompt 1 of 5")).ToBeVisibleAsync();
        var replyForm = await page.RunAxe();

        var serious = campaignPage.Violations.Concat(replyForm.Violations)
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}")
            .ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious));
        Assert.NotEmpty(campaignPage.Passes);
    }

    /// <summary>Answers three people the way the reply page stores them, so the page has a shortlist and answers to show.</summary>
    private async Task AnswerSomeAsync()
    {
        var connections = await campaign.Store.GetConnectionsAsync(campaign.CampaignId, CancellationToken.None);
        var answers = new Dictionary<string, ReplyAnswers>
        {
            ["Maya Chen"] = new() { Relationship = RelationshipKind.Boss, Strength = 5, TheirPerception = 5, YourPerception = 5, CouldHelp = HelpKind.Refer | HelpKind.Introduce, SharedProject = "shipped the payments rewrite together", CanOffer = "feedback on your next talk" },
            ["Zoë O'Brien <Ltd>"] = new() { Relationship = RelationshipKind.Peer, Strength = 4, TheirPerception = 4, YourPerception = 5, CouldHelp = HelpKind.Advise, SharedProject = "ran the <design> guild" },
            ["Lars Eriksen"] = new() { Relationship = RelationshipKind.Client, Strength = 4, TheirPerception = 4, YourPerception = 4, SharedProject = "launched the Tailspin portal" },
        };
        foreach (var (name, reply) in answers)
        {
            var connection = connections.Single(c => c.Connection.DisplayName == name);
            await campaign.Store.SaveReplyAsync(new RecordedReply(campaign.CampaignId, connection.Connection.Id, reply, ReplyChannel.ReplyPage, DateTimeOffset.UtcNow), CancellationToken.None);
        }
    }

    private async Task WaitForStateAsync(IPage page, CampaignState state, string button)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while ((await campaign.Store.FindCampaignAsync(campaign.CampaignId, timeout.Token))!.State != state)
        {
            await Task.Delay(200, timeout.Token);
        }

        await page.ReloadAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = button })).ToBeVisibleAsync();
    }

    /// <summary>
    /// One campaign in one local runtime for the whole class (starting a runtime per test would cost seconds each): one
    /// prompt goes out at once, the next ten minutes later, so the rest are there to work ahead on.
    /// </summary>
    public sealed class Campaign : IAsyncLifetime
    {
        private LocalRuntimeTestHost _host = null!;

        public ICampaignStore Store { get; private set; } = null!;

        public string CampaignId { get; private set; } = "";

        public string OwnerLink { get; private set; } = "";

        public async Task InitializeAsync()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            _host = await LocalRuntimeTestHost.StartAsync(TimeSpan.FromMinutes(10), grace: null, timeout.Token);
            var campaign = await _host.ImportAsync(People, timeout.Token);
            Store = _host.Store;
            CampaignId = campaign.CampaignId;
            OwnerLink = _host.Runtime.Services.GetRequiredService<ReplyLinks>().OwnerPageUrl(campaign).ToString();
        }

        public async Task DisposeAsync() => await _host.DisposeAsync();
    }
}
