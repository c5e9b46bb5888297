using Repro.Models;
using static TorchSharp.torch;

namespace Repro.Training;

/// <summary>The standard supervised loss: cross-entropy of the logits against the labels.</summary>
public sealed class CrossEntropyObjective : ITrainingObjective
{
    public static CrossEntropyObjective Instance { get; } = new();

    public Tensor Loss(Classifier model, Tensor images, Tensor labels)
    {
        using var logits = model.forward(images);
        return nn.functional.cross_entropy(logits, labels);
    }

    public string Describe() => "ce";
}
