using Repro.Data;
using Repro.Profiles;
using Repro.Harness.Evaluation;

namespace Repro.Harness.ImageNet;

/// <summary>
/// The ImageNet validation images Table I's ImageNet rows use: S ("the same 1000 samples randomly
/// chosen"), drawn from the whole validation folder, plus a held-out draw for accuracy, the pruning
/// stopping rule and 8-bit calibration (no training images are needed: the models are pretrained).
/// Only the drawn images are decoded (torchvision's eval transform: resize 256, centre crop 224).
/// </summary>
public sealed class ImageNetData
{
    ImageNetData(EvaluationImages evaluation, long[] heldOut)
    {
        Evaluation = evaluation;
        HeldOutIndices = heldOut;
    }

    public EvaluationImages Evaluation { get; }

    /// <summary>Positions in <see cref="EvaluationImages.Test"/> of the held-out images (never attacked).</summary>
    public long[] HeldOutIndices { get; }

    public LabeledImages Images => Evaluation.Test;

    static readonly Dictionary<string, ImageNetData> Loaded = new();
    static readonly object Gate = new();

    public static ImageNetData Load(string validationFolder, DataSettings settings)
    {
        var key = $"{Path.GetFullPath(validationFolder)}|{settings.AttackSamples}|{settings.QueryAttackSamples}|{settings.ImageNetHeldOut}|{settings.SampleSeed}";
        lock (Gate)
        {
            if (Loaded.TryGetValue(key, out var data)) return data;
            int total = ImageFolderReader.Count(validationFolder);
            if (settings.AttackSamples + settings.ImageNetHeldOut > total)
                throw new ArgumentException($"'{validationFolder}' has {total} images; Data.AttackSamples ({settings.AttackSamples}) + Data.ImageNetHeldOut ({settings.ImageNetHeldOut}) do not fit");
            var attack = SampleDraw.Draw(total, settings.AttackSamples, settings.SampleSeed);
            var rest = SampleDraw.Remainder(total, settings.AttackSamples, settings.SampleSeed);
            var heldOut = SampleDraw.Draw(rest.Length, settings.ImageNetHeldOut, settings.SampleSeed + 5).Select(i => rest[i]).ToArray();
            var chosen = attack.Concat(heldOut).Order().ToArray();
            var position = chosen.Select((index, pos) => (index, pos)).ToDictionary(p => p.index, p => (long)p.pos);
            var images = ImageFolderReader.Read(validationFolder, new ImageSizing.ResizeCenterCrop(), indices: chosen);
            var attackPositions = attack.Select(i => position[i]).ToArray();
            var query = SampleDraw.Draw(settings.AttackSamples, settings.QueryAttackSamples, settings.SampleSeed + 1).Select(i => attackPositions[i]).ToArray();
            var evaluation = new EvaluationImages($"imagenet-val:{total}:{Path.GetFileName(Path.GetFullPath(validationFolder))}", images, attackPositions, query);
            data = new ImageNetData(evaluation, heldOut.Select(i => position[i]).ToArray());
            Loaded[key] = data;
            return data;
        }
    }
}
