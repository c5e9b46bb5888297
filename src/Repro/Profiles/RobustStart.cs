namespace Repro.Profiles;

/// <summary>Where a robust model's adversarial training starts.</summary>
public enum RobustStart
{
    /// <summary>A fresh initialisation trained adversarially for the whole training schedule (Appendix H, Appendix I).</summary>
    FromScratch,

    /// <summary>The same architecture's cross-entropy model, adversarially fine-tuned for <see cref="RobustSettings.FinetuneEpochs"/> epochs.</summary>
    Finetune,
}
