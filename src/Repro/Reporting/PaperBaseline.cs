using System.Globalization;
using System.Text.RegularExpressions;
using Repro.Metrics;

namespace Repro.Reporting;

/// <summary>One number the paper prints: its mean and std as printed (text kept for the report), and the tolerance band.</summary>
public sealed record PaperCell(string Metric, double Mean, double? Std, string MeanText, string? StdText, Tolerance Tolerance, string Note, int Line)
{
    /// <summary>"13.7 ± 1.7" or "91": exactly as the paper prints it.</summary>
    public string Printed => StdText is null ? MeanText : $"{MeanText} ± {StdText}";

    public bool Contains(double measured) => Tolerance.Contains(Mean, measured);
}

/// <summary>One row of a paper table: stable id, group and label as printed, and the cells the paper fills.</summary>
public sealed record PaperRow(string Id, string Group, string Label, IReadOnlyList<PaperCell> Cells)
{
    public PaperCell? Cell(string metric) => Cells.FirstOrDefault(c => c.Metric == metric);
}

/// <summary>
/// The paper's numbers for one table or figure, loaded from <c>baselines/paper/&lt;Experiment&gt;.csv</c>
/// (one line per row and metric; schema in <c>baselines/paper/README.md</c>). Loading validates every
/// line and fails with the file, line, column and what was expected.
/// </summary>
public sealed partial record PaperBaseline(string Experiment, string Source, IReadOnlyList<PaperRow> Rows)
{
    public static readonly string[] Header = { "row", "group", "label", "metric", "mean", "std", "tolerance", "note" };

    public PaperRow? Row(string id) => Rows.FirstOrDefault(r => r.Id == id);

    public static PaperBaseline Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"paper baseline not found: {path}", path);
        return Parse(File.ReadAllText(path), path, Path.GetFileNameWithoutExtension(path));
    }

    /// <summary>Every <c>*.csv</c> in <paramref name="directory"/>, keyed by experiment name.</summary>
    public static IReadOnlyDictionary<string, PaperBaseline> LoadAll(string directory)
    {
        if (!Directory.Exists(directory)) throw new DirectoryNotFoundException($"paper baseline folder not found: {directory}");
        return Directory.GetFiles(directory, "*.csv")
            .OrderBy(f => f, StringComparer.Ordinal)
            .Select(Load)
            .ToDictionary(b => b.Experiment, StringComparer.Ordinal);
    }

    public static PaperBaseline Parse(string text, string source, string experiment)
    {
        var lines = text.Split('\n');
        // A final newline leaves one empty element; anything else empty is a blank line (allowed, skipped).
        int count = lines.Length > 0 && lines[^1].Length == 0 ? lines.Length - 1 : lines.Length;
        if (count == 0) throw new BaselineFormatException(source, 0, "", $"the file is empty; expected the header '{string.Join(",", Header)}'");

        var rows = new List<(string Id, string Group, string Label, int Line, List<PaperCell> Cells)>();
        var seen = new HashSet<(string, string)>();
        for (int n = 0; n < count; n++)
        {
            int lineNumber = n + 1;
            string line = lines[n];
            if (line.Contains('\r'))
                throw new BaselineFormatException(source, lineNumber, "", "contains a carriage return; baselines use LF line endings (.gitattributes pins *.csv to eol=lf)");
            if (n == 0)
            {
                string expected = string.Join(",", Header);
                if (line.TrimStart('\uFEFF') != expected)
                    throw new BaselineFormatException(source, 1, "", $"expected the header '{expected}', got '{line}'");
                continue;
            }
            if (line.Trim().Length == 0) continue;

            var fields = CsvRecord.Split(line, out string splitError)
                ?? throw new BaselineFormatException(source, lineNumber, "", splitError);
            if (fields.Count != Header.Length)
                throw new BaselineFormatException(source, lineNumber, "", $"expected {Header.Length} fields ({string.Join(",", Header)}), got {fields.Count}");

            var cell = ParseCell(fields, source, lineNumber);
            string id = fields[0], group = fields[1], label = fields[2];
            if (!seen.Add((id, cell.Metric)))
                throw new BaselineFormatException(source, lineNumber, "metric", $"row '{id}' already has a '{cell.Metric}' value; expected one line per row and metric");

            var row = rows.FirstOrDefault(r => r.Id == id);
            if (row.Id is null)
            {
                rows.Add((id, group, label, lineNumber, new List<PaperCell> { cell }));
                continue;
            }
            if (row.Group != group)
                throw new BaselineFormatException(source, lineNumber, "group", $"row '{id}' has group '{row.Group}' on line {row.Line}; expected the same group, got '{group}'");
            if (row.Label != label)
                throw new BaselineFormatException(source, lineNumber, "label", $"row '{id}' has label '{row.Label}' on line {row.Line}; expected the same label, got '{label}'");
            row.Cells.Add(cell);
        }
        if (rows.Count == 0) throw new BaselineFormatException(source, 0, "", "has a header but no rows");
        return new PaperBaseline(experiment, source, rows.Select(r => new PaperRow(r.Id, r.Group, r.Label, r.Cells)).ToList());
    }

    private static PaperCell ParseCell(List<string> f, string source, int line)
    {
        if (!RowIdPattern().IsMatch(f[0]))
            throw new BaselineFormatException(source, line, "row", $"expected a row id of lowercase letters, digits and . / - _ (e.g. cifar10/quantization), got '{f[0]}'");
        if (f[2].Trim().Length == 0)
            throw new BaselineFormatException(source, line, "label", "expected the row's label as the paper prints it, got an empty field");
        string metric = f[3];
        if (!(Metric.Find(metric) is not null))
            throw new BaselineFormatException(source, line, "metric", Metric.UnknownKeyMessage(metric));

        double mean = ParseNumber(f[4], source, line, "mean", "e.g. 0.90 or 3047.2");
        double? std = null;
        if (f[5].Length > 0)
        {
            std = ParseNumber(f[5], source, line, "std", "empty or e.g. 0.05");
            if (std < 0) throw new BaselineFormatException(source, line, "std", $"expected a standard deviation >= 0, got '{f[5]}'");
        }
        if (!Tolerance.TryParse(f[6], out var tolerance, out string tolError))
            throw new BaselineFormatException(source, line, "tolerance", tolError);
        return new PaperCell(metric, mean, std, f[4], f[5].Length > 0 ? f[5] : null, tolerance, f[7], line);
    }

    private static double ParseNumber(string text, string source, int line, string column, string example)
    {
        // Invariant culture, plain decimal notation: "NaN", "Infinity", "1,5" and "1e3" are all rejected.
        if (!double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double value)
            || !double.IsFinite(value))
            throw new BaselineFormatException(source, line, column, $"expected a finite number in invariant culture ({example}), got '{text}'");
        return value;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9./_-]*$")]
    private static partial Regex RowIdPattern();
}
