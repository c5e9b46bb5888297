using Microsoft.Data.Sqlite;
using Repro.Failures;
using Repro.Reporting;
using Repro.Reporting.Ledger;
using Repro.Training;
using Repro.Harness.Artifacts;

namespace Repro.Unit.Failures;

public class FailureTests
{
    [Test]
    public void ExitCodes_OnePerClass_AllDistinctAndOnlySuccessIsZero()
    {
        var codes = Enum.GetValues<ExitCode>().Select(c => (int)c).ToList();
        codes.Should().OnlyHaveUniqueItems();
        codes.Where(c => c == 0).Should().ContainSingle();
    }

    [Test]
    public void Of_BaselineFormatException_IsBadBaselineAndKeepsFileLineAndColumn()
    {
        var failure = Failure.Of(new BaselineFormatException("baselines/paper/Table03.csv", 3, "mean", "expected a finite number, got 'NaN'"));

        failure.Code.Should().Be(ExitCode.BadBaseline);
        failure.Message.Should().Be("baseline does not read: baselines/paper/Table03.csv, line 3, column 'mean': expected a finite number, got 'NaN'");
        failure.IsBug.Should().BeFalse();
    }

    [Test]
    public void Of_DamagedCacheOrLedger_IsCorruptStore()
    {
        Failure.Of(new CorruptArtifactException("model.bin changed")).Code.Should().Be(ExitCode.CorruptStore);
        Failure.Of(new LedgerUnreadableException("ledger.db is damaged")).Code.Should().Be(ExitCode.CorruptStore);
        Failure.Of(new SqliteException("database disk image is malformed", 11)).Code.Should().Be(ExitCode.CorruptStore);
    }

    [Test]
    public void Of_TheKernelsNoSpaceError_IsNoSpaceAndSaysSo()
    {
        Assume.That(File.Exists("/dev/full"), "needs /dev/full, whose every write fails with ENOSPC");
        IOException noSpace;
        try
        {
            File.WriteAllBytes("/dev/full", new byte[1 << 16]);
            throw new AssertionException("/dev/full accepted a write");
        }
        catch (IOException e) { noSpace = e; }

        var failure = Failure.Of(noSpace);

        failure.Code.Should().Be(ExitCode.NoSpace);
        failure.Message.Should().StartWith("no space left on the device").And.Contain("nothing half-written was kept");
        Failure.Of(new SqliteException("database or disk is full", 13)).Code.Should().Be(ExitCode.NoSpace);
    }

    [Test]
    public void Of_PermissionOrReadOnlyFileSystem_IsPermissionDenied()
    {
        Failure.Of(new UnauthorizedAccessException("Access to the path '/c/model' is denied.")).Message
            .Should().Be("permission denied: Access to the path '/c/model' is denied.");
        if (!OperatingSystem.IsWindows())
            Failure.Of(new IOException("Read-only file system : '/c/x'", 30)).Code.Should().Be(ExitCode.PermissionDenied);
    }

    [Test]
    public void Of_NonFiniteTraining_IsMeasurementFailed()
    {
        var failure = Failure.Of(new NonFiniteTrainingException("server s0", 1, 3, "the loss is NaN"));
        failure.Code.Should().Be(ExitCode.MeasurementFailed);
        failure.Message.Should().Contain("server s0").And.Contain("epoch 1, step 3");
    }

    [Test]
    public void Of_BadInputTypes_AreBadInputWithTheirOwnMessage()
    {
        foreach (var e in new Exception[]
                 {
                     new ArgumentException("unknown profile 'x'"), new FileNotFoundException("paper baseline not found: a.csv"),
                     new DirectoryNotFoundException("'d' does not exist"), new InvalidDataException("'x.png' could not be decoded"),
                 })
            Failure.Of(e).Should().Be(new Failure(ExitCode.BadInput, e.Message, e), e.GetType().Name);
    }

    [Test]
    public void Of_AnUnexplainedError_IsABugThatPointsToVerbose()
    {
        var failure = Failure.Of(new NullReferenceException("Object reference not set"));

        failure.Code.Should().Be(ExitCode.InternalError);
        failure.IsBug.Should().BeTrue();
        failure.Message.Should().Contain("a bug in Repro").And.Contain("NullReferenceException").And.Contain("--verbose");
        Failure.Of(new ArgumentNullException("model")).Code.Should().Be(ExitCode.InternalError, "a null argument is a bug, not bad input");
    }

    [Test]
    public void Of_WrappedInAnAggregate_ClassifiesTheErrorItself()
    {
        var inner = new CorruptArtifactException("model.bin changed");
        Failure.Of(new AggregateException(inner)).Exception.Should().BeSameAs(inner);
    }

    [Test]
    public void Of_ALibTorchError_ShowsItsFirstLineWithoutTheNativeBacktrace()
    {
        const string native = "Expected false to be true, but got false.  (Could this error message be improved?  If so, please report an enhancement request to PyTorch.)\n" +
            "Exception raised from toFloat at /pytorch/c10/core/Scalar.h:140 (most recent call first):\n" +
            "frame #0: c10::Error::Error(c10::SourceLocation, std::string) + 0xb0 (0x7f01b05881a0 in libc10.so)\n" +
            "frame #1: THSTensor_add + 0x62 (0x7f01b03a7202 in libLibTorchSharp.so)\n";
        var failure = Failure.Of(new System.Runtime.InteropServices.ExternalException(native));
        failure.Message.Should().Contain("Expected false to be true, but got false.")
            .And.NotContain("frame #").And.NotContain("Exception raised from").And.NotContain("\n");
        failure.Exception.Message.Should().Contain("frame #1", "--verbose still prints the whole text");
    }
}
