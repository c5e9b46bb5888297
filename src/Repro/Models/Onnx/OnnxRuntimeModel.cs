using Microsoft.ML.OnnxRuntime;
using static TorchSharp.torch;

namespace Repro.Models.Onnx;

/// <summary>
/// A shipped ONNX model run by ONNX Runtime, the engine that serves it in production: float [N, C, H, W] pixels in,
/// the graph's output [N, classes] out, no gradients. This is the black box a query attacker meets.
/// </summary>
public sealed class OnnxRuntimeModel : IDisposable
{
    readonly InferenceSession session;
    float[] buffer = Array.Empty<float>();

    /// <param name="threads">ONNX Runtime's intra-op threads; 0 leaves its default (one per core).</param>
    /// <param name="optimize">
    /// ONNX Runtime's graph optimisations, on as a server runs them: they fuse QuantizeLinear/DequantizeLinear pairs
    /// into integer kernels (QLinearConv), which round differently from the float graph. Off runs every node as written.
    /// </param>
    public OnnxRuntimeModel(OnnxModelFile file, int threads = 0, bool optimize = true)
    {
        File = file;
        using var options = new SessionOptions();
        if (threads > 0) options.IntraOpNumThreads = threads;
        if (!optimize) options.GraphOptimizationLevel = GraphOptimizationLevel.ORT_DISABLE_ALL;
        try
        {
            session = new InferenceSession(file.Path, options);
        }
        catch (OnnxRuntimeException e)
        {
            throw new InvalidDataException($"ONNX Runtime cannot load '{file.Path}': {e.Message}", e);
        }
    }

    public OnnxModelFile File { get; }

    public Tensor Run(Tensor pixels)
    {
        using var cpu = pixels.detach().cpu().to_type(ScalarType.Float32).contiguous();
        // One input buffer per model, grown as needed: a query attack calls this thousands of times, and a fresh array
        // each time is garbage the collector must chase.
        long count = cpu.numel();
        if (buffer.Length < count) buffer = new float[count];
        cpu.data<float>().CopyTo(buffer.AsSpan(0, (int)count), 0, 0);
        using var input = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, buffer.AsMemory(0, (int)count), pixels.shape);
        using var runOptions = new RunOptions();
        IDisposableReadOnlyCollection<OrtValue> outputs;
        try
        {
            outputs = session.Run(runOptions, new[] { File.InputName }, new[] { input }, new[] { File.OutputName });
        }
        catch (OnnxRuntimeException e)
        {
            throw new ArgumentException($"ONNX Runtime cannot run {File.Name} on input [{string.Join(", ", pixels.shape)}] (the model declares " +
                $"[{string.Join(", ", File.InputShape.Select(d => d < 0 ? "N" : d.ToString()))}]): {e.Message}", e);
        }
        using var owned = outputs;
        var output = outputs[0];
        var result = empty(output.GetTensorTypeAndShape().Shape, ScalarType.Float32);
        result.data<float>().CopyFrom(output.GetTensorDataAsSpan<float>(), 0, 0);
        return result.to(pixels.device);
    }

    public void Dispose() => session.Dispose();
}
