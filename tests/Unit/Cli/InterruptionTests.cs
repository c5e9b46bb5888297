using System.Diagnostics;
using System.Runtime.InteropServices;
using Repro.Reporting.Ledger;

namespace Repro.Unit.Cli;

/// <summary>SIGINT and SIGTERM end a run gracefully: exit 130/143, the run's end in the ledger, no temporary build folder left, and the same command resumes.</summary>
[NonParallelizable]
public class InterruptionTests
{
    [DllImport("libc", SetLastError = true)]
    static extern int kill(int pid, int signal);

    [TestCase(2, 130)]
    [TestCase(15, 143)]
    public void ASignalMidRun_EndsItRecordedWithTheShellsCodeAndNothingHalfBuilt(int signal, int expected)
    {
        // A process started in the background by a non-interactive shell (nohup, `cmd &`) inherits SIGINT ignored, and .NET,
        // like any well-behaved program, leaves an ignored SIGINT ignored: a run started that way cannot be Ctrl+C'd by design.
        if (signal == 2 && SignalIgnoredHere(2))
            Assert.Ignore("SIGINT is ignored in this test process (started in the background by a shell), and the child inherits that");
        using var sandbox = new CliSandbox();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = sandbox.Root };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "repro.dll"), "reproduce", "--profile", "smoke", "-e", "Table01_OnDevicePriors",
            "--cache", sandbox.Cache, "--reports", sandbox.Reports, "--baselines", sandbox.Baselines }) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        // Wait until a model is being built, then signal.
        string? line;
        while ((line = process.StandardOutput.ReadLine()) is not null && !line.Contains("building", StringComparison.Ordinal)) { }
        line.Should().NotBeNull("the run reaches its first build");
        Thread.Sleep(1500);
        kill(process.Id, signal).Should().Be(0);
        process.StandardOutput.ReadToEnd();
        process.WaitForExit(TimeSpan.FromMinutes(1)).Should().BeTrue();

        process.ExitCode.Should().Be(expected, error.Result);
        error.Result.Should().Contain("interrupted by SIG").And.Contain("resumes");
        var runs = new RunLedger(sandbox.Ledger).Runs();
        runs.Should().ContainSingle().Which.ExitCode.Should().Be(expected);
        Directory.EnumerateDirectories(sandbox.Cache, ".tmp-*", SearchOption.AllDirectories).Should().BeEmpty();
    }

    /// <summary>Whether <paramref name="signal"/> is ignored in this process (/proc/self/status, SigIgn).</summary>
    static bool SignalIgnoredHere(int signal)
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        return line is not null && (Convert.ToUInt64(line["SigIgn:".Length..].Trim(), 16) & (1UL << (signal - 1))) != 0;
    }
}
