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

    /// <summary>Images one request may carry (memory of one forward pass); more: 413. The audit's client sends 256 at most.</summary>
    public int MaxImagesPerRequest { get; init; } = 512;

    /// <summary>
    /// Bytes one request body may have, checked by Kestrel before the body is read (413 past it); null: sized for
    /// <see cref="MaxImagesPerRequest"/> images of the model's shape in JSON (<see cref="BodyLimitFor"/>).
    /// </summary>
    public long? MaxRequestBodyBytes { get; init; }

    /// <summary>
    /// API keys (key → the name it is counted under): when set, a request without a known key (Authorization: Bearer KEY)
    /// is refused with 401, and the query limit counts per key. Null: no keys; the limit counts per client address.
    /// </summary>
    public IReadOnlyDictionary<string, string>? ApiKeys { get; init; }

    /// <summary>Bytes a JSON number of a pixel takes at most ("-0.123456789012345678e-05," and its separator).</summary>
    public const int JsonBytesPerValue = 26;

    /// <summary>The body limit for <paramref name="images"/> images of <paramref name="valuesPerImage"/> values, with 64 KiB for the rest of the request.</summary>
    public static long BodyLimitFor(int images, long valuesPerImage) => images * valuesPerImage * JsonBytesPerValue + 64 * 1024;

    /// <summary>Answers kept per client for requests retried with the same id (not charged again).</summary>
    public int RememberedAnswersPerClient { get; init; } = 256;
}
