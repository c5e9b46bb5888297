using Repro.Models;
using Repro.Unit.Models;
using Repro.Profiles;
using Repro.Runtime;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Repro.Unit.Runtime;

/// <summary>Repro's SGD is TorchSharp's optim.SGD bit for bit: every cached model trained before it stays valid.</summary>
public class SgdTests
{
    static IEnumerable<TestCaseData> Settings()
    {
        yield return new TestCaseData(0.1, 0.9, 0.0, 5e-4, false).SetArgDisplayNames("the project's recipe (momentum 0.9, wd 5e-4)");
        yield return new TestCaseData(0.05, 0.9, 0.0, 5e-4, true).SetArgDisplayNames("Nesterov");
        yield return new TestCaseData(0.05, 0.5, 0.3, 0.0, false).SetArgDisplayNames("dampening, no decay");
        yield return new TestCaseData(0.2, 0.0, 0.0, 1e-3, false).SetArgDisplayNames("no momentum");
    }

    [TestCaseSource(nameof(Settings))]
    public void Steps_GiveTorchSharpsSgdWeightsAndMomentumBitForBit(double lr, double momentum, double dampening, double weightDecay, bool nesterov)
    {
        using var reference = MiniProfile.Server.Create(InputShape.Cifar10, 10, seed: 3);
        using var ours = MiniProfile.Server.Create(InputShape.Cifar10, 10, seed: 3);
        using var referenceOptimizer = optim.SGD(reference.parameters(), lr, momentum, dampening, weightDecay, nesterov, false);
        using var oursOptimizer = new Sgd(ours.parameters(), lr, momentum, dampening, weightDecay, nesterov);

        Train(reference, referenceOptimizer);
        Train(ours, oursOptimizer);

        foreach (var ((name, a), (_, b)) in reference.state_dict().Zip(ours.state_dict()))
            a.eq(b).all().item<bool>().Should().BeTrue($"'{name}' must be bit-identical after 4 steps");
        // The momentum state TrainingCheckpoints saves is the same too.
        var saved = referenceOptimizer.state_dict().State.Zip(oursOptimizer.state_dict().State);
        foreach (var (a, b) in saved)
            (((SGD.State)a).momentum_buffer is not { } ma || ma.eq(((SGD.State)b).momentum_buffer!).all().item<bool>()).Should().BeTrue();
    }

    [Test]
    public void ParamGroups_KeepTheirOwnDecay()
    {
        using var reference = MiniProfile.Server.Create(InputShape.Cifar10, 10, seed: 5);
        using var ours = MiniProfile.Server.Create(InputShape.Cifar10, 10, seed: 5);
        SGD.ParamGroup[] Groups(Classifier model) => new[]
        {
            new SGD.ParamGroup(model.named_parameters().Where(p => !p.name.EndsWith("bias", StringComparison.Ordinal)).Select(p => p.parameter), 0.1, 0.9, 0, 5e-4, false, false),
            new SGD.ParamGroup(model.named_parameters().Where(p => p.name.EndsWith("bias", StringComparison.Ordinal)).Select(p => p.parameter), 0.1, 0.9, 0, 0, false, false),
        };
        using var referenceOptimizer = optim.SGD(Groups(reference), 0.1, 0.9, 0, 5e-4, false, false);
        using var oursOptimizer = new Sgd(Groups(ours), 0.1, 0.9, 0, 5e-4);

        Train(reference, referenceOptimizer);
        Train(ours, oursOptimizer);

        foreach (var ((name, a), (_, b)) in reference.state_dict().Zip(ours.state_dict()))
            a.eq(b).all().item<bool>().Should().BeTrue($"'{name}' must be bit-identical");
    }

    static void Train(Classifier model, OptimizerHelper optimizer)
    {
        using var x = TestModels.Pixels(16, InputShape.Cifar10, seed: 7);
        using var y = randint(0, 10, new long[] { 16 }, generator: new Generator(7));
        model.train();
        for (int step = 0; step < 4; step++)
        {
            using var scope = NewDisposeScope();
            foreach (var group in optimizer.ParamGroups) group.LearningRate *= 0.9;   // as the trainer's schedule sets it per step
            optimizer.zero_grad();
            nn.functional.cross_entropy(model.forward(x), y).backward();
            optimizer.step();
        }
    }
}
