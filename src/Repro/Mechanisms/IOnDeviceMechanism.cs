namespace Repro.Mechanisms;

/// <summary>
/// One of the paper's ways of making an on-device sibling f_o from a server model f_s (§IV-A,
/// Table I's "Mechanism" column). Its <see cref="Describe"/> text enters the on-device model's recipe hash.
/// </summary>
public interface IOnDeviceMechanism
{
    /// <summary>As Table I prints it: "Quantization", "Pruning", "Distillation", ...</summary>
    string Name { get; }

    /// <summary>Whether the mechanism trains a model (Table I's "Train" column).</summary>
    bool RequiresTraining { get; }

    /// <summary>Canonical description of the mechanism and its settings.</summary>
    string Describe();
}
