namespace Repro.Models.OnceForAll;

// Names of mit-han-lab/once-for-all: OFAMobileNetV3 for the supernet (its dynamic layers wrap each
// Conv2d/BatchNorm2d once more: "conv.conv", "bn.bn"), MobileNetV3 for an extracted sub-net. Block 0 is
// a static layer in both. With these, the published ofa_mbv3_d234_e346_k357_w1.0 checkpoint loads.
public abstract partial class OfaNetwork : IPyTorchLayout
{
    public string PyTorchReference => this is OfaSupernet ? "once-for-all OFAMobileNetV3" : "once-for-all MobileNetV3 (an OFA sub-net)";

    // Older OFA checkpoints name the block's layer "mobile_inverted_conv" (the reference's own load_state_dict renames it too).
    public string NormalizeCheckpointKey(string key) => key.Replace(".mobile_inverted_conv.", ".conv.", StringComparison.Ordinal);

    public IEnumerable<(string Ours, string Theirs)> PyTorchModuleNames()
    {
        yield return ("firstConv.conv", "first_conv.conv");
        yield return ("firstConv.bn", "first_conv.bn");
        for (int i = 0; i < Blocks.Count; i++)
        {
            // The supernet's elastic layers are Dynamic* wrappers around the torch layer.
            string wrap = this is OfaSupernet && i > 0 ? ".conv" : "", bnWrap = this is OfaSupernet && i > 0 ? ".bn" : "";
            string ours = $"blocks.{i}", theirs = $"blocks.{i}.conv";
            yield return ($"{ours}.invertedBottleneck.conv", $"{theirs}.inverted_bottleneck.conv{wrap}");
            yield return ($"{ours}.invertedBottleneck.bn", $"{theirs}.inverted_bottleneck.bn{bnWrap}");
            yield return ($"{ours}.depthConv.conv", $"{theirs}.depth_conv.conv{wrap}");
            yield return ($"{ours}.depthConv.bn", $"{theirs}.depth_conv.bn{bnWrap}");
            yield return ($"{ours}.kernelTransform", $"{theirs}.depth_conv.conv");
            yield return ($"{ours}.se.reduce.conv", $"{theirs}.depth_conv.se.fc.reduce");
            yield return ($"{ours}.se.expand.conv", $"{theirs}.depth_conv.se.fc.expand");
            yield return ($"{ours}.pointLinear.conv", $"{theirs}.point_linear.conv{wrap}");
            yield return ($"{ours}.pointLinear.bn", $"{theirs}.point_linear.bn{bnWrap}");
        }
        yield return ("finalExpand.conv", "final_expand_layer.conv");
        yield return ("finalExpand.bn", "final_expand_layer.bn");
        yield return ("featureMix.conv", "feature_mix_layer.conv");
        yield return ("classifier.linear", "classifier.linear");
    }
}
