using Repro.Audit;
using Repro.Cli;
using Repro.Harness;
using Repro.Models.Foreign;

namespace Repro.ClaimTests;

/// <summary>
/// `repro audit` of the mini server and its 8-bit sibling, exported to TorchScript from the harness's own trained weights
/// (examples/audit), measures what Table I measures for that pair: every audited number falls in the band of the accepted
/// mini snapshot (baselines/mini/Table01_OnDevicePriors.verified.json, bands from seed-spread.json). The audit runs with
/// its defaults, which are the mini profile's protocol. About 45 s on 2 cores; no cache needed (its no-prior stages are
/// shared with HardenMatchesTableVI's audit of the same server).
/// </summary>
[Category("Cpu")]
public sealed class AuditMatchesTableI
{
    static string Fixture(string name) => AuditClaimData.Fixture(name);

    [Test]
    public void AuditOfTheExportedMiniPair_FallsInTableIsBands()
    {
        using var server = TorchScriptClassifier.Load(Fixture("mini-server.pt"));
        using var device = TorchScriptClassifier.Load(Fixture("mini-server-int8.pt"));
        var settings = new AuditSettings();
        using var images = AuditImages.Load(AuditImages.Embedded, device.Metadata, settings, needTrain: false);
        var audit = new Auditor(settings, new ConsoleProgress(TestContext.Progress))
            .Run(new LocalServer(server), device, null, images, new AuditCheckpoint(AuditClaimData.CheckpointRoot, "table1"));
        var rows = AuditClaimData.Snapshot("Table01_OnDevicePriors");
        var quantization = rows["cifar10/quantization"];
        var noPrior = rows["cifar10/no-prior"];
        var asIs = rows["cifar10/as-is"];
        var with = audit.Query(AuditReport.WithPrior)!;
        var without = audit.Query(AuditReport.WithoutPrior)!;
        var measured = new (string What, double Value, (double Mean, double Band) Accepted)[]
        {
            ("server accuracy", audit.Accuracy.Server, asIs["server_accuracy"]),
            ("8-bit accuracy", audit.Accuracy.Device, quantization["accuracy"]),
            ("FGSM RFR", audit.Transfers.Single(t => t.Attack == "FGSM").Rfr!.Value, quantization["rfr_fgsm"]),
            ("PGD-10 RFR", audit.Transfers.Single(t => t.Attack == "PGD-10").Rfr!.Value, quantization["rfr_pgd10"]),
            ("# queries with the 8-bit prior", with.MeanQueries!.Value, quantization["queries"]),
            ("FR with the 8-bit prior", with.FoolingRate!.Value, quantization["fooling_rate"]),
            ("# queries without a prior", without.MeanQueries!.Value, noPrior["queries"]),
            ("FR without a prior", without.FoolingRate!.Value, noPrior["fooling_rate"]),
        };
        foreach (var (what, value, accepted) in measured)
            TestContext.Progress.WriteLine($"{what}: audit {value:G6}, Table I (mini) {accepted.Mean:G6} ± {accepted.Band:G4}");
        measured.Should().OnlyContain(m => Math.Abs(m.Value - m.Accepted.Mean) <= m.Accepted.Band,
            string.Join("; ", measured.Select(m => $"{m.What}: audit {m.Value:G6} vs {m.Accepted.Mean:G6} ± {m.Accepted.Band:G4}")));
    }
}
