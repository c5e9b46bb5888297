using System.Text;
using System.Text.Json;
using Repro.Models;
using Repro.Storage;
using TorchSharp.Modules;

namespace Repro.Training;

/// <summary>
/// The resumable state of one training run, in a folder: per saved epoch N, <c>epoch-N.model</c>, <c>epoch-N.optim</c>
/// and, written last, <c>epoch-N.json</c> (the epoch, the losses so far, the SHA-256 of the other two). Each file goes
/// through the atomic writer, so a crash leaves the previous complete checkpoint or the new one, never a mix. On resume,
/// a checkpoint that does not check out (missing, truncated, changed since, unreadable) is discarded with a warning that
/// names it, and the one before is tried, down to training from scratch: a run never fails for good on its own leftovers.
/// </summary>
internal static class TrainingCheckpoints
{
    sealed record State(int Epoch, List<double> Losses, string? ModelSha256 = null, string? OptimizerSha256 = null);

    public static void Save(Classifier model, OptimizerHelper optimizer, string dir, int epoch, List<double> losses, int? keepEvery)
    {
        var modelPath = PathOf(dir, epoch, "model");
        var optimizerPath = PathOf(dir, epoch, "optim");
        AtomicFile.Write(modelPath, stream => model.save(stream));
        AtomicFile.Write(optimizerPath, stream => { using var writer = new BinaryWriter(stream); optimizer.save_state_dict(writer); });
        var state = new State(epoch, losses, FileChecksum.Sha256(modelPath), FileChecksum.Sha256(optimizerPath));
        AtomicFile.WriteAllText(PathOf(dir, epoch, "json"), JsonSerializer.Serialize(state));
        foreach (var old in Epochs(dir).Where(e => e < epoch && !(keepEvery is > 0 && e % keepEvery.Value == 0)))
            Discard(dir, old);
    }

    /// <summary>
    /// Loads the newest usable checkpoint at or before <paramref name="limit"/> into <paramref name="model"/> and the
    /// optimiser. A checkpoint that fails half-way through loading leaves nothing of itself: the model gets back its
    /// weights from before and the optimiser is made afresh.
    /// </summary>
    /// <returns>The epoch training continues after (0: from scratch), and the optimiser to continue with.</returns>
    public static (int Epoch, OptimizerHelper Optimizer) Resume(Classifier model, OptimizerHelper optimizer, Func<OptimizerHelper> freshOptimizer,
        string dir, List<double> losses, int limit, Action<string> warn)
    {
        if (!Directory.Exists(dir)) return (0, optimizer);
        var candidates = Epochs(dir).Where(e => e <= limit).OrderDescending().ToList();
        if (candidates.Count == 0) return (0, optimizer);
        using var initial = Snapshot(model);
        foreach (var epoch in candidates)
        {
            var problem = Check(dir, epoch, out var state);
            if (problem is null)
            {
                try
                {
                    model.load(PathOf(dir, epoch, "model"));
                    optimizer.load_state_dict(PathOf(dir, epoch, "optim"));
                    losses.AddRange(state!.Losses);
                    return (epoch, optimizer);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    problem = $"'{PathOf(dir, epoch, "model")}' or its optimiser state does not load ({e.Message})";
                    Restore(model, initial);
                    optimizer.Dispose();
                    optimizer = freshOptimizer();
                }
            }
            warn($"the checkpoint after epoch {epoch} is unusable: {problem}; discarded it");
            Discard(dir, epoch);
        }
        warn($"no usable checkpoint is left in '{dir}'; training from scratch");
        return (0, optimizer);
    }

    /// <summary>Why the checkpoint of <paramref name="epoch"/> cannot be used, or null when its files are whole.</summary>
    static string? Check(string dir, int epoch, out State? state)
    {
        state = null;
        var statePath = PathOf(dir, epoch, "json");
        try
        {
            state = JsonSerializer.Deserialize<State>(File.ReadAllText(statePath)) ?? throw new JsonException("the file holds null");
        }
        catch (Exception e) when (e is JsonException or IOException)
        {
            return $"'{statePath}' does not read ({e.Message})";
        }
        if (state.Epoch != epoch) return $"'{statePath}' says epoch {state.Epoch}";
        foreach (var (ext, expected) in new[] { ("model", state.ModelSha256), ("optim", state.OptimizerSha256) })
        {
            var path = PathOf(dir, epoch, ext);
            if (!File.Exists(path)) return $"'{path}' is missing";
            // Checkpoints written before checksums were recorded are only checked by loading them.
            if (expected is not null && !string.Equals(FileChecksum.Sha256(path), expected, StringComparison.OrdinalIgnoreCase))
                return $"'{path}' ({new FileInfo(path).Length} bytes) differs from the SHA-256 recorded when it was written (truncated or changed since)";
        }
        return null;
    }

    static MemoryStream Snapshot(Classifier model)
    {
        var memory = new MemoryStream();
        using (var writer = new BinaryWriter(memory, Encoding.UTF8, leaveOpen: true)) model.save(writer);
        return memory;
    }

    static void Restore(Classifier model, MemoryStream snapshot)
    {
        snapshot.Position = 0;
        using var reader = new BinaryReader(snapshot, Encoding.UTF8, leaveOpen: true);
        model.load(reader);
    }

    /// <summary>Epochs with a complete checkpoint (its .json marker written).</summary>
    static IEnumerable<int> Epochs(string dir) =>
        Directory.GetFiles(dir, "epoch-*.json")
            .Select(f => Path.GetFileNameWithoutExtension(f)["epoch-".Length..])
            .Select(n => int.TryParse(n, out var e) ? e : -1)
            .Where(e => e > 0);

    // The marker first: a checkpoint without its .json is never tried, whatever of it is left.
    static void Discard(string dir, int epoch)
    {
        foreach (var ext in new[] { "json", "model", "optim" }) File.Delete(PathOf(dir, epoch, ext));
    }

    static string PathOf(string dir, int epoch, string ext) => Path.Combine(dir, $"epoch-{epoch}.{ext}");
}
