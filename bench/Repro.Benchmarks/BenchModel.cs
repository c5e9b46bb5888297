using Repro.Models;

namespace Repro.Benchmarks;

/// <summary>
/// A network the workloads run: its architecture, the seed of its initial weights, and whether the inputs
/// folder holds it trained (a couple of epochs, so that gradients and query attacks see a trained model) or
/// 8-bit (calibrated from <see cref="QuantizedFrom"/>).
/// </summary>
public sealed record BenchModel(string Name, ArchitectureSpec Spec, int Seed, bool Trained = false, string? QuantizedFrom = null);
