using System.Diagnostics;

namespace Repro.Unit.Harness.Planning;

/// <summary>Checks a generated shell script with `bash -n` (parse only, nothing runs).</summary>
internal static class ExportScripts
{
    public static string BashSyntaxErrors(string script)
    {
        string path = Path.Combine(Path.GetTempPath(), $"repro-export-{Guid.NewGuid():N}.sh");
        File.WriteAllText(path, script);
        try
        {
            using var bash = Process.Start(new ProcessStartInfo("bash", new[] { "-n", path }) { RedirectStandardError = true, UseShellExecute = false })!;
            string errors = bash.StandardError.ReadToEnd();
            bash.WaitForExit();
            return bash.ExitCode == 0 ? "" : errors;
        }
        finally { File.Delete(path); }
    }
}
