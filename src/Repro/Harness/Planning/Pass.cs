namespace Repro.Harness.Planning;

/// <summary>The kinds of pass over an image whose cost per image <see cref="EpochTimes"/> holds (measured by <see cref="EpochTimer"/>).</summary>
public enum Pass
{
    /// <summary>A training step with cross-entropy: forward, backward, SGD update.</summary>
    Train,

    /// <summary>A training step whose loss holds the input-gradient similarity penalty: double backpropagation.</summary>
    TrainWithInputGradientPenalty,

    /// <summary>Inference: logits or penultimate activations (teachers, accuracy, queries).</summary>
    Forward,

    /// <summary>Forward and backward to the input, no update (FGSM, PGD, P-RGF's prior, input-gradient similarity).</summary>
    InputGradient,
}
