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
        var command = new Command("environment", "Show the processor, the kernel pin and the native settings results depend on");
        command.SetAction(_ =>
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
            return 0;
        });
        return command;
    }
}
