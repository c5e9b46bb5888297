namespace Repro.Failures;

/// <summary>
/// libtorch's error messages carry its C++ backtrace ("Exception raised from ... (most recent call first):" and a
/// dozen "frame #N:" lines); a user needs the first line. The whole text stays in the exception for --verbose.
/// </summary>
public static class NativeErrorText
{
    public static string FirstLine(string message)
    {
        var text = message;
        int raised = text.IndexOf("Exception raised from", StringComparison.Ordinal);
        if (raised >= 0) text = text[..raised];
        int frame = text.IndexOf("frame #", StringComparison.Ordinal);
        if (frame >= 0) text = text[..frame];
        text = text.Replace("(Could this error message be improved?  If so, please report an enhancement request to PyTorch.)", "", StringComparison.Ordinal);
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length == 0 ? message.Split('\n')[0].Trim() : string.Join(" ", lines);
    }
}
