using System.Globalization;
using Repro.Metrics;
using Repro.Reporting;

namespace Repro.Unit.Reporting;

public class ResultsFileTests
{
    [Test]
    public void WriteRead_ManyResults_RoundTripsEveryFieldAtFullPrecision()
    {
        using var temp = new TempFolder();
        var awkward = MetricValue.FromSeeds(new[] { 0.1 + 0.2, 1.0 / 3, 2.0 / 3 });
        var rows = new[]
        {
            FakeResults.Row("cifar10/quantization", "Quantization", ("rfr_fgsm", awkward), ("queries", FakeResults.V(13.100000000000001))) with
            {
                Details = new Dictionary<string, string> { ["artifact"] = "quantized/88c1" },
                NotAtThisScaleReason = "needs 200 epochs",
            },
            new ResultRow("imagenet/as-is", "ImageNet | ResNet50 | 75.3±0.5", "Baseline (as-is)", new Dictionary<string, MetricValue>(), "ImageNet is not available offline"),
        };
        var figure = FakeResults.Series("Figure 2", "FGSM", "RFR", (0.42, 0.31, "Quantization"), (1e-17, 5e300, null));
        var claim = ClaimVerdict.Judge("Table01_OnDevicePriors", "Quantization_AsPrior_RfrNearAsIs", "Quantization ... 0.9–1.0 RFR", "1.00 ± 0.00",
            awkward, outcome: ClaimOutcome.Fails, "0.47 < 0.9", "cifar10/quantization", "rfr_fgsm");
        var first = FakeResults.Result("Table01_OnDevicePriors", "mini", rows, new[] { figure }) with { Claims = new[] { claim } };
        var second = FakeResults.FiveSeeds();

        string path = temp.File("reports/results.json");
        ResultsFile.Write(path, new[] { first, second });
        var back = ResultsFile.Read(path);

        back.Should().HaveCount(2);
        back[0].Should().BeEquivalentTo(first, o => o.ComparingRecordsByMembers().WithStrictOrdering());
        back[1].Should().BeEquivalentTo(second, o => o.ComparingRecordsByMembers().WithStrictOrdering());
        back[0].Rows[0].Metrics["rfr_fgsm"].PerSeed[0].Should().Be(0.1 + 0.2, "doubles are written in round-trip form");
        back[0].Figures[0].Points[1].Y.Mean.Should().Be(5e300);
        back[0].Rows[0].NotAtThisScaleReason.Should().Be("needs 200 epochs");
    }

    [Test]
    public void Serialize_UnderAGermanCulture_WritesInvariantNumbersIndentedWithLf()
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            string json = ResultsFile.SerializeMany(new[] { FakeResults.Table01() });
            json.Should().Contain("0.97").And.NotContain("0,97").And.NotContain("\r").And.Contain("\n  \"results\"");
            json.Should().Contain("\"schema\": 1");
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Test]
    public void Write_NaNInAMetric_ThrowsNamingRowAndMetricAndWritesNothing()
    {
        using var temp = new TempFolder();
        var bad = FakeResults.Result("Table01_OnDevicePriors", "mini", new[]
        {
            FakeResults.Row("cifar10/pruning", "Pruning", ("queries", new MetricValue(double.NaN, 0, 1, new[] { double.NaN }))),
        });
        string path = temp.File("results.json");

        var act = () => ResultsFile.Write(path, bad);

        act.Should().Throw<InvalidDataException>().WithMessage("*row 'cifar10/pruning', metric 'queries'*finite*");
        File.Exists(path).Should().BeFalse();
        Directory.GetFiles(temp.Path).Should().BeEmpty("no temporary file is left behind");
    }

    [Test]
    public void Write_UncataloguedMetricKey_ThrowsWithASuggestion()
    {
        using var temp = new TempFolder();
        var result = FakeResults.Result("Table01_OnDevicePriors", "mini", new[] { FakeResults.Row("cifar10/as-is", "As-is", ("rfr_fgms", FakeResults.V(1.0))) });

        var act = () => ResultsFile.Write(temp.File("results.json"), result);

        act.Should().Throw<InvalidDataException>().WithMessage("*unknown metric key 'rfr_fgms'*did you mean 'rfr_fgsm'*");
        File.Exists(temp.File("results.json")).Should().BeFalse();
    }

    [Test]
    public void Write_OverAnExistingFile_ReplacesItAtomicallyWithoutTempLeftovers()
    {
        using var temp = new TempFolder();
        string path = temp.File("results.json");
        ResultsFile.Write(path, FakeResults.Table01(quantizedRfr: 0.5));
        ResultsFile.Write(path, FakeResults.Table01(quantizedRfr: 0.25));

        ResultsFile.Read(path).Single().Row("cifar10/quantization").Metrics["rfr_fgsm"].Mean.Should().Be(0.25);
        Directory.GetFiles(temp.Path).Should().ContainSingle();
    }

    [Test]
    public void Read_MissingRequiredField_ThrowsNamingTheFile()
    {
        using var temp = new TempFolder();
        string path = temp.File("results.json");
        string json = ResultsFile.SerializeMany(new[] { FakeResults.Table01() }).Replace("\"provenance\":", "\"provenanceX\":");
        File.WriteAllText(path, json);

        var act = () => ResultsFile.Read(path);
        act.Should().Throw<InvalidDataException>().WithMessage($"*{path}*results[0]*");
    }

    [Test]
    public void Read_NewerSchema_ThrowsSayingWhichVersionIsExpected()
    {
        var act = () => ResultsFile.DeserializeMany("{\"schema\": 2, \"results\": []}", "r.json");
        act.Should().Throw<InvalidDataException>().WithMessage("r.json: expected \"schema\": 1, got 2");
    }

    [Test]
    public void Read_DuplicateRowIds_Throws()
    {
        var dup = FakeResults.Result("Table01_OnDevicePriors", "mini", new[]
        {
            FakeResults.Row("cifar10/as-is", "A", ("rfr_fgsm", FakeResults.V(1))),
            FakeResults.Row("cifar10/as-is", "B", ("rfr_fgsm", FakeResults.V(1))),
        });
        var act = () => ResultsFile.Serialize(dup);
        act.Should().Throw<InvalidDataException>().WithMessage("*'cifar10/as-is' appears 2 times*");
    }
}
