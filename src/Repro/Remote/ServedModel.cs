using Repro.Models;
using static TorchSharp.torch;

namespace Repro.Remote;

/// <summary>
/// What `repro serve` puts behind the protocol: any <see cref="Classifier"/> (it takes [0, 1] NCHW pixels and knows its
/// input shape and class count) under a name, with a line saying where it came from. A Repro architecture, a TorchScript
/// file or an ONNX model wrapped as a Classifier all serve alike; the server never asks which.
/// </summary>
/// <param name="Engine">
/// Logits of [0, 1] pixels from the engine that serves the model as deployed (ONNX Runtime for an .onnx file), or null
/// for the Classifier's own forward.
/// </param>
public sealed record ServedModel(string Name, Classifier Model, string Origin, Func<Tensor, Tensor>? Engine = null);
