namespace Repro.Cli;

/// <summary>
/// A path as the console prints it: relative to the current folder when it lies inside it, "~/..." under the home
/// folder, else as the user gave it. The console then names no folder of this machine that the user did not type.
/// </summary>
public static class ShownPath
{
    public static string Of(string path)
    {
        var full = Path.GetFullPath(path);
        var relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), full);
        if (!relative.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(relative)) return relative;
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (home.Length > 1 && full.StartsWith(home.TrimEnd('/') + "/", StringComparison.Ordinal)) return "~/" + full[(home.TrimEnd('/').Length + 1)..];
        return full;
    }
}
