using Repro.Data;

namespace Repro.Harness.Evaluation;

/// <summary>The samples Appendix D's similarity metrics average over: an image set, the indices drawn from it, and which split it is ("train").</summary>
public sealed record SimilaritySamples(LabeledImages Source, long[] Indices, string Split);
