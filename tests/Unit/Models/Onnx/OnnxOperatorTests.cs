using Repro.Models.Onnx;
using static Repro.Unit.Models.Onnx.OnnxGraphBuilder;
using static TorchSharp.torch;

namespace Repro.Unit.Models.Onnx;

/// <summary>
/// Operator variants outside the torch-exported fixtures, each in a one- or two-node graph, against ONNX Runtime:
/// the opset-dependent forms (Softmax before 13, axes as inputs in 13 and 18, opset 21), automatic and asymmetric
/// padding, pad modes, Gemm's flags, per-channel int8 DequantizeLinear, Constant and Identity.
/// </summary>
public class OnnxOperatorTests
{
    string directory = "";

    [SetUp]
    public void CreateDirectory() => directory = Directory.CreateTempSubdirectory("repro-onnx-ops-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(directory, recursive: true);

    static readonly long[] Image = { 2, 4, 7, 7 };
    static readonly float[] FourFloats = { 0.5f, -1f, 2f, 0.25f };

    static IEnumerable<TestCaseData> Graphs()
    {
        TestCaseData Case(string name, OnnxGraphBuilder graph) => new TestCaseData(graph).SetName($"Import_{name}_MatchesOnnxRuntime");

        yield return Case("Softmax_Opset11_CoercesTo2D", new OnnxGraphBuilder(11, Image).Node("Softmax", new[] { "x" }, "y", Int("axis", 1)));
        yield return Case("Softmax_Opset13_AlongOneAxis", new OnnxGraphBuilder(13, Image).Node("Softmax", new[] { "x" }, "y", Int("axis", 1)));
        yield return Case("Conv_SameUpper_Stride2", new OnnxGraphBuilder(11, Image)
            .Floats("w", new long[] { 3, 4, 3, 3 }, Enumerable.Range(0, 108).Select(i => (float)Math.Sin(i)).ToArray())
            .Node("Conv", new[] { "x", "w" }, "y", String("auto_pad", "SAME_UPPER"), Ints("strides", 2, 2)));
        // ONNX Runtime refuses dilations with automatic padding, so the dilated case pads explicitly.
        yield return Case("Conv_SameLower_Grouped", new OnnxGraphBuilder(17, Image)
            .Floats("w", new long[] { 4, 2, 2, 2 }, Enumerable.Range(0, 32).Select(i => (float)Math.Cos(i)).ToArray())
            .Node("Conv", new[] { "x", "w" }, "y", String("auto_pad", "SAME_LOWER"), Ints("strides", 2, 2), Int("group", 2)));
        yield return Case("Conv_Dilated_Depthwise", new OnnxGraphBuilder(17, Image)
            .Floats("w", new long[] { 4, 1, 3, 3 }, Enumerable.Range(0, 36).Select(i => (float)Math.Cos(i)).ToArray())
            .Node("Conv", new[] { "x", "w" }, "y", Ints("pads", 2, 2, 2, 2), Ints("dilations", 2, 2), Int("group", 4)));
        yield return Case("Conv_AsymmetricPads", new OnnxGraphBuilder(17, Image)
            .Floats("w", new long[] { 2, 4, 3, 3 }, Enumerable.Range(0, 72).Select(i => (float)Math.Sin(i * 0.3)).ToArray())
            .Floats("b", new long[] { 2 }, 0.1f, -0.2f)
            .Node("Conv", new[] { "x", "w", "b" }, "y", Ints("pads", 0, 1, 2, 0), Ints("strides", 2, 1)));
        yield return Case("AveragePool_AsymmetricPads_ExcludingPads", new OnnxGraphBuilder(17, Image)
            .Node("AveragePool", new[] { "x" }, "y", Ints("kernel_shape", 3, 3), Ints("strides", 2, 2), Ints("pads", 1, 0, 0, 1)));
        yield return Case("AveragePool_SameUpper_CountingPads", new OnnxGraphBuilder(11, Image)
            .Node("AveragePool", new[] { "x" }, "y", Ints("kernel_shape", 2, 2), Ints("strides", 2, 2), String("auto_pad", "SAME_UPPER"), Int("count_include_pad", 1)));
        yield return Case("MaxPool_CeilMode_Padded", new OnnxGraphBuilder(17, Image)
            .Node("MaxPool", new[] { "x" }, "y", Ints("kernel_shape", 3, 3), Ints("strides", 2, 2), Ints("pads", 1, 1, 1, 1), Int("ceil_mode", 1)));
        yield return Case("Pad_Reflect", new OnnxGraphBuilder(11, Image).Longs("p", 0, 0, 1, 2, 0, 0, 2, 1).Node("Pad", new[] { "x", "p" }, "y", String("mode", "reflect")));
        yield return Case("Pad_Edge", new OnnxGraphBuilder(13, Image).Longs("p", 0, 0, 1, 0, 0, 0, 0, 3).Node("Pad", new[] { "x", "p" }, "y", String("mode", "edge")));
        yield return Case("Pad_ConstantValue_Opset18Axes", new OnnxGraphBuilder(18, Image).Longs("p", 1, 2).Longs("axes", -1)
            .Floats("v", Array.Empty<long>(), 0.75f).Node("Pad", new[] { "x", "p", "v", "axes" }, "y"));
        yield return Case("ReduceMean_Opset18_AxesInput", new OnnxGraphBuilder(18, Image).Longs("axes", 1, 3).Node("ReduceMean", new[] { "x", "axes" }, "y", Int("keepdims", 0)));
        yield return Case("ReduceMean_Opset21_AllAxes", new OnnxGraphBuilder(21, Image).Node("ReduceMean", new[] { "x" }, "y"));
        yield return Case("Squeeze_NoAxes_Unsqueeze_Opset11", new OnnxGraphBuilder(11, 2, 1, 3, 1)
            .Node("Squeeze", new[] { "x" }, "s").Node("Unsqueeze", new[] { "s" }, "y", Ints("axes", 0, 3)));
        yield return Case("Gemm_TransposedA_AlphaBeta", new OnnxGraphBuilder(11, 3, 2)
            .Floats("b", new long[] { 3, 4 }, Enumerable.Range(0, 12).Select(i => i * 0.1f).ToArray()).Floats("c", new long[] { 4 }, FourFloats)
            .Node("Gemm", new[] { "x", "b", "c" }, "y", Int("transA", 1), Float("alpha", 0.5f), Float("beta", 2f)));
        yield return Case("Transpose_DefaultPerm_Flatten_Axis2", new OnnxGraphBuilder(17, Image)
            .Node("Transpose", new[] { "x" }, "t").Node("Flatten", new[] { "t" }, "y", Int("axis", 2)));
        yield return Case("Reshape_ZeroCopiesAndMinusOne", new OnnxGraphBuilder(14, Image).Longs("shape", 0, -1, 7)
            .Node("Reshape", new[] { "x", "shape" }, "y"));
        yield return Case("HardSigmoid_Alpha_Clip_MaxOnly", new OnnxGraphBuilder(13, Image).Floats("hi", Array.Empty<long>(), 0.6f)
            .Node("HardSigmoid", new[] { "x" }, "h", Float("alpha", 0.3f), Float("beta", 0.4f)).Node("Clip", new[] { "h", "", "hi" }, "y"));
        yield return Case("Constant_Identity_Mul", new OnnxGraphBuilder(13, 2, 4)
            .Node("Constant", Array.Empty<string>(), "c", FloatList("value_floats", FourFloats)).Node("Identity", new[] { "c" }, "i").Node("Mul", new[] { "x", "i" }, "y"));
        yield return Case("DequantizeLinear_PerChannelInt8Weight_Conv", new OnnxGraphBuilder(13, Image)
            .SBytes("wq", new long[] { 2, 4, 1, 1 }, -128, -3, 0, 7, 127, 64, -64, 1)
            .Floats("ws", new long[] { 2 }, 0.01f, 0.02f).SBytes("wz", new long[] { 2 }, 0, 3)
            .Node("DequantizeLinear", new[] { "wq", "ws", "wz" }, "w", Int("axis", 0)).Node("Conv", new[] { "x", "w" }, "y"));
        yield return Case("QuantizeLinear_Int8_Saturates", new OnnxGraphBuilder(11, Image).Floats("s", Array.Empty<long>(), 0.005f)
            .SBytes("z", Array.Empty<long>(), 10).Node("QuantizeLinear", new[] { "x", "s", "z" }, "q").Node("DequantizeLinear", new[] { "q", "s", "z" }, "y"));
    }

    [TestCaseSource(nameof(Graphs))]
    public void Import_Graph_MatchesOnnxRuntime(OnnxGraphBuilder graph)
    {
        using var scope = NewDisposeScope();
        var file = OnnxModelFile.Read(graph.Write(directory));
        using var module = new OnnxModule(file);
        using var runtime = new OnnxRuntimeModel(file, threads: 1, optimize: false);
        var shape = file.InputShape.ToArray();
        var x = randn(shape, generator: new Generator(7));
        var ours = module.forward(x);
        var theirs = runtime.Run(x);
        ours.shape.Should().Equal(theirs.shape);
        (ours - theirs).abs().max().item<float>().Should().BeLessThan(1e-5f);
    }
}
