using Repro.Profiles;
using Repro.Models;
using Repro.Models.OnceForAll;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Unit.Models;

/// <summary>Gradients reach every CPU-scale member: a few steps on one batch lower that batch's loss.</summary>
public class TrainabilityTests
{
    static IEnumerable<TestCaseData> Members()
    {
        yield return new TestCaseData(MiniProfile.MobileNetV2).SetArgDisplayNames("MobileNetV2-mini");
        yield return new TestCaseData(MiniProfile.SqueezeNet).SetArgDisplayNames("SqueezeNet-mini");
        yield return new TestCaseData(MiniProfile.NasNet).SetArgDisplayNames("NASNet-mini");
        yield return new TestCaseData(new OfaSubnetSpec(MiniProfile.Ofa, new OfaSubnetConfig(2, 4, 5))).SetArgDisplayNames("OFA-mini (2, 4, 5)");
    }

    [TestCaseSource(nameof(Members))]
    public void FewSteps_OnOneBatch_LowerItsLoss(ArchitectureSpec spec)
    {
        torch.manual_seed(0);
        using var model = spec.Create(InputShape.Cifar10, 10);
        using var x = TestModels.Pixels(16, InputShape.Cifar10, seed: 4);
        using var y = randint(0, 10, new long[] { 16 }, generator: new Generator(4));
        using var optimizer = optim.SGD(model.parameters(), 0.05, momentum: 0.9);
        model.train();
        var losses = new List<float>();
        for (int step = 0; step < 6; step++)
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            var loss = nn.functional.cross_entropy(model.forward(x), y);
            loss.backward();
            optimizer.step();
            losses.Add(loss.item<float>());
        }
        losses[^1].Should().BeLessThan(losses[0]);
        model.parameters().Where(p => p.grad is null).Should().BeEmpty("every parameter takes part in the loss");
    }
}
