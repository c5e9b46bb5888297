namespace Repro.Models;

// torchvision's mobilenet_v2 numbers its features (stem, blocks, last conv) and the layers inside each
// block; kuangliu's CIFAR network names them conv1..3/bn1..3.
public sealed partial class MobileNetV2 : IPyTorchLayout
{
    bool IsCifar => ((MobileNetV2Spec)Architecture).Layout == MobileNetV2Layout.Cifar;

    public string PyTorchReference => IsCifar ? "kuangliu/pytorch-cifar MobileNetV2" : "torchvision mobilenet_v2";

    public IEnumerable<(string Ours, string Theirs)> PyTorchModuleNames() => IsCifar ? KuangliuNames() : TorchvisionNames();

    IEnumerable<(string, string)> TorchvisionNames()
    {
        yield return ("stem.conv", "features.0.0");
        yield return ("stem.bn", "features.0.1");
        for (int i = 0; i < blockHasExpansion.Count; i++)
        {
            string ours = $"blocks.{i}", theirs = $"features.{i + 1}.conv";
            int layer = 0;
            if (blockHasExpansion[i])
            {
                yield return ($"{ours}.expand.conv", $"{theirs}.0.0");
                yield return ($"{ours}.expand.bn", $"{theirs}.0.1");
                layer = 1;
            }
            yield return ($"{ours}.depthwise.conv", $"{theirs}.{layer}.0");
            yield return ($"{ours}.depthwise.bn", $"{theirs}.{layer}.1");
            yield return ($"{ours}.project.conv", $"{theirs}.{layer + 1}");
            yield return ($"{ours}.project.bn", $"{theirs}.{layer + 2}");
        }
        yield return ("last.conv", $"features.{blockHasExpansion.Count + 1}.0");
        yield return ("last.bn", $"features.{blockHasExpansion.Count + 1}.1");
        yield return ("classifier.linear", "classifier.1");
    }

    IEnumerable<(string, string)> KuangliuNames()
    {
        yield return ("stem.conv", "conv1");
        yield return ("stem.bn", "bn1");
        for (int i = 0; i < blockHasExpansion.Count; i++)
        {
            string ours = $"blocks.{i}", theirs = $"layers.{i}";
            yield return ($"{ours}.expand.conv", $"{theirs}.conv1");
            yield return ($"{ours}.expand.bn", $"{theirs}.bn1");
            yield return ($"{ours}.depthwise.conv", $"{theirs}.conv2");
            yield return ($"{ours}.depthwise.bn", $"{theirs}.bn2");
            yield return ($"{ours}.project.conv", $"{theirs}.conv3");
            yield return ($"{ours}.project.bn", $"{theirs}.bn3");
            if (!blockHasShortcut[i]) continue;
            yield return ($"{ours}.shortcut.conv", $"{theirs}.shortcut.0");
            yield return ($"{ours}.shortcut.bn", $"{theirs}.shortcut.1");
        }
        yield return ("last.conv", "conv2");
        yield return ("last.bn", "bn2");
        yield return ("classifier.linear", "linear");
    }
}
