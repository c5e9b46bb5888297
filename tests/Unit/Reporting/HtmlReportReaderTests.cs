using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Repro.Reporting;

namespace Repro.Unit.Reporting;

/// <summary>
/// The report as a reader sees it, in Debian's headless Chromium: it fits a laptop and a phone without scrolling the
/// page sideways (screenshots of both are saved with the test results), axe-core finds no serious or critical
/// accessibility violation, every chart draws data (a panel without any says why instead), and neither the page nor the
/// JSON beside it names a folder of the machine that wrote them.
/// </summary>
[Category("Browser")]
[NonParallelizable]
public class HtmlReportReaderTests
{
    private const string Chromium = "/usr/bin/chromium";

    private TempFolder temp = null!;
    private string url = null!;
    private string htmlPath = null!;

    [OneTimeSetUp]
    public void WriteReport()
    {
        if (!File.Exists(Chromium))
            Assert.Ignore($"{Chromium} is absent: install Debian's chromium package (apt-get install -y chromium) to run the browser tests.");
        temp = new TempFolder();
        var model = ReportModel.FromLedger(ReportFixtures.Ledger(temp.File("ledger.db"), 4), ReportFixtures.Baselines, FakeResults.Start);
        // Every section a reader meets: the findings first and the scale study beside them (the committed snapshots).
        model = model with
        {
            Findings = Repro.Harness.ReportWriter.Judge(model.Entries.Select(e => e.Result), Repro.Paper.HeadlineFindings.All),
            ScaleStudy = ScaleStudy.Load(Path.Combine(RepositoryPaths.Root, "baselines")),
        };
        htmlPath = temp.File("reports/index.html");
        HtmlReport.Write(htmlPath, model);
        ResultsFile.Write(temp.File("reports/results.json"), model.Entries.Select(e => e.Result));
        url = new Uri(htmlPath).AbsoluteUri;
    }

    [OneTimeTearDown]
    public void RemoveReport() => temp?.Dispose();

    [TestCase(1366, 768, "laptop")]
    [TestCase(390, 844, "phone")]
    public async Task Page_AtLaptopAndPhoneWidths_NeverScrollsSideways_AndIsSavedAsScreenshots(int width, int height, string name)
    {
        await using var session = await Open(width, height);
        var page = session.Page;

        // Wide tables scroll inside their own box; the page itself never needs a sideways scroll.
        int scrollWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        // The widest elements that stick out, named for the failure message.
        var wide = await page.EvaluateAsync<string[]>($@"[...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > {width} && !e.closest('.table-wrap'))
            .slice(0, 8).map(e => e.tagName.toLowerCase() + '.' + (e.className.baseVal ?? e.className) + ' ' + Math.round(e.getBoundingClientRect().right))");
        scrollWidth.Should().BeLessThanOrEqualTo(width, "the page fits a {0} px window (wide tables scroll inside .table-wrap); too wide: {1}", width, string.Join(", ", wide));

        var folder = Directory.CreateDirectory(Path.Combine(TestContext.CurrentContext.WorkDirectory, "screenshots")).FullName;
        var shots = new List<string> { Path.Combine(folder, $"opening-{name}-{width}x{height}.png") };
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = shots[0] });
        foreach (var (section, file) in new[] { ("Table01_OnDevicePriors", "table1"), ("Figure1_CostVsSecurity", "figure1") })
        {
            var locator = page.Locator($"section#{section}");
            await locator.ScrollIntoViewIfNeededAsync();
            shots.Add(Path.Combine(folder, $"{file}-{name}-{width}x{height}.png"));
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = shots[^1] });
        }
        foreach (var shot in shots)
        {
            new FileInfo(shot).Length.Should().BeGreaterThan(10_000, "a screenshot of a rendered page, not a blank one");
            TestContext.AddTestAttachment(shot);
        }
    }

    [Test]
    public async Task Page_HasNoSeriousOrCriticalAccessibilityViolation()
    {
        await using var session = await Open(1366, 768);

        var result = await session.Page.RunAxe();

        var blocking = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        foreach (var v in result.Violations) TestContext.Out.WriteLine($"axe: {v.Impact} {v.Id} ({v.Nodes.Length} nodes): {v.Help}");
        blocking.Select(v => $"{v.Impact} {v.Id}: {v.Help} (e.g. {v.Nodes.FirstOrDefault()?.Html})").Should().BeEmpty();
    }

    [Test]
    public async Task EveryChart_DrawsData_AndAPanelWithoutDataSaysWhyAndHowToMeasureIt()
    {
        await using var session = await Open(1366, 768);
        var page = session.Page;

        var charts = page.Locator("svg.chart");
        int count = await charts.CountAsync();
        count.Should().BeGreaterThan(0);
        for (int i = 0; i < count; i++)
            (await charts.Nth(i).Locator("circle.marker, circle.point").CountAsync()).Should().BeGreaterThan(0, "chart {0} ({1}) has no data mark",
                i, await charts.Nth(i).GetAttributeAsync("aria-label"));
        (await page.Locator("svg.chart g.series.paper circle.paper-marker").CountAsync()).Should().BeGreaterThan(0, "Figure 1 draws the paper's values beside the measured ones");
        (await page.Locator("section#scale-study svg.chart circle.marker").CountAsync()).Should().BeGreaterThan(0, "the scale study draws its measured scales");
        (await page.Locator("section#findings").CountAsync()).Should().Be(1);
        var missing = page.Locator(".chart-missing-panel");
        (await missing.CountAsync()).Should().BeGreaterThan(0);
        await Microsoft.Playwright.Assertions.Expect(missing.First).ToContainTextAsync("repro reproduce --profile mini-full");
    }

    [Test]
    public void PageAndJson_NameNoFolderOfTheMachineThatWroteThem()
    {
        var page = File.ReadAllText(htmlPath);
        var json = File.ReadAllText(temp.File("reports/results.json"));
        foreach (var text in new[] { page, json })
        {
            text.Should().NotContain(temp.Path).And.NotContain(Path.GetTempPath()).And.NotContain(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) + "/");
        }
    }

    private async Task<BrowserSession> Open(int width, int height)
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = new[] { "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync" },
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        // Only the page itself may load: the report is one self-contained file.
        await context.RouteAsync("**/*", async route =>
        {
            if (route.Request.Url == url) await route.ContinueAsync();
            else await route.AbortAsync();
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync(url, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        return new BrowserSession(playwright, browser, page);
    }

    private sealed record BrowserSession(IPlaywright Playwright, IBrowser Browser, IPage Page) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Browser.DisposeAsync();
            Playwright.Dispose();
        }
    }
}
