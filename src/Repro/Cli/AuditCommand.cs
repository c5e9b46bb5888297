using System.CommandLine;
using Repro.Audit;
using Repro.Models.Foreign;

namespace Repro.Cli;

/// <summary>
/// `repro audit --server S --on-device D --data DIR`: what publishing D gives an attacker of S (Table I's measurement for
/// one pair of the user's own models), as out/audit.html and out/audit.json. Resumable: rerun the same command after an
/// interruption and the finished stages are reused.
/// </summary>
public static class AuditCommand
{
    public static Command Create()
    {
        var options = new AuditOptions();
        var command = new Command("audit", "Measure how much a published on-device model helps attack its server (accuracy, similarity, transfer RFR, P-RGF queries)");
        foreach (var option in options.All) command.Options.Add(option);
        command.SetAction(parse =>
        {
            var settings = options.Settings(parse);
            var (server, serverModel) = AuditOptions.LoadServer(parse.GetValue(options.Server)!);
            using var ownedServer = serverModel;
            using var device = ForeignModels.Load(parse.GetValue(options.Device)!);
            AuditOptions.RequireSameInput(serverModel, device);
            var progress = new ConsoleProgress(Console.Out);
            using var images = AuditImages.Load(parse.GetValue(options.Data)!, device.Metadata, settings, needTrain: false);
            string output = Path.GetFullPath(parse.GetValue(options.Out)!);
            var checkpoint = new AuditCheckpoint(Path.Combine(output, "checkpoints"),
                $"{server.Identity}|{device.Architecture.Describe()}|{images.Identity}|{settings.Describe()}");
            var audit = new Auditor(settings, progress).Run(server, device, device.Metadata.Hardening, images, checkpoint);
            if (checkpoint.Reused > 0) progress.Note($"resumed: {checkpoint.Reused} finished stage(s) reused from {checkpoint.Folder}");
            AuditOptions.WritePage(output, "audit", audit, null);
            Console.WriteLine(audit.Headline);
            Console.WriteLine($"wrote {Path.Combine(output, "audit.html")} and audit.json");
            return 0;
        });
        return command;
    }
}
