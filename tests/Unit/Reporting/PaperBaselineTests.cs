using Repro.Reporting;

namespace Repro.Unit.Reporting;

public class PaperBaselineTests
{
    private const string Header = "row,group,label,metric,mean,std,tolerance,note\n";

    private static PaperBaseline Parse(string body) => PaperBaseline.Parse(Header + body, "Table99_Test.csv", "Table99_Test");

    [Test]
    public void Parse_WellFormed_KeepsPrintedTextAndNumbers()
    {
        var b = Parse("cifar10/a-new,\"CIFAR10 | ResNet50 | 91.0±0.7\",Baseline (a new),queries,863.6,314.0,628,\"a note, with \"\"quotes\"\"\"\n");

        var cell = b.Row("cifar10/a-new")!.Cell("queries")!;
        cell.Mean.Should().Be(863.6);
        cell.Std.Should().Be(314.0);
        cell.Printed.Should().Be("863.6 ± 314.0");
        cell.Tolerance.Should().Be(Tolerance.Absolute(628));
        cell.Note.Should().Be("a note, with \"quotes\"");
        cell.Line.Should().Be(2);
        b.Rows.Single().Group.Should().Be("CIFAR10 | ResNet50 | 91.0±0.7");
    }

    [Test]
    public void Parse_UnknownMetric_ThrowsNamingFileLineColumnAndSuggestion()
    {
        var act = () => Parse("a,g,A,accuracy,1,,3,\nb,g,B,rfr_fgsn,0.5,,0.1,\n");
        var e = act.Should().Throw<BaselineFormatException>().Which;
        e.File.Should().Be("Table99_Test.csv");
        e.Line.Should().Be(3);
        e.Column.Should().Be("metric");
        e.Message.Should().Contain("Table99_Test.csv, line 3, column 'metric'").And.Contain("rfr_fgsn").And.Contain("did you mean 'rfr_fgsm'");
    }

    [TestCase("NaN")]
    [TestCase("Infinity")]
    [TestCase("1,5")]
    [TestCase("")]
    [TestCase("0.9x")]
    public void Parse_MeanNotAFiniteInvariantNumber_ThrowsNamingMeanColumn(string mean)
    {
        var act = () => Parse($"a,g,A,rfr_fgsm,\"{mean}\",,0.1,\n");
        act.Should().Throw<BaselineFormatException>()
            .Where(e => e.Line == 2 && e.Column == "mean")
            .WithMessage("*expected a finite number in invariant culture*");
    }

    [Test]
    public void Parse_NegativeStd_Throws()
    {
        var act = () => Parse("a,g,A,rfr_fgsm,0.5,-0.1,0.1,\n");
        act.Should().Throw<BaselineFormatException>().Where(e => e.Column == "std");
    }

    [Test]
    public void Parse_MalformedTolerance_ThrowsNamingToleranceColumn()
    {
        var act = () => Parse("a,g,A,rfr_fgsm,0.5,,lots,\n");
        act.Should().Throw<BaselineFormatException>().Where(e => e.Line == 2 && e.Column == "tolerance").WithMessage("*25%*");
    }

    [Test]
    public void Parse_WrongFieldCount_ThrowsWithExpectedCount()
    {
        var act = () => Parse("a,g,A,rfr_fgsm,0.5,,0.1\n");
        act.Should().Throw<BaselineFormatException>().Where(e => e.Line == 2).WithMessage("*expected 8 fields*got 7*");
    }

    [Test]
    public void Parse_WrongHeader_ThrowsShowingTheExpectedHeader()
    {
        var act = () => PaperBaseline.Parse("row,metric,mean\n", "x.csv", "x");
        act.Should().Throw<BaselineFormatException>().Where(e => e.Line == 1).WithMessage("*row,group,label,metric,mean,std,tolerance,note*");
    }

    [Test]
    public void Parse_CarriageReturn_ThrowsAskingForLf()
    {
        var act = () => PaperBaseline.Parse(Header.Replace("\n", "\r\n") + "a,g,A,rfr_fgsm,0.5,,0.1,\r\n", "x.csv", "x");
        act.Should().Throw<BaselineFormatException>().WithMessage("*LF line endings*");
    }

    [Test]
    public void Parse_DuplicateRowAndMetric_Throws()
    {
        var act = () => Parse("a,g,A,rfr_fgsm,0.5,,0.1,\na,g,A,rfr_fgsm,0.6,,0.1,\n");
        act.Should().Throw<BaselineFormatException>().Where(e => e.Line == 3 && e.Column == "metric");
    }

    [Test]
    public void Parse_SameRowWithAnotherLabel_Throws()
    {
        var act = () => Parse("a,g,A,rfr_fgsm,0.5,,0.1,\na,g,B,rfr_pgd10,0.6,,0.1,\n");
        act.Should().Throw<BaselineFormatException>().Where(e => e.Line == 3 && e.Column == "label");
    }

    [Test]
    public void Parse_UnclosedQuote_Throws()
    {
        var act = () => Parse("a,\"g,A,rfr_fgsm,0.5,,0.1,\n");
        act.Should().Throw<BaselineFormatException>().Where(e => e.Line == 2).WithMessage("*quote*");
    }

    [Test]
    public void Parse_RowIdWithSpaces_Throws()
    {
        var act = () => Parse("Cifar 10,g,A,rfr_fgsm,0.5,,0.1,\n");
        act.Should().Throw<BaselineFormatException>().Where(e => e.Column == "row");
    }

    [Test]
    public void Parse_HeaderOnly_Throws()
    {
        var act = () => PaperBaseline.Parse(Header, "x.csv", "x");
        act.Should().Throw<BaselineFormatException>().WithMessage("*no rows*");
    }
}
