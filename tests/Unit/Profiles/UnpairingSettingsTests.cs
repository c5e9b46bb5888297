using Repro.Defense;
using Repro.Profiles;

namespace Repro.Unit.Profiles;

public class UnpairingSettingsTests
{
    [Test]
    public void Paper_HasThePapersValues()
    {
        var settings = PaperProfile.Create().Unpairing;

        settings.FinetuneFraction.Should().Be(0.1, "§V-B: 20 epochs, 10% of the 200");
        UnpairingSettings.EpochsFor(settings.FinetuneFraction, 200).Should().Be(20);
        UnpairingSettings.EpochsFor(settings.ArchitectureFinetuneFraction, 200).Should().Be(40, "§VI-E: 40 more epochs");
        settings.QatAlpha.Should().Be(1.0);
        settings.SingleLambdas.Should().Equal(0, 0.001, 0.01, 0.1, 1, 10);
        settings.CombinedLambdas.Should().HaveCount(9).And.Contain(new LambdaPair(0.01, 1)).And.Contain(new LambdaPair(1, 0.01));
        settings.StrategyPenalty.Should().Be(PenaltyLocation.Input);
        settings.Problems().Should().BeEmpty();
    }

    [Test]
    public void EpochsFor_RoundsHalfUpAndNeverReturnsZero()
    {
        UnpairingSettings.EpochsFor(0.1, 15).Should().Be(2, "1.5 epochs round up");
        UnpairingSettings.EpochsFor(0.01, 15).Should().Be(1);
        UnpairingSettings.EpochsFor(0.2, 15).Should().Be(3);
    }

    [Test]
    public void Validate_NegativeLambda_NamesTheSetting()
    {
        var settings = new UnpairingSettings { SingleLambdas = new[] { 0.0, -1 } };

        FluentActions.Invoking(settings.Validate).Should().Throw<ArgumentException>().WithMessage("*Unpairing.SingleLambdas*-1*");
    }

    [Test]
    public void Validate_NaNPairOrAlpha_NamesTheSetting()
    {
        new UnpairingSettings { CombinedLambdas = new[] { new LambdaPair(double.NaN, 1) } }.Problems().Should().ContainSingle(p => p.Contains("Unpairing.CombinedLambdas"));
        new UnpairingSettings { QatAlpha = double.PositiveInfinity }.Problems().Should().ContainSingle(p => p.Contains("Unpairing.QatAlpha"));
    }

    [Test]
    public void Validate_ZeroFraction_IsRefusedNamingTheSetting()
    {
        new UnpairingSettings { FinetuneFraction = 0 }.Problems().Should().ContainSingle(p => p.Contains("Unpairing.FinetuneFraction"));
        new UnpairingSettings { ArchitectureFinetuneFraction = -1 }.Problems().Should().ContainSingle(p => p.Contains("Unpairing.ArchitectureFinetuneFraction"));
    }

    [Test]
    public void LambdaPair_PrintsInvariantly()
    {
        new LambdaPair(0.01, 1).ToString().Should().Be("0.01/1");
    }

    [Test]
    public void MiniFull_IsMiniWithThePapersGrids()
    {
        var miniFull = MiniFullProfile.Create();
        var paper = PaperProfile.Create().Unpairing;

        miniFull.Unpairing.SingleLambdas.Should().Equal(paper.SingleLambdas);
        miniFull.Unpairing.CombinedLambdas.Should().Equal(paper.CombinedLambdas);
        miniFull.Unpairing.DistillationStrategies.Should().Equal(paper.DistillationStrategies);
        miniFull.Training.Should().Be(MiniProfile.Create().Training);
        miniFull.Deviations.Should().NotContain(d => MiniFullProfile.ScopeSettings.Contains(d.Setting));
    }

    [Test]
    public void StrategyApplicability_IsTableV()
    {
        string Marks(StrategyApplicability a) => $"{(a.FinetuneFirst ? 1 : 0)}{(a.FinetuneLast ? 1 : 0)}{(a.Jointly ? 1 : 0)}";

        StrategyApplicability.All.Select(a => (a.Mechanism, Marks(a))).Should().Equal(
            ("quantization", "111"), ("pruning", "111"), ("distillation", "111"), ("new-arch", "010"), ("ofa", "110"));
        FluentActions.Invoking(() => StrategyApplicability.Require("new-arch", UnpairingStrategy.FinetuneFirst))
            .Should().Throw<NotSupportedException>().WithMessage("*FinetuneFirst does not apply to New-arch.*");
    }
}
