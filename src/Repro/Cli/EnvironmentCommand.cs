using System.CommandLine;
using Repro.Runtime;

namespace Repro.Cli;

/// <summary>
/// `repro environment`: what decides the bits of this machine's results (processor, kernel pin, what
/// libtorch reports it runs, MKL branch, threads, allocator), as every run records it.
/// </summary>
public static class EnvironmentCommand
{
    public static Command Create()
    {
        var probe = new Option<double?>("--scalar-probe")
        {
            Description = "Also run TorchSharp operations with implicit Scalars for this many seconds under forced garbage collections " +
                "(the keep-alive check); exit 1 if any value was wrong or libtorch failed",
        };
        var command = new Command("environment", "Show the processor, the kernel pin and the native settings results depend on") { probe };
        command.SetAction(parse =>
        {
            var numerics = NumericsRecord.Current(cuda: Harness.RunEnvironment.Detect().CudaAvailable);
            var host = HostProcessor.Current;
            Console.WriteLine($"processor        {numerics.ProcessorModel} ({host.Vendor}, {host.Architecture})");
            Console.WriteLine($"instruction sets {numerics.ProcessorFlags}");
            Console.WriteLine($"kernels          {numerics.Pin}");
            Console.WriteLine($"  ATen           {numerics.AtenCapability}");
            Console.WriteLine($"  oneDNN max ISA {numerics.OneDnnMaxIsa}");
            Console.WriteLine($"  MKL branch     {numerics.MklBranch} ({numerics.MklVersion})");
            Console.WriteLine($"threads          {numerics.Threads}");
            Console.WriteLine($"allocator        {numerics.Allocator}");
            Console.WriteLine($"libtorch         {numerics.LibTorchVersion} ({numerics.Device})");
            Console.WriteLine($"cache namespace  {numerics.Namespace}");
            Console.WriteLine($"TorchSharp patch {TorchSharpPatch.Describe()}");
            if (parse.GetValue(probe) is not { } seconds) return 0;
            if (!(seconds > 0 && seconds <= 3600))
                throw new ArgumentException($"--scalar-probe {seconds} is not a duration; give seconds between 0 and 3600");
            var report = ScalarLifetimeProbe.Run(TimeSpan.FromSeconds(seconds));
            Console.WriteLine($"scalar probe     {report}");
            return report.Survived ? 0 : (int)Failures.ExitCode.CheckDiffers;
        });
        return command;
    }
}
