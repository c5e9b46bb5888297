return Repro.Cli.CommandLine.Run(args);
