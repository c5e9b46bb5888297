using System.Security.Cryptography;

namespace Repro.Harness.ImageNet;

/// <summary>
/// Pretrained ImageNet checkpoints a user supplies in one folder (REPRO_WEIGHTS), since nothing can be
/// downloaded: torchvision's state dicts saved as &lt;name&gt;.pth / .pt / .safetensors, e.g. resnet50,
/// mobilenet_v2, squeezenet1_0, and resnet50-anew (a second ResNet50 trained from scratch, for "a new").
/// </summary>
public static class PretrainedWeights
{
    static readonly string[] Extensions = { ".safetensors", ".pth", ".pt" };

    /// <summary>The checkpoint file for <paramref name="name"/>, or null.</summary>
    public static string? Find(string? folder, string name)
    {
        if (folder is null || !Directory.Exists(folder)) return null;
        return Extensions.Select(ext => Path.Combine(folder, name + ext)).FirstOrDefault(File.Exists);
    }

    /// <summary>Why <paramref name="name"/> cannot be loaded, or null when it can.</summary>
    public static string? Missing(string? folder, string name) =>
        folder is null ? $"set REPRO_WEIGHTS to a folder holding the pretrained checkpoint '{name}.pth' (or .safetensors)"
        : Find(folder, name) is null ? $"no '{name}.pth', '{name}.pt' or '{name}.safetensors' in REPRO_WEIGHTS ({folder})"
        : null;

    /// <summary>Content hash of a checkpoint: the recipe names weights by what they are, not where they lie.</summary>
    public static string Fingerprint(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream))[..16];
    }
}
