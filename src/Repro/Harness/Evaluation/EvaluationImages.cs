using Repro.Data;

namespace Repro.Harness.Evaluation;

/// <summary>
/// The images one group of pairs is evaluated on: a labelled test set (accuracy), the attacked
/// samples S within it and S's P-RGF subset, and an identity for cache keys. CIFAR-10 rows use the
/// profile's data; the ImageNet rows their validation draw.
/// </summary>
public sealed record EvaluationImages(string Identity, LabeledImages Test, long[] AttackIndices, long[] QueryIndices);
