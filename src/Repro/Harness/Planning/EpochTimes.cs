using System.Globalization;
using System.Text;
using Repro.Models;
using Repro.Reporting;

namespace Repro.Harness.Planning;

/// <summary>
/// What a pass of a network over one image costs on a device, measured (<see cref="EpochTimer"/>, `repro plan time`) and kept
/// as plain CSV (<c>baselines/timing/epoch-times.csv</c>): one row per device (the artifact cache's numerics namespace, e.g.
/// "cpu-avx2-t1" or "cuda"), network (architecture and image size), pass, with the batch it was measured at, when, and where.
/// A plan's estimate multiplies these by the passes each artifact makes (<see cref="Work"/>).
/// </summary>
public sealed class EpochTimes
{
    public const string Header = "device,network,pass,seconds_per_image,batch,measured_utc,source";

    public sealed record Row(string Device, string Network, Pass Pass, double SecondsPerImage, int Batch, string MeasuredUtc, string Source);

    public EpochTimes(IEnumerable<Row> rows) => Rows = rows.OrderBy(r => r.Device, StringComparer.Ordinal)
        .ThenBy(r => r.Network, StringComparer.Ordinal).ThenBy(r => r.Pass).ToList();

    public IReadOnlyList<Row> Rows { get; }

    /// <summary>The name of a network in the table: its canonical architecture text and the side of its square images.</summary>
    public static string NetworkKey(ArchitectureSpec architecture, int resolution) => $"{architecture.Describe()}@{resolution}px";

    public double? SecondsPerImage(string device, string network, Pass pass) =>
        Rows.FirstOrDefault(r => r.Device == device && r.Network == network && r.Pass == pass)?.SecondsPerImage;

    public IReadOnlyList<string> Devices => Rows.Select(r => r.Device).Distinct().ToList();

    /// <summary>This table with <paramref name="measured"/> in place of the rows of the same device, network and pass.</summary>
    public EpochTimes With(IEnumerable<Row> measured)
    {
        var fresh = measured.ToList();
        return new EpochTimes(Rows.Where(r => !fresh.Any(f => f.Device == r.Device && f.Network == r.Network && f.Pass == r.Pass)).Concat(fresh));
    }

    public string ToCsv()
    {
        var text = new StringBuilder(Header).Append('\n');
        foreach (var r in Rows)
            text.Append(string.Join(",", Quote(r.Device), Quote(r.Network), Quote(PassName(r.Pass)), r.SecondsPerImage.ToString("R", CultureInfo.InvariantCulture),
                r.Batch.ToString(CultureInfo.InvariantCulture), Quote(r.MeasuredUtc), Quote(r.Source))).Append('\n');
        return text.ToString();
    }

    /// <summary>The table at <paramref name="path"/>; an absent file is an empty table.</summary>
    /// <exception cref="InvalidDataException">A line that does not read, naming the file, the line and what was expected.</exception>
    public static EpochTimes Load(string path)
    {
        if (!File.Exists(path)) return new EpochTimes(Array.Empty<Row>());
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0 || lines[0].Trim() != Header)
            throw new InvalidDataException($"'{path}', line 1: expected the header '{Header}'");
        var rows = new List<Row>();
        for (int i = 1; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i])) continue;
            string where = $"'{path}', line {i + 1}";
            var fields = CsvRecord.Split(lines[i], out var error) ?? throw new InvalidDataException($"{where}: {error}");
            if (fields.Count != 7) throw new InvalidDataException($"{where}: expected 7 fields ({Header}), got {fields.Count}");
            if (Enum.GetValues<Pass>().Where(p => PassName(p) == fields[2]).Cast<Pass?>().FirstOrDefault() is not { } pass)
                throw new InvalidDataException($"{where}: pass '{fields[2]}' is none of {string.Join(", ", Enum.GetValues<Pass>().Select(PassName))}");
            if (!double.TryParse(fields[3], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || !double.IsFinite(seconds) || seconds <= 0)
                throw new InvalidDataException($"{where}: seconds_per_image must be a positive number in invariant culture, got '{fields[3]}'");
            if (!int.TryParse(fields[4], NumberStyles.None, CultureInfo.InvariantCulture, out var batch) || batch < 1)
                throw new InvalidDataException($"{where}: batch must be a positive whole number, got '{fields[4]}'");
            rows.Add(new Row(fields[0], fields[1], pass, seconds, batch, fields[5], fields[6]));
        }
        return new EpochTimes(rows);
    }

    /// <summary>"train", "train-with-input-gradient-penalty", "forward", "input-gradient".</summary>
    public static string PassName(Pass pass) => pass switch
    {
        Pass.Train => "train",
        Pass.TrainWithInputGradientPenalty => "train-with-input-gradient-penalty",
        Pass.Forward => "forward",
        _ => "input-gradient",
    };

    static string Quote(string field) => field.Contains(',') || field.Contains('"') ? $"\"{field.Replace("\"", "\"\"")}\"" : field;
}
