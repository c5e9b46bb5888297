using Repro.Metrics;
using Repro.Profiles;
using Repro.Reporting.Snapshots;

namespace Repro.Reporting;

/// <summary>
/// The scale study of the design card's example (Table III: input-gradient unpairing at λ = 1 drops P-RGF's fooling rate
/// from 100% to 15%, "below 20%"), read from the accepted Table III snapshots of the scale-N profiles
/// (<see cref="ScaleStudyProfiles"/>). Per scale: the defended and undefended priors' fooling rates, the no-prior baseline
/// and the accuracy the defense costs. The absolute number (below 20%) is the paper's at ResNet50 scale and is only
/// compared there; at every CPU scale the relation behind it is judged: is the defended prior worse than no prior at all?
/// </summary>
public sealed record ScaleStudy(IReadOnlyList<ScaleStudy.Point> Points)
{
    public const string Experiment = "Table03_UnpairingSingleObjective";
    public const string DefendedRow = "input/1.0", UndefendedRow = "input/0.0", NoPriorRow = "reference/no-prior";

    /// <summary>The paper's Table III values the study draws beside (ResNet50, full CIFAR-10, 200 epochs).</summary>
    public const double PaperDefendedFoolingRate = 15, PaperUndefendedFoolingRate = 100, DesignCardBound = 20;

    /// <summary>One measured scale.</summary>
    /// <param name="FoolingRateError">The binomial standard error of a fooling rate over the samples the server classifies correctly.</param>
    public sealed record Point(ScaleStudyProfiles.Scale Scale, string Commit, double ServerAccuracy, double DefendedAccuracy,
        double DefendedFoolingRate, double UndefendedFoolingRate, double NoPriorFoolingRate, double DefendedQueries, double NoPriorQueries,
        double FoolingRateError, double NoPriorFoolingRateError)
    {
        /// <summary>The relation judged at every scale: the defended prior is no better for the attacker than no prior (the difference within two standard errors).</summary>
        public bool DefendedNoBetterThanNoPrior =>
            DefendedFoolingRate - NoPriorFoolingRate <= 2 * Math.Sqrt(FoolingRateError * FoolingRateError + NoPriorFoolingRateError * NoPriorFoolingRateError);

        /// <summary>Training cost relative to mini's (10 000 images at width 16): images times width squared, as a convolution's work grows.</summary>
        public double RelativeCost => Scale.TrainImages / 10_000.0 * Math.Pow(Scale.ServerWidth / 16.0, 2);

        /// <summary>The gap between the defended prior's fooling rate and the paper's 15%, in points.</summary>
        public double GapToPaper => DefendedFoolingRate - PaperDefendedFoolingRate;
    }

    /// <summary>The scales with an accepted snapshot under <paramref name="baselinesRoot"/>, smallest first; empty when none is.</summary>
    public static ScaleStudy Load(string baselinesRoot)
    {
        var files = new SnapshotFiles(baselinesRoot);
        var points = new List<Point>();
        foreach (var scale in ScaleStudyProfiles.Scales)
        {
            string path = files.VerifiedPath(Experiment, scale.Name);
            if (!File.Exists(path)) continue;
            var snapshot = VerifiedSnapshot.Load(path);
            double Value(string row, Metric metric) =>
                snapshot.Row(row)?.Metrics.GetValueOrDefault(metric.Key)?.Mean
                ?? throw new InvalidDataException($"'{path}': row '{row}' has no {metric.Key}; expected the scale study's Table III rows ({DefendedRow}, {UndefendedRow}, {NoPriorRow})");
            double server = Value(UndefendedRow, Metric.ServerAccuracy);
            double noPrior = Value(NoPriorRow, Metric.FoolingRate);
            // Fooling rates count the query samples the server classifies correctly.
            int querySamples = ScaleStudyProfiles.All.First(p => p.Name == scale.Name).Data.QueryAttackSamples;
            double attacked = Math.Max(1, querySamples * server / 100);
            double defended = Value(DefendedRow, Metric.FoolingRate);
            points.Add(new Point(scale, snapshot.Commit, server, Value(DefendedRow, Metric.Accuracy), defended, Value(UndefendedRow, Metric.FoolingRate),
                noPrior, Value(DefendedRow, Metric.Queries), Value(NoPriorRow, Metric.Queries),
                SnapshotBand.FoolingRateError(defended, attacked), SnapshotBand.FoolingRateError(noPrior, attacked)));
        }
        return new ScaleStudy(points);
    }
}
