using System.Diagnostics;
using System.Security.Cryptography;
using Repro.Failures;
using Repro.Harness.Planning;
using Repro.Reporting;
using Repro.Reporting.Ledger;

namespace Repro.Unit.Cli;

/// <summary>
/// `repro plan`: the exported jobs, run by several worker processes that pull them as their needs complete, give the very
/// results and model files one `repro reproduce` gives; a job refuses to start before its inputs, or from another build's plan.
/// </summary>
public class PlanCommandTests
{
    // Three levels of models (server, pruned, pruned then fine-tuned; a second server fine-tuned then pruned), a model read
    // directly (Table VII's sparsity) and every evaluation kind: 15 jobs, kept to one experiment so the test stays near a minute.
    static readonly string[] Experiments = { "Table07_UnpairingPruning" };

    CliSandbox sandbox = null!;
    [SetUp] public void Create() => sandbox = new CliSandbox();
    [TearDown] public void Delete() => sandbox.Dispose();

    string In(string name) => Path.Combine(sandbox.Root, name);

    CliSandbox.Outcome Export(string cache, params string[] experiments) =>
        sandbox.Run(["plan", "export", "--profile", "smoke", "-e", .. experiments, "--out", In("plan"), "--cache", cache, "--baselines", sandbox.Baselines]);

    CliSandbox.Outcome RunJob(int job, string cache, string reports) =>
        sandbox.Run(["plan", "run", "--plan", In("plan/plan.json"), "--job", job.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--cache", cache, "--reports", reports, "--baselines", sandbox.Baselines]);

    [Test]
    public void PlanJobs_OnThreeWorkerProcesses_GiveTheResultsAndModelFilesOfOneProcess()
    {
        var clock = Stopwatch.StartNew();
        var one = sandbox.Run(["reproduce", "--profile", "smoke", "-e", .. Experiments, "--cache", In("one-cache"), "--reports", In("one-reports"), "--baselines", sandbox.Baselines]);
        one.ExitCode.Should().Be(0, one.ToString());
        var oneProcess = clock.Elapsed;

        clock.Restart();
        var export = Export(In("many-cache"), Experiments);
        export.ExitCode.Should().Be(0, export.ToString());
        var plan = JobPlan.Load(In("plan/plan.json"));
        var workers = new PlanWorkers(plan, 3, job => RunJob(job.Id, In("many-cache"), In("many-reports")));
        var outcomes = workers.Run();
        outcomes.Where(o => o.Value.ExitCode != 0).Select(o => $"job {o.Key}: {o.Value}").Should().BeEmpty();
        outcomes.Should().HaveCount(plan.Builds.Count);
        var assemble = RunJob(plan.Assemble.Id, In("many-cache"), In("many-reports"));
        assemble.ExitCode.Should().Be(0, assemble.ToString());
        var manyProcesses = clock.Elapsed;
        TestContext.Out.WriteLine($"one process: {oneProcess.TotalSeconds:F0} s; {plan.Builds.Count} jobs on 3 workers (at most {workers.MostAtOnce} at once) " +
            $"and the assembly: {manyProcesses.TotalSeconds:F0} s");

        workers.MostAtOnce.Should().BeGreaterThan(1, "the workers ran jobs side by side");
        var expected = ResultsFile.Read(In("one-reports/results.json"));
        var actual = ResultsFile.Read(In("many-reports/results.json"));
        actual.Select(r => r.Experiment).Should().Equal(Experiments);
        foreach (var (mine, theirs) in actual.Zip(expected))
        {
            mine.Rows.Should().BeEquivalentTo(theirs.Rows, o => o.ComparingRecordsByMembers().WithStrictOrdering(), $"every number of {mine.Experiment}");
            mine.Claims.Select(c => (c.Claim, c.Outcome)).Should().Equal(theirs.Claims.Select(c => (c.Claim, c.Outcome)));
        }
        var models = ModelHashes(In("many-cache"));
        models.Should().NotBeEmpty().And.BeEquivalentTo(ModelHashes(In("one-cache")), "the same models, bit for bit");
        Keys(In("many-cache")).Should().BeEquivalentTo(Keys(In("one-cache")), "the plan built every artifact one process builds, and no other");

        var ledger = new RunLedger(In("many-reports/ledger.db"));
        ledger.Runs().Should().HaveCount(plan.Builds.Count + 1, "each job's run, merged, and the assembly's");
        ledger.Runs().Should().OnlyContain(r => r.ExitCode == 0);
        ledger.Counts().Results.Should().Be(Experiments.Length);
        var again = RunJob(plan.Assemble.Id, In("many-cache"), In("many-reports"));
        again.ExitCode.Should().Be(0, again.ToString());
        again.Out.Should().Contain($"merged {plan.Builds.Count} job ledger(s)").And.Contain("(0 new run(s))");
    }

    [Test]
    public void Run_AJobWhoseInputsAreNotBuilt_BadInputNamingTheJobsToRunFirst()
    {
        Export(In("cache"), "Table07_UnpairingPruning").ExitCode.Should().Be(0);
        var plan = JobPlan.Load(In("plan/plan.json"));
        var derived = plan.Builds.First(j => j.Needs.Count > 0);

        var outcome = RunJob(derived.Id, In("cache"), In("reports"));

        outcome.ExitCode.Should().Be((int)ExitCode.BadInput, outcome.ToString());
        outcome.Error.Should().Contain($"plan job {derived.Id}").And.Contain($"(job {derived.Needs[0]}:").And.Contain("run those jobs first");
        var ledgers = Directory.GetFiles(In("reports/jobs"), "*.ledger.db", SearchOption.AllDirectories);
        ledgers.Should().ContainSingle("the failed job's run is kept in its own ledger");
        new RunLedger(ledgers[0]).Failures().Should().ContainSingle().Which.Error.Should().Contain("run those jobs first");
    }

    [Test]
    public void Run_APlanWhoseKeyThisBuildDoesNotMake_BadInputSayingToExportAgain()
    {
        Export(In("cache"), "Table07_UnpairingPruning").ExitCode.Should().Be(0);
        var plan = JobPlan.Load(In("plan/plan.json"));
        (plan with { Commit = "an-older-commit", Jobs = plan.Jobs.Select(j => j.Id == 1 ? j with { Key = "model-0000000000000000" } : j).ToList() })
            .Write(In("plan/plan.json"));

        var outcome = RunJob(1, In("cache"), In("reports"));

        outcome.ExitCode.Should().Be((int)ExitCode.BadInput, outcome.ToString());
        outcome.Error.Should().Contain("plans no such artifact").And.Contain("an-older-commit").And.Contain("Export the plan again");
    }

    [Test]
    public void Export_AnUnknownFormat_SuggestsTheClosest()
    {
        var outcome = sandbox.Run(["plan", "export", "--profile", "smoke", "--format", "slurmm", "--out", In("plan")]);

        outcome.ExitCode.Should().Be((int)ExitCode.BadInput, outcome.ToString());
        outcome.Error.Should().Contain("--format 'slurmm' is not known; did you mean 'slurm'?");
        Directory.Exists(In("plan")).Should().BeFalse();
    }

    [TestCase("--shared", "/sh\"$(touch PWNED)\"")]
    [TestCase("--shared", "/shared/`touch PWNED`")]
    [TestCase("--shared", "/shared repro; touch PWNED")]
    [TestCase("--shared", "/shared\ntouch PWNED")]
    [TestCase("--image", "repro:1\"\n  command: [touch, PWNED]")]
    [TestCase("--image", "repro$(touch PWNED)")]
    [TestCase("--runner-labels", "gpu]\n    steps: [{run: touch PWNED}]")]
    public void Export_AValueWithShellOrYamlCharacters_IsRefusedAndNothingIsWritten(string option, string value)
    {
        var outcome = sandbox.Run(["plan", "export", "--profile", "smoke", "-e", "Table07_UnpairingPruning", "--out", In("plan"), option, value]);

        outcome.ExitCode.Should().Be((int)ExitCode.BadInput, outcome.ToString());
        outcome.Error.Should().Contain(option).And.Contain("cannot be written into the scheduler files safely");
        Directory.Exists(In("plan")).Should().BeFalse();
        File.Exists(Path.Combine(sandbox.Root, "PWNED")).Should().BeFalse();
    }

    [Test]
    public void LedgerMerge_OfADamagedLedger_FailsAndLeavesNoTargetBehind()
    {
        File.WriteAllText(In("bad.db"), "this is not a SQLite database, and it is long enough to be read as one");

        var outcome = sandbox.Run(["ledger", "merge", In("bad.db"), "--out", In("target.db")]);

        outcome.ExitCode.Should().Be((int)ExitCode.CorruptStore, outcome.ToString());
        outcome.Error.Should().Contain("bad.db").And.Contain("damaged");
        File.Exists(In("target.db")).Should().BeFalse();
        File.Exists(In("target.db-wal")).Should().BeFalse();
    }

    [Test]
    public void LedgerMerge_TwoJobLedgers_MergesThemAndTheSecondTimeAddsNothing()
    {
        var ledgers = new[] { In("a.db"), In("b.db") };
        foreach (var path in ledgers)
        {
            var ledger = new RunLedger(path);
            ledger.FinishRun(ledger.StartRun(new RunInfo(DateTimeOffset.UtcNow, "abc", false, "smoke", "cpu", "0.107", "2.10", "box", path)), DateTimeOffset.UtcNow, 0);
        }

        var first = sandbox.Run(["ledger", "merge", "--into", In("merged.db"), .. ledgers]);
        var second = sandbox.Run(["ledger", "merge", .. ledgers, "--out", In("merged.db")]);

        first.ExitCode.Should().Be(0, first.ToString());
        first.Out.Should().Contain("added 1 run(s), 1 end(s)");
        second.Out.Should().Contain("added 0 run(s), 0 end(s), 0 result(s), 0 measurement(s), 0 failure(s), 0 acceptance(s)");
        new RunLedger(In("merged.db")).Runs().Should().HaveCount(2);
    }

    /// <summary>SHA-256 of every model file in a cache, by artifact key.</summary>
    static Dictionary<string, string> ModelHashes(string cache) =>
        Directory.EnumerateFiles(cache, "model.bin", SearchOption.AllDirectories)
            .ToDictionary(p => Path.GetFileName(Path.GetDirectoryName(p)!), p => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(p))));

    static IReadOnlyList<string> Keys(string cache) =>
        Directory.EnumerateFiles(cache, "manifest.json", SearchOption.AllDirectories).Select(p => Path.GetFileName(Path.GetDirectoryName(p)!)).Order().ToList();
}
