using Repro.Cli;
using Repro.Harness;
using Repro.Models;
using Repro.Models.Layers;
using Repro.Profiles;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.ClaimTests;

/// <summary>
/// Writes the mini profile's seed-0 server and its 8-bit sibling (Table I's "Quantization" row) as PyTorch-named state
/// dicts, the first step of examples/audit/export_mini_pair.py, which turns them into the committed TorchScript fixtures.
/// Explicit: it is how the fixtures were made, not a check. The 8-bit dump holds the 8-bit model as the harness trains it: the
/// unfolded weights, the batch norms and each layer's calibrated input range (Models/Layers/ConvBn, FakeQuantization),
/// and both hold a batch of test images with the logits Repro computes for them, which the export checks itself against.
/// </summary>
[Explicit("writes the mini pair's weights for examples/audit/export_mini_pair.py; run it by name with REPRO_EXPORT_DIR set")]
public sealed class MiniPairExport
{
    [Test]
    public void WriteMiniPairStateDicts()
    {
        var folder = Environment.GetEnvironmentVariable("REPRO_EXPORT_DIR") ?? throw new InvalidOperationException("set REPRO_EXPORT_DIR to the output folder");
        using var context = new RunContext(ProfileCatalog.Get("mini"), RunEnvironment.Detect(), new ConsoleProgress(TestContext.Progress));
        var server = context.Zoo.Server(0).Model;
        var quantized = context.Zoo.Quantized(0).Model;
        using var probe = context.Data.Test.Images.narrow(0, 0, 64).clone();
        Write(Path.Combine(folder, "mini-server.safetensors"), PyTorchStateDict.Export(server), server, probe);
        Write(Path.Combine(folder, "mini-server-int8.safetensors"), EightBitTensors(quantized), quantized, probe);
    }

    static void Write(string path, Dictionary<string, Tensor> tensors, Classifier model, Tensor probe)
    {
        model.eval();
        using (no_grad())
        {
            tensors["_probe_input"] = probe.clone();
            tensors["_probe_logits"] = model.forward(probe).detach().clone();
        }
        SafetensorsFile.Write(path, tensors);
    }

    /// <summary>
    /// The 8-bit model as it trains (Models/Layers/ConvBn: batch norm kept, on batch statistics in training, folded into the
    /// weights at evaluation): its PyTorch-named state dict (unfolded convolutions, batch norms with their running statistics,
    /// the head) plus each quantizable layer's calibrated input range, under the name of its convolution or linear layer.
    /// </summary>
    static Dictionary<string, Tensor> EightBitTensors(Classifier model)
    {
        var renames = ((IPyTorchLayout)model).PyTorchModuleNames().ToDictionary(r => r.Ours, r => r.Theirs);
        var result = PyTorchStateDict.Export(model);
        using var noGrad = no_grad();
        foreach (var (name, module) in model.named_modules())
        {
            switch (module)
            {
                case ConvBn conv:
                    result[renames[name + ".conv"] + ".input_range"] = tensor(new[] { conv.InputRange.Min, conv.InputRange.Max });
                    break;
                case QuantizableLinear linear:
                    result[renames[name + ".linear"] + ".input_range"] = tensor(new[] { linear.InputRange.Min, linear.InputRange.Max });
                    break;
            }
        }
        return result;
    }
}
