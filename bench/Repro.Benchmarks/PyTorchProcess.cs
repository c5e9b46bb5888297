using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Repro.Benchmarks;

/// <summary>
/// bench/pytorch/side_by_side.py run as a server beside this process: it loads the same inputs folder once, then
/// measures one workload per request (a line naming it) and answers with one JSON line of times. Kept alive so
/// that the two sides of a workload are measured back to back, minutes apart from nothing else.
/// </summary>
public sealed class PyTorchProcess : IDisposable
{
    readonly Process process;

    PyTorchProcess(Process process, JsonObject banner)
    {
        this.process = process;
        Banner = banner;
    }

    /// <summary>What the script reported on start: torch version, threads, and per model the largest logit difference from Repro's.</summary>
    public JsonObject Banner { get; }

    public static PyTorchProcess Start(string python, string script, string inputs, IEnumerable<(string Name, string Value)> environment)
    {
        var start = new ProcessStartInfo(python)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = false,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { script, "--serve", "--inputs", inputs }) start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment) start.Environment[name] = value;
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {python}");
        var banner = ReadLine(process, "start-up");
        return new PyTorchProcess(process, banner);
    }

    public (SideBySide.Side Times, string Check) Measure(WorkloadSpec spec)
    {
        process.StandardInput.WriteLine(spec.Name);
        process.StandardInput.Flush();
        var answer = ReadLine(process, spec.Name);
        static TimingSummary Read(JsonNode? node) => new(node!.AsArray().Select(t => t!.GetValue<double>()).ToList());
        return (new SideBySide.Side(Read(answer["milliseconds"]), Read(answer["cpuMilliseconds"])), answer["check"]?.GetValue<string>() ?? "");
    }

    static JsonObject ReadLine(Process process, string what)
    {
        var line = process.StandardOutput.ReadLine()
            ?? throw new InvalidOperationException($"the PyTorch script ended during {what} (exit code {(process.HasExited ? process.ExitCode : -1)}); its error is above");
        var node = JsonNode.Parse(line)?.AsObject() ?? throw new InvalidDataException($"the PyTorch script answered '{line}'");
        if (node["error"] is { } error) throw new InvalidOperationException($"the PyTorch script failed on {what}: {error.GetValue<string>()}");
        return node;
    }

    public void Dispose()
    {
        try
        {
            process.StandardInput.Close();
            if (!process.WaitForExit(30_000)) process.Kill();
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        process.Dispose();
    }

    /// <summary>Compact JSON for logs.</summary>
    public override string ToString() => Banner.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
}
