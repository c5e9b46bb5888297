using System.CommandLine;
using Repro.Audit;
using Repro.Models.Foreign;

namespace Repro.Cli;

/// <summary>
/// `repro audit --server S --on-device D --data DIR`: what publishing D gives an attacker of S (Table I's measurement for
/// one pair of the user's own models), as out/audit.html and out/audit.json. S is a model file, or a model's URL on an
/// Open Inference Protocol server (KServe v2: http://HOST:PORT/v2/models/NAME), queried as an attacker would. Resumable:
/// rerun the same command after an interruption (a kill, Ctrl+C) and the finished stages are reused, and a remote
/// server's answers are replayed from out/query-journal.sqlite (every answer is committed there before it is used).
/// </summary>
public static class AuditCommand
{
    public static Command Create()
    {
        var options = new AuditOptions();
        var remote = new RemoteAuditOptions();
        var command = new Command("audit", "Measure how much a published on-device model helps attack its server (accuracy, similarity, transfer RFR, P-RGF or RayS queries)");
        foreach (var option in options.All.Concat(remote.All)) command.Options.Add(option);
        command.SetAction(parse => Run(parse, options, remote));
        return command;
    }

    static int Run(ParseResult parse, AuditOptions options, RemoteAuditOptions remote)
    {
        var settings = options.Settings(parse);
        string serverArgument = parse.GetValue(options.Server)!;
        bool labelOnly = parse.GetValue(remote.LabelOnly), eightBit = parse.GetValue(remote.EightBit);
        string output = options.OutputFolder(parse);
        IAuditServer server;
        ForeignClassifier? serverModel = null;
        ForeignClassifier device;
        if (RemoteAuditOptions.IsUrl(serverArgument))
        {
            if (eightBit)
                throw new ArgumentException("--uint8 rounds images for a local server; a remote server that takes 8-bit images says so in its metadata (UINT8 input) and the audit rounds them for it");
            var client = remote.Client(parse, serverArgument);
            device = Harness.ModelFiles.Load(parse.GetValue(options.Device)!, "--on-device");
            var remoteServer = RemoteServer.Connect(client, device.Classes, Path.Combine(output, RemoteAuditOptions.JournalFile), labelOnly);
            RemoteAuditOptions.RequireSameInput(remoteServer, device);
            server = remoteServer;
        }
        else
        {
            (server, serverModel) = AuditOptions.LoadServer(serverArgument, labelOnly, eightBit);
            device = Harness.ModelFiles.Load(parse.GetValue(options.Device)!, "--on-device");
            AuditOptions.RequireSameInput(serverModel, device);
        }
        using var ownedServer = serverModel;
        using var ownedRemote = server as IDisposable;
        using var ownedDevice = device;
        var progress = new ConsoleProgress(Console.Out);
        using var images = AuditImages.Load(parse.GetValue(options.Data)!, device.Metadata, settings, needTrain: false);
        var checkpoint = new AuditCheckpoint(Path.Combine(output, "checkpoints"),
            $"{server.Identity}|{device.Architecture.Describe()}|{images.Identity}|{settings.Describe()}");
        var audit = new Auditor(settings, progress).Run(server, device, device.Metadata.Hardening, images, checkpoint);
        if (checkpoint.Reused > 0) progress.Note($"resumed: {checkpoint.Reused} finished stage(s) reused from {checkpoint.Folder}");
        AuditOptions.WritePage(output, "audit", audit, null);
        Console.WriteLine(audit.Headline);
        Console.WriteLine($"wrote {Path.Combine(output, "audit.html")} and audit.json");
        return 0;
    }
}
