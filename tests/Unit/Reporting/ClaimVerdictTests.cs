using Repro.Reporting;

namespace Repro.Unit.Reporting;

public class ClaimVerdictTests
{
    [Test]
    public void Describe_Holds_QuotesSentencePaperValueAndMeasuredMeanStdN()
    {
        var v = ClaimVerdict.Judge("Table01_OnDevicePriors", "Quantization_AsPrior_RfrNearAsIs",
            "In CIFAR10, the transfer-based attacks achieve 0.9–1.0 RFR", "1.00 ± 0.00",
            FakeResults.V(0.97, 0.99, 0.95, 0.98, 0.96), outcome: ClaimOutcome.Holds, "0.97 ≥ 0.9", "cifar10/quantization", "rfr_fgsm");

        v.Outcome.Should().Be(ClaimOutcome.Holds);
        v.MeasuredText.Should().Be("0.97 ± 0.02 (n = 5)");
        v.Describe().Should().Be(
            "Holds: Quantization_AsPrior_RfrNearAsIs (Table01_OnDevicePriors, row cifar10/quantization, rfr_fgsm). " +
            "Paper: \"In CIFAR10, the transfer-based attacks achieve 0.9–1.0 RFR\" Paper value: 1.00 ± 0.00. " +
            "Measured: 0.97 ± 0.02 (n = 5). 0.97 ≥ 0.9");
    }

    [Test]
    public void NotMeasured_CarriesTheReasonAndNoValue()
    {
        var v = ClaimVerdict.NotMeasured("Table02_AutoMl", "AutoMlEdge_AsPrior_RaisesFgsmRfr", "FGSM ... increase more than twice", "0.14", "needs Google AutoML");
        v.Outcome.Should().Be(ClaimOutcome.NotMeasured);
        v.Measured.Should().BeNull();
        v.Describe().Should().Contain("Measured: not measured. needs Google AutoML");
    }

    [Test]
    public void Judge_Fails_QueryMetricPrintsAsCount()
    {
        var v = ClaimVerdict.Judge("Table01_OnDevicePriors", "c", "s", "13.9", FakeResults.V(412.26), outcome: ClaimOutcome.Fails, "too many", metric: "queries");
        v.Outcome.Should().Be(ClaimOutcome.Fails);
        v.MeasuredText.Should().Be("412.3 ± 0.0 (n = 1)");
    }
}
