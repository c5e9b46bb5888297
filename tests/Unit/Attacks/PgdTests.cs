using Repro.Attacks;
using Repro.Unit.Fakes;
using static TorchSharp.torch;

namespace Repro.Unit.Attacks;

public class PgdTests
{
    static readonly TransferAttackSettings Paper = new();

    [Test]
    public void Perturb_TwoClassLinearModel_EndsOnTheBallCornerAgainstTheWeights()
    {
        using var scope = NewDisposeScope();
        var scenario = new TwoClassLinearScenario(TinyImages.Shape(3, 4, 4), seed: 7, scale: 1);
        var (images, labels) = scenario.Images(new[] { 2.0, 3.0 }, new[] { 1L, 0L }, seed: 8);
        using var pgd = new Pgd(Paper);

        var adversarial = new TransferAttackRunner(Paper).Run(pgd, scenario.Server(), images, labels);

        // Two classes: the gradient's sign is -sign(w_y - w_other) at every step, so 10 steps of 2/255 reach eps = 8/255.
        for (int n = 0; n < 2; n++)
        {
            double towardsOther = labels[n].item<long>() == 1 ? -1 : 1;
            var x = TinyImages.Row(images, n);
            var actual = TinyImages.Row(adversarial, n);
            for (int i = 0; i < x.Length; i++)
                actual[i].Should().BeApproximately((float)(x[i] + towardsOther * Math.Sign(scenario.Difference[i]) * Paper.Epsilon), 1e-6f);
        }
    }

    [Test]
    public void Run_RandomStart_StaysInLinfBallAndUnitRange([Values(1, 2)] int seed)
    {
        using var scope = NewDisposeScope();
        var shape = TinyImages.Shape(3, 8, 8);
        var settings = Paper with { PgdRandomStart = true, StepSize = 0.1 };
        var model = TinyImages.RandomLinear(10, shape, seed);
        var images = TinyImages.Uniform(12, shape, seed + 20);
        var labels = randint(0, 10, new long[] { 12 });
        using var pgd = new Pgd(settings, seed);

        var adversarial = new TransferAttackRunner(settings).Run(pgd, model, images, labels);

        LinfAssert.InBallAndUnitRange(adversarial, images, settings.Epsilon);
    }

    [Test]
    public void Run_RandomStartSameSeed_SameImages()
    {
        using var scope = NewDisposeScope();
        var shape = TinyImages.Shape(3, 4, 4);
        var settings = Paper with { PgdRandomStart = true, PgdSteps = 1, StepSize = 1e-4 };
        var model = TinyImages.RandomLinear(3, shape, 9);
        var images = TinyImages.Uniform(4, shape, 10);
        var labels = TinyImages.Labels(0, 1, 2, 0);
        using var first = new Pgd(settings, seed: 5);
        using var second = new Pgd(settings, seed: 5);
        using var other = new Pgd(settings, seed: 6);
        var runner = new TransferAttackRunner(settings);

        var a = runner.Run(first, model, images, labels).data<float>().ToArray();
        var b = runner.Run(second, model, images, labels).data<float>().ToArray();
        var c = runner.Run(other, model, images, labels).data<float>().ToArray();

        a.Should().Equal(b);
        a.Should().NotEqual(c);
    }
}
