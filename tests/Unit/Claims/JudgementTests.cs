using Repro.Claims;

namespace Repro.Unit.Claims;

public class JudgementTests
{
    static readonly Judgement H = Judgement.Holds, F = Judgement.Fails, I = Judgement.Inconclusive;

    [Test]
    public void And_FailsWhenAnyFails_HoldsWhenAllHold()
    {
        (H && H).Should().Be(H);
        (H && I).Should().Be(I);
        (I && F).Should().Be(F);
        (F && I).Should().Be(F);
        (I && I).Should().Be(I);
    }

    [Test]
    public void Or_HoldsWhenAnyHolds_FailsWhenAllFail()
    {
        (F || H).Should().Be(H);
        (F || I).Should().Be(I);
        (F || F).Should().Be(F);
        (I || H).Should().Be(H);
    }

    [Test]
    public void Not_SwapsHoldsAndFails_KeepsInconclusive()
    {
        (!H).Should().Be(F);
        (!F).Should().Be(H);
        (!I).Should().Be(I);
    }

    [Test]
    public void Bool_ConvertsToACertainJudgement()
    {
        Judgement fromTrue = true, fromFalse = false;
        fromTrue.Should().Be(H);
        fromFalse.Should().Be(F);
        (H && false).Should().Be(F);
    }

    [Test]
    public void All_OfNothingHolds()
    {
        Judgement.All(Array.Empty<Judgement>()).Should().Be(H);
        Judgement.All(new[] { H, I, H }).Should().Be(I);
    }
}
