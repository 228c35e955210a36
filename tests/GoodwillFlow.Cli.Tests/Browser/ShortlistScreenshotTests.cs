using System.Globalization;
using GoodwillFlow.Cli.Tests.Shortlists;
using GoodwillFlow.Core.Connections;
using GoodwillFlow.Core.Email;
using GoodwillFlow.Core.Planning;
using GoodwillFlow.Core.Replies;
using GoodwillFlow.Core.Shortlists;
using Microsoft.Playwright;

namespace GoodwillFlow.Cli.Tests.Browser;

/// <summary>
/// The planted network's shortlist page and shortlist email in headless Chromium, as the owner sees them. The
/// screenshots in docs/screenshots are these: regenerate them with
/// <c>GOODWILL_SCREENSHOTS=docs/screenshots dotnet test tests/GoodwillFlow.Cli.Tests --filter FullyQualifiedName~ShortlistScreenshotTests</c>.
/// </summary>
public sealed class ShortlistScreenshotTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private static readonly DateTimeOffset CompiledAt = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private static readonly BrowserNewContextOptions Desktop = new() { ViewportSize = new ViewportSize { Width = 820, Height = 1000 } };

    [Fact]
    public async Task Shortlist_page_shows_the_legacy_the_tiers_and_pay_it_forward_in_a_browser()
    {
        var html = System.Text.Encoding.UTF8.GetString(ShortlistRenderer.Render(PlantedShortlist(), ShortlistFormat.Html));

        var page = await OpenAsync(html);

        Assert.Equal("Your legacy of goodwill", await page.Locator("section.legacy h2").InnerTextAsync());
        Assert.StartsWith("You reflected on 24 people.", await page.Locator("section.legacy p").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(
            ["Your legacy of goodwill", "Ask for a referral or introduction", "Ask for advice", "Reconnect", "Pay it forward"],
            await page.Locator("h2").AllInnerTextsAsync());
        Assert.Contains("Hi Maya, I still remember our work on the payments rewrite.", await page.Locator("li.card").First.InnerTextAsync(), StringComparison.Ordinal);
        await ScreenshotAsync(page, "shortlist.png");
    }

    [Fact]
    public async Task Shortlist_email_shows_the_legacy_the_tiers_and_pay_it_forward_in_a_browser()
    {
        var message = ShortlistEmailComposer.Compose(PlantedShortlist(), "owner@example.com", new Uri("https://goodwill.example/api/campaigns/c/shortlist?format=html"));

        var page = await OpenAsync(message.HtmlBody);

        var text = await page.Locator("body").InnerTextAsync();
        Assert.Contains("Your legacy of goodwill", text, StringComparison.Ordinal);
        Assert.Contains("Ask for a referral or introduction", text, StringComparison.Ordinal);
        Assert.Contains("Pay it forward", text, StringComparison.Ordinal);
        Assert.Contains("Hi Tom, I still remember when we turned a hackathon idea into the onboarding flow.", text, StringComparison.Ordinal);
        await ScreenshotAsync(page, "shortlist-email.png");
    }

    /// <summary>The planted network's shortlist, compiled from its answers the way the campaign compiles it.</summary>
    internal static Shortlist PlantedShortlist()
    {
        var connections = PlantedNetwork.People.Select(p => new Connection(
            ConnectionId.FromText(p.Row.Url),
            p.Row.FirstName,
            p.Row.LastName,
            p.Row.Url,
            null,
            p.Row.Company,
            p.Row.Position,
            DateOnly.ParseExact(p.Row.ConnectedOn, "dd MMM yyyy", CultureInfo.InvariantCulture))).ToList();
        var replies = PlantedNetwork.People.Zip(connections)
            .ToDictionary(p => p.Second.Id, p => p.First.Answers ?? new ReplyAnswers { Skip = true }, StringComparer.Ordinal);
        var targets = new OwnerTargets(PlantedNetwork.TargetCompanies.Split(','), [PlantedNetwork.TargetRoles]);
        return ShortlistCompiler.Compile("planted", connections, replies, targets, CompiledAt);
    }

    private async Task<IPage> OpenAsync(string html)
    {
        var context = await chromium.Browser.NewContextAsync(Desktop);
        var page = await context.NewPageAsync();
        await page.SetContentAsync(html);
        return page;
    }

    /// <summary>Saves a full-page screenshot into $GOODWILL_SCREENSHOTS (from the repository root), else a temporary folder.</summary>
    internal static async Task ScreenshotAsync(IPage page, string name)
    {
        var folder = Environment.GetEnvironmentVariable("GOODWILL_SCREENSHOTS") is { Length: > 0 } configured
            ? Path.GetFullPath(configured, RepositoryRoot())
            : Path.Combine(Path.GetTempPath(), "goodwill-screenshots");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        Assert.True(new FileInfo(path).Length > 10_000, $"{path} looks empty.");
    }

    // A relative folder is taken from the repository root, wherever dotnet test runs the test from.
    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "GoodwillFlow.sln")) && !Directory.Exists(Path.Combine(folder.FullName, ".git")) && !File.Exists(Path.Combine(folder.FullName, ".git")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? Directory.GetCurrentDirectory();
    }
}
