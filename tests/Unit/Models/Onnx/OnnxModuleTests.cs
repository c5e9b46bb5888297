using Repro.Models.Onnx;
using static TorchSharp.torch;

namespace Repro.Unit.Models.Onnx;

/// <summary>What fine-tuning an imported model needs: which initializers train, batch norm in training mode, gradients.</summary>
public class OnnxModuleTests
{
    [Test]
    public void Import_MiniResNet_TrainsWeightsButNotStatisticsOrNormalisation()
    {
        using var module = new OnnxModule(OnnxModelFile.Read(OnnxFixtures.Model("mini_resnet", 17)));
        var trained = module.named_parameters().Select(p => p.name).ToList();
        // 6 convs, 6 batch norms (scale, bias), the head (weight, bias).
        trained.Should().HaveCount(6 + 12 + 2);
        trained.Should().Contain(new[] { "stem_0_weight", "stem_1_weight", "stem_1_bias", "fc_weight", "fc_bias" });
        trained.Should().NotContain(n => n.Contains("running") || n.Contains("normalize"));
        module.Initializers.Should().HaveCount(34);
        module.Initializers["layer2.b.1.running_var"].requires_grad.Should().BeFalse();
        module.Initializers["normalize.mean"].requires_grad.Should().BeFalse();
    }

    [Test]
    public void Forward_TrainingMode_UpdatesBatchNormStatisticsAsPyTorchDoes()
    {
        using var module = new OnnxModule(OnnxModelFile.Read(OnnxFixtures.Model("mini_resnet", 11)));
        var runningMean = module.Initializers["stem.1.running_mean"];
        using var before = runningMean.clone();
        module.train();
        using (var logits = module.forward(rand(4, 3, 32, 32, generator: new Generator(3)))) { }
        (runningMean - before).abs().max().item<float>().Should().BeGreaterThan(0);
        module.eval();
        using var again = runningMean.clone();
        using (var logits = module.forward(rand(4, 3, 32, 32, generator: new Generator(4)))) { }
        (runningMean - again).abs().max().item<float>().Should().Be(0);
    }

    // mobilenetv2_style: 14 convs, 10 batch norms (scale, bias), the 4 SE conv biases, the MatMul head and its Add bias;
    // qdq_int8: 3 quantized weights and their 3 biases.
    [TestCase("mobilenetv2_style", 14 + 20 + 4 + 2)]
    [TestCase("qdq_int8", 6)]
    public void Backward_ReachesEveryTrainedWeight(string model, int weights)
    {
        using var module = new OnnxModule(OnnxModelFile.Read(OnnxFixtures.Model(model, 17)));
        module.named_parameters().Should().HaveCount(weights);
        module.eval();
        using var scope = NewDisposeScope();
        var loss = module.forward(rand(2, 3, 32, 32, generator: new Generator(5))).square().sum();
        loss.backward();
        foreach (var (name, p) in module.named_parameters())
        {
            p.grad.Should().NotBeNull(name);
            p.grad!.abs().sum().item<float>().Should().BeGreaterThan(0, name);
        }
    }
}
