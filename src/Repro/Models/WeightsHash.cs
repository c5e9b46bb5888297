using System.Security.Cryptography;
using System.Text;
using static TorchSharp.torch;

namespace Repro.Models;

/// <summary>
/// SHA-256 of a model's state (every parameter and buffer: name, dtype, shape and raw bytes, in the state
/// dict's order): equal hashes mean bit-identical models. What the reproducibility checks compare.
/// </summary>
public static class WeightsHash
{
    public static string Of(nn.Module model)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (name, tensor) in model.state_dict())
        {
            using var cpu = tensor.detach().cpu().contiguous();
            hash.AppendData(Encoding.UTF8.GetBytes($"{name}:{cpu.dtype}:[{string.Join(",", cpu.shape)}]\n"));
            hash.AppendData(cpu.bytes);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>SHA-256 of a tensor's dtype, shape and raw bytes.</summary>
    public static string Of(Tensor tensor)
    {
        using var cpu = tensor.detach().cpu().contiguous();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{cpu.dtype}:[{string.Join(",", cpu.shape)}]\n"));
        hash.AppendData(cpu.bytes);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
