namespace Repro.Models;

// State-dict names of the reference implementations: torchvision's resnet for the ImageNet stem,
// kuangliu/pytorch-cifar's ResNet for the CIFAR one (same block layout, other names).
public sealed partial class ResNet : IPyTorchLayout
{
    public string PyTorchReference => maxPoolStem ? "torchvision resnet" : "kuangliu/pytorch-cifar ResNet";

    public IEnumerable<(string Ours, string Theirs)> PyTorchModuleNames()
    {
        string shortcut = maxPoolStem ? "downsample" : "shortcut";
        yield return ("stem.conv", "conv1");
        yield return ("stem.bn", "bn1");
        foreach (var (stage, index, hasShortcut) in blockNames)
        {
            string ours = $"stages.layer{stage}_{index}", theirs = $"layer{stage}.{index}";
            for (int c = 1; c <= convsPerBlock; c++)
            {
                yield return ($"{ours}.conv{c}.conv", $"{theirs}.conv{c}");
                yield return ($"{ours}.conv{c}.bn", $"{theirs}.bn{c}");
            }
            if (!hasShortcut) continue;
            yield return ($"{ours}.shortcut.conv", $"{theirs}.{shortcut}.0");
            yield return ($"{ours}.shortcut.bn", $"{theirs}.{shortcut}.1");
        }
        yield return ("fc.linear", maxPoolStem ? "fc" : "linear");
    }
}
