using Repro.Models;
using static TorchSharp.torch;

namespace Repro.Unit.Models.Onnx;

/// <summary>
/// The fixtures of scripts/fixtures/onnx_fixtures.py: small networks exported by torch 1.13 at opset 11 and 17, with
/// a batch of pixels and the PyTorch module's logits and cross-entropy input gradient for it.
/// </summary>
internal static class OnnxFixtures
{
    public static readonly string[] Models = { "mini_resnet", "mobilenetv2_style", "squeezenet_style", "qdq_int8" };
    public static readonly int[] Opsets = { 11, 17 };

    public static string Path(string file) => TestModels.Fixture(System.IO.Path.Combine("Onnx", file));

    public static string Model(string model, int opset) => Path($"{model}.opset{opset}.onnx");

    /// <summary>"input" [4, 3, 32, 32], "labels" [4], "logits" [4, 10], "input_grad" [4, 3, 32, 32] (summed cross-entropy).</summary>
    public static Dictionary<string, Tensor> Reference(string model) => PyTorchStateDict.Read(Path($"{model}.io.pth"));
}
