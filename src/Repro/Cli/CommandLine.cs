namespace Repro.Cli;

/// <summary>The `repro` command line; sub-commands are added as their pieces land.</summary>
public static class CommandLine
{
    public static int Run(string[] args)
    {
        Console.Error.WriteLine("repro: no commands yet");
        return 2;
    }
}
