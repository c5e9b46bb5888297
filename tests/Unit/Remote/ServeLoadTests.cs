using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Repro.Unit.Remote;

/// <summary>
/// `repro serve` under a bounded loopback load: after a warm-up and a first thousand requests, its resident memory levels
/// off. Explicit (half a minute of load): `dotnet test --filter Category=Load`. Measured 2026-12-08 on 2 cores: 248 MiB
/// after 100 requests, 258 after 1,000 more, 260 after 1,000 more again (8 images a request). Before the fix it grew
/// 261 -> 353 -> 413 MiB: every request's evaluation-mode scope asked the TorchScript model for its submodules, which
/// makes native wrappers that are never returned (see EvaluationModeScope).
/// </summary>
[Explicit, Category("Load")]
public class ServeLoadTests
{
    static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "ForeignModels", name);

    [Test]
    public async Task ResidentMemory_StaysFlatOverAThousandRequests()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "repro.dll"), "serve", "--model", Fixture("mini-server.pt"), "--port", "0" })
            start.ArgumentList.Add(a);
        using var server = Process.Start(start)!;
        try
        {
            string? line, url = null;
            while ((line = await server.StandardOutput.ReadLineAsync()) is not null)
                if (Regex.Match(line, @"at (http://\S+/v2/models/\S+) ") is { Success: true } m) { url = m.Groups[1].Value; break; }
            url.Should().NotBeNull("the server prints its URL");
            using var http = new HttpClient();
            var body = Encoding.UTF8.GetBytes("{\"inputs\": [{\"name\": \"input\", \"shape\": [8, 3, 32, 32], \"datatype\": \"FP32\", \"data\": [" +
                string.Join(",", Enumerable.Range(0, 8 * 3072).Select(i => ((i % 255) / 255.0).ToString("0.###", CultureInfo.InvariantCulture))) + "]}]}");

            async Task Send(int count)
            {
                for (int i = 0; i < count; i++)
                {
                    using var response = await http.PostAsync(url + "/infer", new ByteArrayContent(body));
                    response.EnsureSuccessStatusCode();
                }
            }

            await Send(100);
            long warm = Rss(server.Id);
            await Send(1000);
            long first = Rss(server.Id);
            await Send(1000);
            long second = Rss(server.Id);

            TestContext.Out.WriteLine($"RSS after 100 warm-up requests {warm / 1024} MiB, after 1,000 more {first / 1024} MiB, after 1,000 more again " +
                $"{second / 1024} MiB ({body.Length} bytes a request, 8 images)");
            (second - first).Should().BeLessThan(32 * 1024, "after the first thousand requests the server's resident memory levels off");
        }
        finally
        {
            server.Kill(entireProcessTree: true);
        }
    }

    /// <summary>VmRSS of a process, in KiB.</summary>
    static long Rss(int pid) =>
        long.Parse(File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
}
