using System.Diagnostics;
using Microsoft.Playwright;

namespace GoodwillFlow.Cli.Tests.Browser;

/// <summary>
/// One headless Chromium per test class, driven by Playwright's bundled driver. The browser is Debian's package
/// (<c>apt-get install chromium</c>, done by .ci/run, or here when running as root); Playwright never downloads one.
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    /// <summary>Where Debian's chromium package puts the browser binary.</summary>
    public const string ExecutablePath = "/usr/lib/chromium/chromium";

    private IPlaywright? _playwright;

    /// <summary>Gets the browser.</summary>
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        EnsureInstalled();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,

            // This machine has no network beyond loopback; stop Chromium reaching out at start.
            Args = ["--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }

    private static void EnsureInstalled()
    {
        if (File.Exists(ExecutablePath))
        {
            return;
        }

        if (Environment.UserName == "root")
        {
            using var apt = Process.Start(new ProcessStartInfo("bash", ["-c", "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium"]) { RedirectStandardOutput = true })!;
            apt.StandardOutput.ReadToEnd();
            apt.WaitForExit();
        }

        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException($"The browser tests need Debian's Chromium at {ExecutablePath}: run `sudo apt-get install chromium`.");
        }
    }
}
