namespace Repro.Defense;

/// <summary>The three ways of §VI to combine similarity-unpairing with an efficient deep learning mechanism.</summary>
public enum UnpairingStrategy
{
    /// <summary>FF: fine-tune the server with the unpairing objective, then apply the mechanism.</summary>
    FinetuneFirst,
    /// <summary>FL: apply the mechanism, then fine-tune the on-device model with the unpairing objective.</summary>
    FinetuneLast,
    /// <summary>JF: add the unpairing objective to the mechanism's own optimisation (QAT, distillation loss).</summary>
    Jointly,
}
