namespace Repro.Benchmarks;

/// <summary>
/// The inputs folder of this process, opened once: BenchmarkDotNet creates benchmark instances itself (in this
/// process, with the in-process toolchain), so they find their inputs here rather than through a constructor.
/// </summary>
public static class SharedInputs
{
    static BenchInputs? current;

    public static string Folder { get; set; } = BenchInputs.DefaultFolder;

    public static BenchInputs Current => current ??= BenchInputs.Open(Folder, Console.Out);
}
