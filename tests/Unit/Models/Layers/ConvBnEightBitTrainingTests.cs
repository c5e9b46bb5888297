using Repro.Mechanisms;
using Repro.Models.Layers;
using Repro.Unit.Fakes;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Unit.Models.Layers;

/// <summary>Training an 8-bit model (Table VI's finetune-last and QAT): batch norm on batch statistics after the 8-bit convolution.</summary>
public class ConvBnEightBitTrainingTests
{
    static ConvBn Calibrated(Tensor images)
    {
        torch.manual_seed(3);
        var layer = new ConvBn(3, 4, 3);
        layer.train();
        using (no_grad()) for (int i = 0; i < 5; i++) layer.forward(images).Dispose();   // running statistics away from their defaults
        layer.eval();
        layer.Mode = QuantizationMode.Calibrate;
        using (no_grad()) layer.forward(images).Dispose();
        layer.Mode = QuantizationMode.Int8;
        return layer;
    }

    [Test]
    public void Evaluation_FoldedEightBitWeights_EqualBatchNormOfTheEightBitConvolution()
    {
        using var scope = NewDisposeScope();
        var images = TinyModels.Images(6, seed: 1);
        var layer = Calibrated(images);
        var (scale, zeroPoint) = FakeQuantization.ActivationParameters(layer.InputRange.Min, layer.InputRange.Max);
        var bn = layer.Norm!;

        var folded = layer.forward(images);
        var quantizedInput = FakeQuantization.Activations(images, scale, zeroPoint);
        var convolved = nn.functional.conv2d(quantizedInput, FakeQuantization.WeightsPerChannel(layer.Conv.weight!), padding: new long[] { 1, 1 });
        var expected = nn.functional.relu(bn.forward(convolved));

        // Per-channel symmetric quantization commutes with batch norm's per-channel scale: training and evaluation quantize the same weights.
        (folded - expected).abs().max().item<float>().Should().BeLessThan(1e-4f);
    }

    [Test]
    public void Training_UsesBatchStatisticsAndUpdatesTheRunningOnes()
    {
        using var scope = NewDisposeScope();
        var images = TinyModels.Images(6, seed: 2);
        var layer = Calibrated(images);
        var before = layer.Norm!.running_mean!.clone();

        layer.train();
        var output = layer.forward(images * 3);

        (layer.Norm!.running_mean! - before).abs().max().item<float>().Should().BeGreaterThan(0, "a training step updates the running statistics");
        var channelMeans = output.mean(new long[] { 0, 2, 3 });
        channelMeans.abs().max().item<float>().Should().BeLessThan(10, "batch statistics renormalise whatever the input scale");
        layer.Mode.Should().Be(QuantizationMode.Int8);
    }

    [Test]
    public void FineTuningAQuantizedResNet_AtTheTrainingLearningRate_StaysAlive()
    {
        using var scope = NewDisposeScope();
        var server = TinyModels.ResNet();
        var images = TinyModels.Images(64, seed: 4);
        var labels = TinyModels.Labels(64, seed: 4);
        var model = new Int8Quantization(64).Derive(server, images);
        var optimizer = optim.SGD(model.parameters(), 0.1, momentum: 0.9, weight_decay: 5e-4);

        for (int step = 0; step < 20; step++)
        {
            using var stepScope = NewDisposeScope();
            model.train();
            optimizer.zero_grad();
            nn.functional.cross_entropy(model.forward(images), labels).backward();
            optimizer.step();
        }
        model.eval();
        using var noGrad = no_grad();
        var logits = model.forward(images);

        logits.std(0).mean().item<float>().Should().BeGreaterThan(1e-3f, "the 8-bit model must not collapse to a constant output");
        Int8Quantization.IsQuantized(model).Should().BeTrue();
    }
}

/// <summary>The hard activations of the once-for-all supernet must be twice differentiable (input-gradient unpairing).</summary>
public class ConvBnHardActivationTests
{
    [TestCase(ActivationFunction.HardSwish)]
    [TestCase(ActivationFunction.HardSigmoid)]
    public void HardActivations_EqualTheNativeOnesAndSupportDoubleBackward(ActivationFunction activation)
    {
        using var scope = NewDisposeScope();
        torch.manual_seed(1);
        var layer = new ConvBn(3, 4, 3, batchNorm: false, bias: true, activation: activation);
        var x = (TinyModels.Images(2) * 8 - 4).requires_grad_(true);

        var y = layer.forward(x);
        var pre = nn.functional.conv2d(x, layer.Conv.weight!, layer.Conv.bias, padding: new long[] { 1, 1 });
        var native = activation == ActivationFunction.HardSwish ? nn.functional.hardswish(pre) : nn.functional.hardsigmoid(pre);
        (y - native).abs().max().item<float>().Should().BeLessThan(1e-6f);

        var gradient = autograd.grad(new[] { y.pow(2).sum() }, new[] { x }, retain_graph: true, create_graph: true)[0];
        FluentActions.Invoking(() => gradient.pow(2).sum().backward()).Should().NotThrow();
        layer.Conv.weight!.grad.Should().NotBeNull();
    }
}
