using System.Collections.Concurrent;
using Microsoft.Playwright;
using Repro.Reporting;

namespace Repro.Unit.Reporting;

/// <summary>
/// Opens the generated report in a real headless Chromium (Debian's, never a downloaded one) from disk
/// and checks what a reader sees: tables, verdict cells and SVG charts render, and the page asks the
/// network for nothing.
/// </summary>
[Category("Browser")]
[NonParallelizable]
public class HtmlReportBrowserTests
{
    private const string Chromium = "/usr/bin/chromium";

    [Test]
    public async Task Report_OpenedFromDisk_RendersTablesVerdictsAndChartsWithoutAnyNetworkRequest()
    {
        if (!File.Exists(Chromium))
            Assert.Ignore($"{Chromium} is absent: install Debian's chromium package (apt-get install -y chromium) to run the browser test.");

        using var temp = new TempFolder();
        var model = ReportModel.FromLedger(ReportFixtures.Ledger(temp.File("ledger.db"), 4), ReportFixtures.Baselines, FakeResults.Start);
        string path = temp.File("reports/index.html");
        HtmlReport.Write(path, model);
        string url = new Uri(path).AbsoluteUri;

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = new[] { "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync" },
        });
        var context = await browser.NewContextAsync();
        var requests = new ConcurrentQueue<string>();
        context.Request += (_, request) => requests.Enqueue(request.Url);
        // Anything other than the page itself is recorded and refused, so a stray reference fails here, offline or not.
        await context.RouteAsync("**/*", async route =>
        {
            if (route.Request.Url == url) await route.ContinueAsync();
            else await route.AbortAsync();
        });
        var page = await context.NewPageAsync();

        var response = await page.GotoAsync(url, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        (await page.TitleAsync()).Should().StartWith("Repro report");
        (await page.Locator("section.experiment").CountAsync()).Should().Be(PaperTableCatalog.All.Count);
        (await page.Locator("table.paper-table").CountAsync()).Should().BeGreaterThanOrEqualTo(15 * 2 + 1);
        (await page.Locator("td.verdict.v-reproduced").CountAsync()).Should().BeGreaterThan(0);
        (await page.Locator("td.verdict.v-not-reproduced").CountAsync()).Should().BeGreaterThan(0);
        await Assertions(page.Locator("section#Table01_OnDevicePriors td.verdict").First).ToBeVisibleAsync();
        await Assertions(page.Locator("section#Table02_AutoMl p.stand-in")).ToContainTextAsync("repro serve --label-only --uint8");

        var charts = page.Locator("svg.chart");
        (await charts.CountAsync()).Should().Be(2 * (4 + 2), "Figure 1 (4 panels) and Figure 2 (2 panels) at two profiles");
        var box = await charts.First.BoundingBoxAsync();
        box.Should().NotBeNull();
        box!.Width.Should().BeGreaterThan(300);
        box.Height.Should().BeGreaterThan(200);
        (await page.Locator("svg.chart polyline.line").CountAsync()).Should().BeGreaterThan(0);
        (await page.Locator("svg.scatter-chart line.fit").CountAsync()).Should().BeGreaterThan(0);
        (await page.Locator("svg.spark").CountAsync()).Should().BeGreaterThan(0);
        await Assertions(page.Locator("svg.scatter-chart").First).ToContainTextAsync("r = ");

        requests.Where(u => u != url).Should().BeEmpty("the report is self-contained");
        requests.Should().Contain(url);
        response.Should().NotBeNull();
    }

    private static ILocatorAssertions Assertions(ILocator locator) => Microsoft.Playwright.Assertions.Expect(locator);
}
