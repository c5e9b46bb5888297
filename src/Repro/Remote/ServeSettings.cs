using System.Net;

namespace Repro.Remote;

/// <summary>How `repro serve` answers (Table II's cloud model: label-only, 8-bit input).</summary>
public sealed record ServeSettings
{
    /// <summary>Answer with the top-1 label only (INT64 "label" [n]) instead of softmax scores.</summary>
    public bool LabelOnly { get; init; }

    /// <summary>Take UINT8 images only (each level / 255 is the pixel), refusing FP32 input.</summary>
    public bool EightBitInput { get; init; }

    /// <summary>The address to listen on: loopback unless the user asks otherwise.</summary>
    public IPAddress Address { get; init; } = IPAddress.Loopback;

    /// <summary>0: an ephemeral port, chosen by the system (the tests' choice).</summary>
    public int Port { get; init; }

    /// <summary>Images a client may have answered in all; null: no limit. Past it: 429 with a message.</summary>
    public long? QueryLimitPerClient { get; init; }

    /// <summary>Images one request may carry (memory of one forward pass); more: 413.</summary>
    public int MaxImagesPerRequest { get; init; } = 4096;

    /// <summary>Answers kept per client for requests retried with the same id (not charged again).</summary>
    public int RememberedAnswersPerClient { get; init; } = 256;
}
