using Repro.Harness.Planning;

namespace Repro.Unit.Harness.Planning;

public class SlurmExportTests
{
    [Test]
    public void Files_ThreeLevels_OneArrayPerLevelChainedWithAfterok_AndValidBash()
    {
        var files = new SlurmExport().Files(PlanFixtures.Plan(3, 2), new ExportSettings()).ToDictionary(f => f.Path, f => f.Text);

        var submit = files["slurm/submit.sh"];
        submit.Should().Contain("submit 1 0-03:00:00 1 2 3\n").And.Contain("submit 2 0-03:00:00 4 5\n").And.Contain("submit 3 0-01:00:00 6\n");
        submit.Should().Contain("--dependency=\"afterok:$previous\"").And.Contain("--kill-on-invalid-dep=yes").And.Contain("--array=\"0-$(($# - 1))%$max_parallel\"");
        files["slurm/job.sbatch"].Should().Contain("job=\"${jobs[$SLURM_ARRAY_TASK_ID]}\"").And.Contain("plan run --plan \"$REPRO_PLAN\" --job \"$job\"");
        ExportScripts.BashSyntaxErrors(submit).Should().BeEmpty();
        ExportScripts.BashSyntaxErrors(files["slurm/job.sbatch"]).Should().BeEmpty();
    }

    [Test]
    public void SubmitScript_ALevelAboveSlurmsArrayLimit_IsSplitAndTheNextLevelWaitsForEveryPart()
    {
        var plan = PlanFixtures.Plan(SlurmExport.ArrayLimit + 1, 1);
        string folder = Directory.CreateTempSubdirectory("repro-slurm-").FullName;
        try
        {
            foreach (var (path, text) in new SlurmExport().Files(plan, new ExportSettings()))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(folder, path))!);
                File.WriteAllText(Path.Combine(folder, path), text);
            }
            // A stand-in sbatch: logs its arguments, answers array ids 101, 102, ... as `sbatch --parsable` does.
            File.WriteAllText(Path.Combine(folder, "sbatch"), "#!/usr/bin/env bash\nn=$(( $(wc -l < \"$LOG\" 2>/dev/null || echo 0) + 101 ))\necho \"$n $*\" >> \"$LOG\"\necho \"$n;cluster\"\n");
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(Path.Combine(folder, "sbatch"), (UnixFileMode)0b111_101_101);
            var start = new System.Diagnostics.ProcessStartInfo("bash", new[] { Path.Combine(folder, "slurm", "submit.sh") }) { RedirectStandardOutput = true, RedirectStandardError = true };
            start.Environment["PATH"] = folder + ":" + Environment.GetEnvironmentVariable("PATH");
            start.Environment["LOG"] = Path.Combine(folder, "sbatch.log");
            File.WriteAllText(Path.Combine(folder, "sbatch.log"), "");
            using var bash = System.Diagnostics.Process.Start(start)!;
            string error = bash.StandardError.ReadToEnd();
            bash.WaitForExit();

            bash.ExitCode.Should().Be(0, error);
            var calls = File.ReadAllLines(Path.Combine(folder, "sbatch.log"));
            calls.Should().HaveCount(4, "level 1 in two arrays, level 2, the assembling level");
            calls[0].Should().Contain("--array=0-999%16").And.NotContain("--dependency");
            calls[1].Should().Contain("--array=0-0%16").And.NotContain("--dependency").And.EndWith($"job.sbatch {SlurmExport.ArrayLimit + 1}");
            calls[2].Should().Contain("--dependency=afterok:101:102");
            calls[3].Should().Contain("--dependency=afterok:103");
        }
        finally { Directory.Delete(folder, recursive: true); }
    }
}
