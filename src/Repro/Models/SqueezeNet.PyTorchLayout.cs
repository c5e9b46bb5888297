namespace Repro.Models;

// torchvision numbers the modules of its `features` Sequential, pools and ReLUs included:
// 1.0 = conv(0) relu(1) pool(2) fire(3,4,5) pool(6) fire(7..10) pool(11) fire(12);
// 1.1 = conv(0) relu(1) pool(2) fire(3,4) pool(5) fire(6,7) pool(8) fire(9..12).
// The CIFAR layout has no reference checkpoint; it reuses these names, with "<conv>_bn" for the batch
// norms it adds (renames that match no tensor, as in the batch-norm-free ImageNet layout, are unused).
public sealed partial class SqueezeNet : IPyTorchLayout
{
    public string PyTorchReference => imageNet
        ? $"torchvision squeezenet{(((SqueezeNetSpec)Architecture).Version == SqueezeNetVersion.V1_0 ? "1_0" : "1_1")}"
        : "SqueezeNet (CIFAR layout, under torchvision's names; batch norms as <conv>_bn)";

    public IEnumerable<(string Ours, string Theirs)> PyTorchModuleNames()
    {
        yield return ("stem.conv", "features.0");
        yield return ("stem.bn", "features.0_bn");
        int index = 3;
        for (int i = 0; i < fires.Count; i++)
        {
            foreach (var part in new[] { "squeeze", "expand1x1", "expand3x3" })
            {
                yield return ($"fires.{i}.{part}.conv", $"features.{index}.{part}");
                yield return ($"fires.{i}.{part}.bn", $"features.{index}.{part}_bn");
            }
            index += poolAfter.Contains(i) ? 2 : 1;
        }
        yield return ("classifier.conv", "classifier.1");
    }
}
