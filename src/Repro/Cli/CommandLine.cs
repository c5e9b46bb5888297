using System.CommandLine;

namespace Repro.Cli;

/// <summary>The `repro` command line: reproduce, report, accept, list, data.</summary>
public static class CommandLine
{
    public static RootCommand Build() => new("Repro: reproduces 'Publishing Efficient On-device Models Increases Adversarial Vulnerability' (SaTML 2023) claim by claim")
    {
        ReproduceCommand.Create(),
        ReportCommand.Create(),
        AcceptCommand.Create(),
        ListCommand.Create(),
        DataCommand.Create(),
        EnvironmentCommand.Create(),
        FingerprintCommand.Create(),
        SpreadCommand.Create(),
    };

    public static int Run(string[] args)
    {
        try
        {
            // Our own handler below prints the message of expected errors without a stack trace.
            return Build().Parse(args).Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (e is ArgumentException or FileNotFoundException or DirectoryNotFoundException or InvalidDataException or ArithmeticException or IOException)
        {
            Console.Error.WriteLine($"repro: {e.Message}");
            return 1;
        }
    }
}
