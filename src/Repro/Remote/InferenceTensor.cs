namespace Repro.Remote;

/// <summary>
/// One named tensor of the Open Inference Protocol (KServe v2): a datatype ("FP32", "UINT8", "INT64", ...), a shape and
/// its elements flattened in row-major order. FP32 elements are held as floats (exact through JSON: .NET writes the
/// shortest round-trip form), integer ones as longs.
/// </summary>
public sealed record InferenceTensor(string Name, string Datatype, long[] Shape, float[]? Floats, long[]? Integers)
{
    public const string Fp32 = "FP32";
    public const string Uint8 = "UINT8";
    public const string Int64 = "INT64";

    public long ElementCount => Shape.Aggregate(1L, (a, b) => a * b);

    public int Length => Floats?.Length ?? Integers?.Length ?? 0;

    public string DescribeShape() => $"[{string.Join(", ", Shape)}]";

    public static InferenceTensor OfFloats(string name, long[] shape, float[] data) => new(name, Fp32, shape, data, null);

    public static InferenceTensor OfIntegers(string name, string datatype, long[] shape, long[] data) => new(name, datatype, shape, null, data);
}
