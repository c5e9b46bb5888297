using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Repro.Attacks;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Remote;

/// <summary>
/// A model on an Open Inference Protocol server as the query attacks' black box: <see cref="IQueryOracle"/> (softmax
/// scores, for P-RGF) when the server answers scores, <see cref="ILabelQueryOracle"/> (top-1 labels, for RayS) always.
/// An 8-bit server gets each [0, 1] image rounded to its nearest 8-bit level (Table II, §IV-C).
/// <para>What counts as a query (the audit's "# Queries", per sample, under the budget):</para>
/// <list type="bullet">
/// <item>each image an attack asks about is one query of its sample, charged once when its answer arrives, whichever
/// way it arrives: over the network or, on a resumed run, from the journal. Per-sample counts are therefore the same for
/// an uninterrupted run, a run with failures and a run killed and resumed;</item>
/// <item>the clean-image evaluation (once per sample, before anything else) is sent and counted in ImagesSent but charged
/// only when <c>chargeClean</c> says so, as the local oracle (PAPER-NOTES §3.9);</item>
/// <item>a retried request is not charged again: its images are one query each, however many attempts it took;</item>
/// <item>an attempt the server answered but the client gave up on (its timeout fired first) is retried under the same
/// request id. It is charged once to the sample, since the attack got one answer. The server may have counted it twice;
/// `repro serve` does not (it answers a repeated id from memory, uncharged), another server may, so its own count can
/// exceed ours by the images of timed-out attempts (<see cref="RemoteTraffic.TimedOut"/> says how many attempts);</item>
/// <item>health, readiness and metadata requests are not queries.</item>
/// </list>
/// A call that would push any sample past the budget is refused before anything is sent (the strict rule of
/// <see cref="QueryBudgetExceededException"/>). Requests of one call run concurrently (bounded by the client) and are
/// numbered in order, so the journal's request k is the same request in every replay.
/// </summary>
public sealed class RemoteQueryOracle : IQueryOracle, ILabelQueryOracle
{
    readonly RemoteModelClient client;
    readonly QueryCounters counters;
    readonly bool chargeClean;
    readonly QueryJournal? journal;
    readonly string run;
    readonly int imagesPerRequest;
    readonly CancellationToken cancel;
    long nextSequence;

    RemoteQueryOracle(RemoteModelClient client, ModelMetadata model, int sampleCount, long budget, bool chargeClean, QueryJournal? journal, string run,
        int imagesPerRequest, CancellationToken cancel)
    {
        this.client = client;
        Model = model;
        counters = new QueryCounters(sampleCount, budget);
        this.chargeClean = chargeClean;
        this.journal = journal;
        this.run = run;
        this.imagesPerRequest = imagesPerRequest;
        this.cancel = cancel;
    }

    /// <summary>
    /// Asks the server for the model (live, ready, its metadata) and returns its oracle. <paramref name="run"/> names
    /// this attack in the <paramref name="journal"/>: the same name replays, a new one starts afresh.
    /// </summary>
    public static RemoteQueryOracle Connect(RemoteModelClient client, RemoteClientSettings settings, int sampleCount, long budget, bool chargeClean,
        QueryJournal? journal = null, string run = "attack", CancellationToken cancel = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(run);
        var model = client.DescribeAsync(cancel).GetAwaiter().GetResult();
        return new RemoteQueryOracle(client, model, sampleCount, budget, chargeClean, journal, run, settings.ImagesPerRequest, cancel);
    }

    /// <summary>As <see cref="Connect"/>, for a model already described (one client's many oracles ask once).</summary>
    public static RemoteQueryOracle Over(RemoteModelClient client, ModelMetadata model, RemoteClientSettings settings, int sampleCount, long budget,
        bool chargeClean, QueryJournal? journal, string run, CancellationToken cancel = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(run);
        return new RemoteQueryOracle(client, model, sampleCount, budget, chargeClean, journal, run, settings.ImagesPerRequest, cancel);
    }

    public ModelMetadata Model { get; }
    public RemoteTraffic Traffic => client.Traffic;
    public int SampleCount => counters.SampleCount;
    public long QueryBudget => counters.Budget;
    public IReadOnlyList<long> ImagesSent => counters.ImagesSent;
    public IReadOnlyList<long> QueriesCharged => counters.QueriesCharged;

    public Tensor ScoresOfClean(Tensor images, IReadOnlyList<int> samples)
    {
        RequireScores();
        var perSample = counters.Tally(images, samples);
        return ScoreTensor(Ask(images, samples, perSample, counters.CleanCharges(perSample, chargeClean)), images);
    }

    public Tensor Scores(Tensor images, IReadOnlyList<int> samples)
    {
        RequireScores();
        var perSample = counters.Tally(images, samples);
        return ScoreTensor(Ask(images, samples, perSample, perSample), images);
    }

    public long[] LabelsOfClean(Tensor images, IReadOnlyList<int> samples)
    {
        var perSample = counters.Tally(images, samples);
        return ToLabels(Ask(images, samples, perSample, counters.CleanCharges(perSample, chargeClean)));
    }

    public long[] Labels(Tensor images, IReadOnlyList<int> samples)
    {
        var perSample = counters.Tally(images, samples);
        return ToLabels(Ask(images, samples, perSample, perSample));
    }

    void RequireScores()
    {
        if (!Model.ReturnsScores)
            throw new RemoteEndpointException($"model {Model.Describe()} answers labels only; a score-based attack (P-RGF) needs scores: use the label-only attack (RayS)");
    }

    Tensor ScoreTensor(InferenceTensor[] answers, Tensor images)
    {
        var floats = answers.SelectMany(a => a.Floats!).ToArray();
        return tensor(floats, ScalarType.Float32).view(images.shape[0], Model.Classes!.Value).to(images.device);
    }

    long[] ToLabels(InferenceTensor[] answers)
    {
        if (!Model.ReturnsScores) return answers.SelectMany(a => a.Integers!).ToArray();
        int classes = Model.Classes!.Value;
        return answers.SelectMany(a => Enumerable.Range(0, a.Floats!.Length / classes)
            .Select(row => (long)ArgMax(a.Floats.AsSpan(row * classes, classes)))).ToArray();
    }

    // The first maximum, as torch.argmax on CPU.
    static int ArgMax(ReadOnlySpan<float> row)
    {
        int best = 0;
        for (int k = 1; k < row.Length; k++) if (row[k] > row[best]) best = k;
        return best;
    }

    /// <summary>Refuses what does not fit the budget, sends the images in numbered requests, counts once all are answered.</summary>
    InferenceTensor[] Ask(Tensor images, IReadOnlyList<int> samples, Dictionary<int, long> perSample, Dictionary<int, long> charges)
    {
        counters.RequireAffordable(charges);
        var input = Encode(images);
        long n = images.shape[0];
        var requests = new List<Task<InferenceTensor>>();
        for (long start = 0; start < n; start += imagesPerRequest)
        {
            long count = Math.Min(imagesPerRequest, n - start);
            requests.Add(AnswerAsync(nextSequence++, Slice(input, start, count), samples.Skip((int)start).Take((int)count).ToArray()));
        }
        var answers = Task.WhenAll(requests).GetAwaiter().GetResult();
        counters.Record(perSample, charges);
        return answers;
    }

    InferenceTensor Encode(Tensor images)
    {
        using var scope = NewDisposeScope();
        var shape = images.shape;
        if (Model.TakesEightBitImages)
            return InferenceTensor.OfIntegers(Model.InputName, InferenceTensor.Uint8, shape,
                EightBitPixels.ToBytes(images.detach().cpu()).contiguous().data<byte>().Select(b => (long)b).ToArray());
        return InferenceTensor.OfFloats(Model.InputName, shape, images.detach().to(ScalarType.Float32).cpu().contiguous().data<float>().ToArray());
    }

    static InferenceTensor Slice(InferenceTensor input, long start, long count)
    {
        long per = input.Shape.Skip(1).Aggregate(1L, (a, b) => a * b);
        var shape = input.Shape.ToArray();
        shape[0] = count;
        return input.Floats is { } floats
            ? input with { Shape = shape, Floats = floats.AsSpan((int)(start * per), (int)(count * per)).ToArray() }
            : input with { Shape = shape, Integers = input.Integers.AsSpan((int)(start * per), (int)(count * per)).ToArray() };
    }

    async Task<InferenceTensor> AnswerAsync(long sequence, InferenceTensor input, int[] tags)
    {
        string hash = Hash(input, tags);
        string samples = string.Join(",", tags);
        long images = input.Shape[0];
        if (journal is not null)
        {
            if (journal.Answered(run, sequence) is { } entry)
            {
                RequireSameRequest(sequence, entry.RequestHash, hash);
                client.Traffic.Replay(images);
                return Decode(entry);
            }
            if (journal.HashOf(run, sequence) is { } logged) RequireSameRequest(sequence, logged, hash);
        }
        var attempts = new StrongBox<int>();
        InferenceTensor output;
        try
        {
            output = await client.InferAsync($"{run}/{sequence}/{hash[..16]}", input, Model.OutputName, new[] { Model.OutputDatatype }, attempts, cancel).ConfigureAwait(false);
            Check(output, images, sequence);
        }
        catch (Exception) when (journal is not null)
        {
            journal.RecordFailure(run, sequence, hash, samples, images, attempts.Value);
            throw;
        }
        journal?.RecordAnswer(run, sequence, hash, samples, images, attempts.Value, output.Datatype, output.Shape, Bytes(output));
        return output;
    }

    void RequireSameRequest(long sequence, string logged, string hash)
    {
        if (logged != hash)
            throw new RemoteEndpointException(
                $"the query journal '{journal!.Path}' holds another request as number {sequence} of run '{run}' (its images or samples differ): " +
                "this is not the attack that was journaled (another seed, data, prior or setting). Resume with the same attack, or name a new run");
    }

    /// <summary>The answer must be [n, classes] probabilities (rows in [0, 1] summing to 1) or n labels.</summary>
    void Check(InferenceTensor output, long images, long sequence)
    {
        string where = $"model '{Model.Name}' answered request {sequence} ({images} images) with '{output.Name}' of shape {output.DescribeShape()}";
        if (Model.Classes is { } classes)
        {
            if (output.Shape.Length != 2 || output.Shape[0] != images || output.Shape[1] != classes)
                throw new RemoteEndpointException($"{where}; expected [{images}, {classes}] (one row of class scores per image)");
            for (int row = 0; row < images; row++)
            {
                var scores = output.Floats.AsSpan(row * classes, classes);
                double sum = 0;
                foreach (float p in scores) sum += p;
                if (Math.Abs(sum - 1) > 1e-3 || scores.ToArray().Any(p => p is < 0 or > 1))
                    throw new RemoteEndpointException($"{where}; row {row} is not softmax probabilities (sums to {sum:G4}): score mode needs probabilities, not logits");
            }
        }
        else if (!(output.Shape.SequenceEqual(new[] { images }) || output.Shape.SequenceEqual(new[] { images, 1L })) || output.Integers!.Any(l => l < 0))
            throw new RemoteEndpointException($"{where}; expected [{images}] class indices >= 0");
    }

    static string Hash(InferenceTensor input, int[] tags)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes($"{input.Datatype}[{string.Join(",", input.Shape)}]"));
        if (input.Floats is { } floats) sha.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(floats.AsSpan()));
        else sha.AppendData(input.Integers!.Select(v => (byte)v).ToArray());
        sha.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(tags.AsSpan()));
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    static byte[] Bytes(InferenceTensor output) => output.Floats is { } floats
        ? System.Runtime.InteropServices.MemoryMarshal.AsBytes(floats.AsSpan()).ToArray()
        : System.Runtime.InteropServices.MemoryMarshal.AsBytes(output.Integers.AsSpan()).ToArray();

    static InferenceTensor Decode(QueryJournal.Entry entry) => entry.Datatype == InferenceTensor.Fp32
        ? InferenceTensor.OfFloats("journal", entry.Shape, System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(entry.Answer).ToArray())
        : InferenceTensor.OfIntegers("journal", entry.Datatype, entry.Shape, System.Runtime.InteropServices.MemoryMarshal.Cast<byte, long>(entry.Answer).ToArray());
}
