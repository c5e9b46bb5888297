using System.Security.Cryptography;
using Repro.Data;
using Repro.Profiles;
using Repro.Models;
using Repro.Harness.Evaluation;

namespace Repro.Harness;

/// <summary>
/// The images a profile works on and the fixed index sets every experiment shares: S, the attacked
/// test samples ("the same 1000 samples ... for every attack", §IV-A), its P-RGF subset, the held-out
/// rest of the test set (pruning's accuracy check), and the similarity samples (Appendix D).
/// Loaded once per process and data settings, since several experiments and claim fixtures share it.
/// </summary>
public sealed class ProfileData
{
    ProfileData(LabeledImages train, LabeledImages test, string identity, DataSettings settings)
    {
        // Kept for the whole process (shared by every run of the profile): not freed by a dispose scope open where it is first read.
        foreach (var tensor in new[] { train.Images, train.Labels, test.Images, test.Labels }) tensor.DetachFromDisposeScope();
        Train = train;
        Test = test;
        Identity = identity;
        if (settings.AttackSamples > test.Count)
            throw new ArgumentException($"Data.AttackSamples = {settings.AttackSamples}, but the test split ({test.Source}) has only {test.Count} images");
        if (settings.QueryAttackSamples > settings.AttackSamples)
            throw new ArgumentException($"Data.QueryAttackSamples = {settings.QueryAttackSamples} must not exceed Data.AttackSamples = {settings.AttackSamples}");
        AttackIndices = SampleDraw.Draw(test.Count, settings.AttackSamples, settings.SampleSeed);
        HeldOutIndices = SampleDraw.Remainder(test.Count, settings.AttackSamples, settings.SampleSeed);
        var querySubset = SampleDraw.Draw(settings.AttackSamples, settings.QueryAttackSamples, settings.SampleSeed + 1);
        QueryIndices = querySubset.Select(i => AttackIndices[i]).ToArray();
        var similaritySource = settings.SimilaritySplit switch
        {
            "train" => train,
            "test" => test,
            _ => throw new ArgumentException($"Data.SimilaritySplit must be 'train' or 'test', got '{settings.SimilaritySplit}'"),
        };
        if (settings.SimilaritySamples > similaritySource.Count)
            throw new ArgumentException($"Data.SimilaritySamples = {settings.SimilaritySamples} exceeds the {similaritySource.Count} {settings.SimilaritySplit} images");
        SimilarityIndices = SampleDraw.Draw(similaritySource.Count, settings.SimilaritySamples, settings.SampleSeed + 2);
        SimilaritySource = similaritySource;
    }

    public LabeledImages Train { get; }
    public LabeledImages Test { get; }

    /// <summary>Which pixels these are, for recipe hashes: the slice's hash, or the data set's layout.</summary>
    public string Identity { get; }

    public long[] AttackIndices { get; }
    public long[] QueryIndices { get; }
    public long[] HeldOutIndices { get; }
    public long[] SimilarityIndices { get; }
    public LabeledImages SimilaritySource { get; }

    /// <summary>The test set with S and its P-RGF subset, as the pair evaluations use them.</summary>
    public Evaluation.EvaluationImages Evaluation => new(Identity, Test, AttackIndices, QueryIndices);

    public InputShape Input => InputShape.Cifar10;
    public int Classes => Train.ClassNames.Count;

    static readonly Dictionary<string, ProfileData> Loaded = new();
    static readonly object Gate = new();

    public static ProfileData For(Profile profile, RunEnvironment environment)
    {
        var settings = profile.Data;
        if (settings.Dataset != "cifar10")
            throw new NotSupportedException($"Data.Dataset '{settings.Dataset}': only 'cifar10' experiments run end to end; the ImageNet rows are listed as not measured");
        var cacheKey = $"{settings.Source}|{settings.TrainImages}|{environment.DataPath}|{settings.AttackSamples}|{settings.QueryAttackSamples}|{settings.SimilaritySamples}|{settings.SimilaritySplit}|{settings.SampleSeed}";
        lock (Gate)
        {
            if (Loaded.TryGetValue(cacheKey, out var data)) return data;
            int? perClass = settings.TrainImages is int n ? Math.Max(1, n / Cifar10.ClassNames.Count) : null;
            LabeledImages train, test;
            string identity;
            switch (settings.Source)
            {
                case DataSource.Embedded:
                    train = EmbeddedSlice.Load(DataSplit.Train, perClass);
                    test = EmbeddedSlice.Load(DataSplit.Test);
                    identity = "cifar10-slice:" + FileHash(EmbeddedSlice.Path);
                    break;
                case DataSource.Discover:
                    var located = DatasetLocator.Locate(new DataSearchOptions
                    {
                        ExplicitPath = environment.DataPath,
                        CacheRoot = environment.UserDataCache,
                        AllowDownload = true,
                    });
                    train = located.Load(DataSplit.Train, perClass);
                    test = located.Load(DataSplit.Test);
                    identity = $"cifar10:{located.Layout}";
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(settings), settings.Source, "not a data source");
            }
            if (perClass is not null) identity += $":train-per-class={perClass}";
            data = new ProfileData(train, test, identity, settings);
            Loaded[cacheKey] = data;
            return data;
        }
    }

    static string FileHash(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream))[..16];
    }
}
