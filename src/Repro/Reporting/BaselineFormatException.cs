namespace Repro.Reporting;

/// <summary>
/// A baseline or snapshot file that does not read as expected. The message names the file, the line
/// (1-based, 0 when the problem is the whole file), the column and what was expected (DESIGN.md §6).
/// </summary>
public sealed class BaselineFormatException : FormatException, Failures.IExpectedFailure
{
    public Failures.ExitCode Code => Failures.ExitCode.BadBaseline;

    public BaselineFormatException(string file, int line, string column, string problem)
        : base(Compose(file, line, column, problem))
    {
        File = file;
        Line = line;
        Column = column;
        Problem = problem;
    }

    public string File { get; }
    public int Line { get; }
    public string Column { get; }
    public string Problem { get; }

    private static string Compose(string file, int line, string column, string problem)
    {
        string where = line > 0 ? $"{file}, line {line}" : file;
        return column.Length > 0 ? $"{where}, column '{column}': {problem}" : $"{where}: {problem}";
    }
}
