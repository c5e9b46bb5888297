using System.CommandLine;
using Repro.Cli;
using Repro.Failures;

namespace Repro.Unit.Cli;

/// <summary>The top-level error policy: one plain line and the exit code of the failure's class; a stack trace only for a bug, with --verbose.</summary>
public class CommandLineTests
{
    CliSandbox sandbox = null!;

    [SetUp] public void Create() => sandbox = new CliSandbox();
    [TearDown] public void Delete() => sandbox.Dispose();

    [Test]
    public void Run_UnknownOption_BadInputNamingIt()
    {
        var outcome = sandbox.Run(["reproduce", "--profile", "smoke", "--bogus"]);

        outcome.ExitCode.Should().Be((int)ExitCode.BadInput, outcome.ToString());
        outcome.Error.Should().Contain("Unrecognized command or argument '--bogus'");
    }

    [Test]
    public void Run_UnknownProfile_BadInputWithASuggestionAndNoStackTrace()
    {
        var outcome = sandbox.Run(["reproduce", "--profile", "smok", "--reports", sandbox.Reports, "--baselines", sandbox.Baselines]);

        outcome.ExitCode.Should().Be((int)ExitCode.BadInput, outcome.ToString());
        outcome.Error.Should().Be("repro: unknown profile 'smok'; did you mean 'smoke'? Known profiles: paper, fast, mini, mini-full, smoke, scale-1, scale-2, scale-3, scale-4\n");
    }

    [Test]
    public void Run_ReproCacheIsAFile_BadInputSayingItMustBeAFolder()
    {
        var file = Path.Combine(sandbox.Root, "cache-file");
        File.WriteAllText(file, "");

        var outcome = sandbox.Run(["reproduce", "--profile", "smoke", "--reports", sandbox.Reports, "--baselines", sandbox.Baselines],
            new Dictionary<string, string?> { ["REPRO_CACHE"] = file });

        outcome.ExitCode.Should().Be((int)ExitCode.BadInput, outcome.ToString());
        outcome.Error.Should().Contain($"REPRO_CACHE points to a file ('{file}'); it must be a folder");
        CliSandbox.Entries(sandbox.Reports).Should().BeEmpty("nothing is written for a run that cannot start");
    }

    [Test]
    public void Run_CacheOptionIsAFile_BadInputNamingTheOption()
    {
        var file = Path.Combine(sandbox.Root, "cache-file");
        File.WriteAllText(file, "");

        var outcome = sandbox.Run(["reproduce", "--profile", "smoke", "--cache", file, "--reports", sandbox.Reports, "--baselines", sandbox.Baselines]);

        outcome.ExitCode.Should().Be((int)ExitCode.BadInput, outcome.ToString());
        outcome.Error.Should().Contain($"--cache points to a file ('{file}'); it must be a folder");
    }

    [Test]
    public void Run_ReportsOptionIsAFile_BadInputNamingTheOption()
    {
        var file = Path.Combine(sandbox.Root, "reports-file");
        File.WriteAllText(file, "");

        var outcome = sandbox.Run(["report", "--reports", file, "--baselines", sandbox.Baselines]);

        outcome.ExitCode.Should().Be((int)ExitCode.BadInput, outcome.ToString());
        outcome.Error.Should().Contain($"--reports points to a file ('{file}'); it must be a folder");
        File.ReadAllText(file).Should().BeEmpty();
    }

    [Test]
    public void Build_EveryOptionAndArgumentOfEveryCommand_HasAHelpDescription()
    {
        var undescribed = new List<string>();
        void Visit(Command command, string path)
        {
            foreach (var option in command.Options.Where(o => string.IsNullOrWhiteSpace(o.Description))) undescribed.Add($"{path} {option.Name}");
            foreach (var argument in command.Arguments.Where(a => string.IsNullOrWhiteSpace(a.Description))) undescribed.Add($"{path} <{argument.Name}>");
            foreach (var sub in command.Subcommands) Visit(sub, $"{path} {sub.Name}");
        }

        Visit(CommandLine.Build(), "repro");

        undescribed.Should().BeEmpty();
    }

    [Test]
    public void Report_ExpectedFailure_OneLineWithoutStackTraceEvenWhenVerbose()
    {
        var error = new StringWriter();

        int code = CommandLine.Report(Failure.Of(new DirectoryNotFoundException("'x' does not exist")), verbose: true, error);

        code.Should().Be((int)ExitCode.BadInput);
        error.ToString().Should().Be("repro: 'x' does not exist" + Environment.NewLine);
    }

    [Test]
    public void Report_Bug_StackTraceOnlyWithVerbose()
    {
        Exception bug;
        try { throw new InvalidOperationException("a bug"); }
        catch (InvalidOperationException e) { bug = e; }
        var quiet = new StringWriter();
        var verbose = new StringWriter();

        CommandLine.Report(Failure.Of(bug), verbose: false, quiet).Should().Be((int)ExitCode.InternalError);
        CommandLine.Report(Failure.Of(bug), verbose: true, verbose);

        quiet.ToString().Should().Contain("internal error (a bug in Repro)").And.Contain("--verbose").And.NotContain(" at ");
        verbose.ToString().Should().Contain(nameof(Report_Bug_StackTraceOnlyWithVerbose));
    }

    [TestCase("OMP_NUM_THREADS", "abc")]
    [TestCase("OMP_NUM_THREADS", "0")]
    [TestCase("OMP_NUM_THREADS", "-4")]
    [TestCase("REPRO_GC_STRESS", "yes")]
    public void Run_AnEnvironmentValueReproCannotUse_BadInputNamingItBeforeAnyWork(string variable, string value)
    {
        var outcome = sandbox.Run(["reproduce", "--profile", "smoke", "-e", "Table01_OnDevicePriors"], new Dictionary<string, string?> { [variable] = value });

        outcome.ExitCode.Should().Be((int)ExitCode.BadInput, outcome.ToString());
        outcome.Error.Should().Contain($"{variable}='{value}'");
        CliSandbox.Entries(sandbox.Cache).Should().BeEmpty("nothing is trained in another thread count's namespace");
    }

    [Test]
    public void Environment_ReportsTheKeepAlivePatch()
    {
        var outcome = sandbox.Run(["environment"]);

        outcome.ExitCode.Should().Be(0, outcome.ToString());
        outcome.Out.Should().Contain("TorchSharp patch keep-alive");
    }

    [TestCase("abc")]
    [TestCase("99999999999")]
    [TestCase("0")]
    public void Run_AWorkerCountThatIsNotOne_BadInputNamingTheOption(string value)
    {
        var outcome = sandbox.Run(["reproduce", "--profile", "smoke", "--workers", value]);

        outcome.ExitCode.Should().Be((int)ExitCode.BadInput, outcome.ToString());
        outcome.Error.Should().Contain("--workers").And.NotContain("internal error").And.NotContain("System.");
    }

    [Test]
    public void Run_AnOptionValueOfTheWrongKind_OneLineNamingOptionValueAndKindThenWhereTheHelpIs()
    {
        var outcome = sandbox.Run(["plan", "export", "--out", "plan", "--max-parallel", "1e99"]);

        outcome.ExitCode.Should().Be((int)ExitCode.BadInput, outcome.ToString());
        outcome.Error.Should().Contain("repro: --max-parallel '1e99' is not a whole number (up to 2,147,483,647)")
            .And.Contain("Run 'repro plan export --help' for its options.").And.NotContain("Usage:");
    }

    [Test]
    public void Run_AFileWhereTheCacheKeepsAKindOfArtifact_CorruptStoreNamingIt()
    {
        var kinds = Directory.CreateDirectory(Path.Combine(sandbox.Cache, "artifacts", Repro.Runtime.NumericsRecord.Current(cuda: false).Namespace));
        var file = Path.Combine(kinds.FullName, "model");
        File.WriteAllText(file, "");

        var outcome = sandbox.Reproduce("-e", "Table07_UnpairingPruning");

        outcome.ExitCode.Should().Be((int)ExitCode.CorruptStore, outcome.ToString());
        outcome.Error.Should().Contain($"has a file at '{file}', where it keeps model artifacts in a folder");
    }

    [Test]
    public void Run_AVerifiedSnapshotOfAnotherExperiment_BadBaselineBeforeAnyTraining()
    {
        var mini = Path.Combine(sandbox.Baselines, "mini");
        File.Copy(Path.Combine(mini, "Table03_UnpairingSingleObjective.verified.json"), Path.Combine(mini, "Table07_UnpairingPruning.verified.json"), overwrite: true);

        var outcome = sandbox.Run(["reproduce", "--profile", "mini", "-e", "Table07_UnpairingPruning", "--cache", sandbox.Cache, "--reports", sandbox.Reports, "--baselines", sandbox.Baselines]);

        outcome.ExitCode.Should().Be((int)ExitCode.BadBaseline, outcome.ToString());
        outcome.Error.Should().Contain("names experiment 'Table03_UnpairingSingleObjective'");
        CliSandbox.Entries(sandbox.Cache).Should().BeEmpty("nothing is trained before the inputs are read");
    }

    [Test]
    public void Run_APathWhoseBytesAreNotUtf8_IsRefusedNamingTheOption()
    {
        // What .NET hands over for bytes that are not UTF-8 (U+FFFD): the folder named so does not exist under that name.
        var reports = Path.Combine(sandbox.Root, "r\uFFFD");

        var outcome = sandbox.Run(["report", "--reports", reports, "--baselines", sandbox.Baselines]);

        outcome.ExitCode.Should().Be((int)ExitCode.BadInput, outcome.ToString());
        outcome.Error.Should().Contain("--reports").And.Contain("not UTF-8");
        Directory.Exists(reports).Should().BeFalse();
    }
}
