using System.CommandLine;
using Repro.Failures;

namespace Repro.Cli;

/// <summary>
/// The `repro` command line: reproduce, report, accept, list, data, environment, fingerprint, spread, plan, ledger, device-check, audit, harden, serve.
/// Its one error policy:
/// an expected failure ends with one plain line naming the thing and what was expected, and the exit code of its
/// class (<see cref="ExitCode"/>); a bug says so, and prints its stack trace only with --verbose.
/// </summary>
public static class CommandLine
{
    public const string VerboseOption = "--verbose";

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
        PlanCommand.Create(),
        LedgerCommand.Create(),
        DeviceCheckCommand.Create(),
        AuditCommand.Create(),
        HardenCommand.Create(),
        ServeCommand.Create(),
        ExportCommand.Create(),
        new Option<bool>(VerboseOption) { Description = "Print the stack trace of an internal error (a bug in Repro)", Recursive = true },
    };

    public static int Run(string[] args)
    {
        // Our handler below prints the message of expected errors without a stack trace.
        var configuration = new InvocationConfiguration { EnableDefaultExceptionHandler = false };
        ParseResult? parse = null;
        try
        {
            parse = Build().Parse(args);
            if (parse.Errors.Count > 0)
            {
                // One line per error in the CLI's own words, then where the options are listed (the whole help buries the error).
                foreach (var error in parse.Errors) Console.Error.WriteLine($"repro: {ParseErrorText.Friendly(error.Message)}");
                string command = string.Join(' ', CommandPath(parse.CommandResult));
                Console.Error.WriteLine($"Run 'repro {(command.Length > 0 ? command + " " : "")}--help' for its options.");
                return (int)ExitCode.BadInput;
            }
            // Before any command touches a tensor: a build without the keep-alive patch, or an environment value that
            // would silently change the threads or the stress mode, is refused with its name. `environment` reports the
            // patch instead of refusing, so it can probe an unpatched copy.
            Runtime.TorchProcessSetup.ThrowIfUnusable();
            RefuseUndecodableArguments(parse);
            if (parse.CommandResult.Command.Name != "environment") Runtime.TorchSharpPatch.Require();
            return parse.Invoke(configuration);
        }
        catch (Exception e)
        {
            bool verbose = parse?.GetValue<bool>(VerboseOption) ?? args.Contains(VerboseOption);
            return Report(Failure.Of(e), verbose, Console.Error);
        }
    }

    /// <summary>The subcommand names from the root down ("plan export"); empty for the root itself.</summary>
    static IEnumerable<string> CommandPath(System.CommandLine.Parsing.CommandResult result)
    {
        var names = new Stack<string>();
        for (var r = result; r?.Parent is System.CommandLine.Parsing.CommandResult parent; r = parent) names.Push(r.Command.Name);
        return names;
    }

    /// <summary>
    /// An argument whose bytes are not UTF-8 reaches .NET with U+FFFD in their place: as a path it would name another
    /// folder (a warm cache silently becomes a cold one), so it is refused with the option that took it.
    /// </summary>
    static void RefuseUndecodableArguments(ParseResult parse)
    {
        string? option = null;
        foreach (var token in parse.Tokens)
        {
            if (token.Value.Contains('\uFFFD'))
                throw new ArgumentException($"{(option is null ? "an argument" : option)} '{token.Value}' holds bytes that are not UTF-8, so it cannot name a file " +
                    "exactly here; rename the file or folder with UTF-8 characters (or a link to it), and pass that");
            option = token.Value.StartsWith("--", StringComparison.Ordinal) ? token.Value : null;
        }
        foreach (var variable in new[] { "REPRO_CACHE", "REPRO_DATA", "XDG_CACHE_HOME", "REPRO_IMAGENET", "REPRO_WEIGHTS" })
            if (Environment.GetEnvironmentVariable(variable) is { } value && value.Contains('\uFFFD'))
                throw new ArgumentException($"{variable} holds bytes that are not UTF-8, so it cannot name a folder exactly here; point it at a UTF-8 path");
    }

    /// <summary>Prints <paramref name="failure"/> as the policy says and returns its exit code.</summary>
    public static int Report(Failure failure, bool verbose, TextWriter error)
    {
        error.WriteLine($"repro: {failure.Message}");
        if (failure.IsBug && verbose) error.WriteLine(failure.Exception.ToString());
        return (int)failure.Code;
    }
}
