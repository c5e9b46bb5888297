namespace Repro.Models;

/// <summary>
/// A model whose tensors correspond one-to-one to those of a PyTorch reference implementation
/// (torchvision, once-for-all), so that the reference's state dicts load (<see cref="PyTorchStateDict"/>).
/// </summary>
public interface IPyTorchLayout
{
    /// <summary>What the names refer to, for error messages ("torchvision resnet50").</summary>
    string PyTorchReference { get; }

    /// <summary>
    /// Module renames, ours to the reference's: ("stem.conv", "conv1") maps <c>stem.conv.weight</c> to
    /// <c>conv1.weight</c>. Every tensor of our state dict except the quantization observers must fall
    /// under exactly one of these prefixes.
    /// </summary>
    IEnumerable<(string Ours, string Theirs)> PyTorchModuleNames();

    /// <summary>Rewrites a checkpoint's name before matching, for references whose names changed between releases.</summary>
    string NormalizeCheckpointKey(string key) => key;
}
