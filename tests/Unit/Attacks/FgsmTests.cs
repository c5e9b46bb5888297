using Repro.Attacks;
using Repro.Unit.Fakes;
using static TorchSharp.torch;

namespace Repro.Unit.Attacks;

public class FgsmTests
{
    static readonly TransferAttackSettings Paper = new();

    [Test]
    public void Perturb_LinearModel_MatchesClosedFormSign()
    {
        using var scope = NewDisposeScope();
        var shape = TinyImages.Shape(3, 4, 4);
        var model = TinyImages.RandomLinear(classes: 3, shape, seed: 3, scale: 1);
        var images = TinyImages.Uniform(5, shape, seed: 4);
        var labels = TinyImages.Labels(0, 1, 2, 1, 0);

        var adversarial = new TransferAttackRunner(Paper).Run(new Fgsm(Paper), model, images, labels);

        for (int n = 0; n < 5; n++)
        {
            var x = TinyImages.Row(images, n);
            var gradient = model.CrossEntropyGradientOf(x, labels[n].item<long>());
            var actual = TinyImages.Row(adversarial, n);
            for (int i = 0; i < x.Length; i++)
            {
                double expected = Math.Clamp(x[i] + Paper.FgsmStepSize * Math.Sign(gradient[i]), 0, 1);
                actual[i].Should().BeApproximately((float)expected, 1e-6f, $"image {n}, pixel {i}, gradient {gradient[i]}");
            }
        }
    }

    [Test]
    public void Run_StepLargerThanEpsilon_StaysInLinfBallAndUnitRange([Values(1, 2, 3)] int seed)
    {
        using var scope = NewDisposeScope();
        var shape = TinyImages.Shape(3, 8, 8);
        var settings = Paper with { FgsmStepSize = 0.5 };
        var model = TinyImages.RandomLinear(10, shape, seed);
        var images = TinyImages.Uniform(12, shape, seed + 10);
        var labels = randint(0, 10, new long[] { 12 });

        var adversarial = new TransferAttackRunner(settings).Run(new Fgsm(settings), model, images, labels);

        LinfAssert.InBallAndUnitRange(adversarial, images, settings.Epsilon);
    }

    [Test]
    public void Run_StraightThroughQuantizedModel_MovesEveryFreePixelByTheStep()
    {
        using var scope = NewDisposeScope();
        var shape = TinyImages.Shape(1, 4, 4);
        var scenario = new TwoClassLinearScenario(shape, seed: 5, scale: 1);
        var model = scenario.Server(PixelTransform.FakeQuantize);
        var (images, labels) = scenario.Images(new[] { 1.0 }, new[] { 1L }, seed: 6);

        var adversarial = new TransferAttackRunner(Paper).Run(new Fgsm(Paper), model, images, labels);

        // The gradient reaches the pixels through the rounding: each pixel moves by exactly the step, against w_1 - w_0.
        var moved = (adversarial - images).flatten().data<float>().ToArray();
        for (int i = 0; i < moved.Length; i++)
            moved[i].Should().BeApproximately(-(float)(Paper.FgsmStepSize * Math.Sign(scenario.Difference[i])), 1e-6f);
    }
}
