using Repro.Models;
using Repro.Profiles;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Unit.Models;

/// <summary>A model owns its tensors: a dispose scope open where it is built (a cached model built lazily inside a caller's scope) does not free them.</summary>
public class ModelLifetimeTests
{
    static IEnumerable<TestCaseData> Architectures()
    {
        yield return new TestCaseData(MiniProfile.Server).SetArgDisplayNames("ResNet-mini");
        yield return new TestCaseData(MiniProfile.MobileNetV2).SetArgDisplayNames("MobileNetV2-mini");
        yield return new TestCaseData(MiniProfile.SqueezeNet).SetArgDisplayNames("SqueezeNet-mini");
        yield return new TestCaseData(MiniProfile.NasNet).SetArgDisplayNames("NASNet-mini");
    }

    [TestCaseSource(nameof(Architectures))]
    public void Create_InsideADisposeScope_TheModelOutlivesTheScope(ArchitectureSpec spec)
    {
        Classifier model;
        using (NewDisposeScope()) model = spec.Create(InputShape.Cifar10, 10, seed: 3);
        using var _ = model;
        model.eval();
        using var pixels = rand(2, 3, 32, 32);
        using var logits = model.forward(pixels);   // "Tensor invalid -- empty handle" if the scope had freed a weight or buffer

        logits.shape.Should().Equal(2, 10);
        model.state_dict().Values.Should().OnlyContain(t => t.numel() > 0);
    }
}
