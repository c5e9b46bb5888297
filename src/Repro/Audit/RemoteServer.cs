using System.Security.Cryptography;
using System.Text;
using Repro.Attacks;
using Repro.Models;
using Repro.Remote;
using static TorchSharp.torch;

namespace Repro.Audit;

/// <summary>
/// A server the auditor reaches only over the Open Inference Protocol (KServe v2): no gradients, so the similarities and
/// RFR's white-box denominator are not measurable; its labels come over the network for accuracy and transfer, and the
/// query attacks go through <see cref="RemoteQueryOracle"/> (P-RGF when it answers scores, RayS when it answers labels
/// only; 8-bit rounding when it takes UINT8 images). Everything sent is journaled in one <see cref="QueryJournal"/>:
/// each query attack under the run name the auditor gives (stable across reruns), each label request under the hash of
/// the server and the images, so a killed audit rerun replays what was answered and spends nothing twice.
/// <para>What counts: the query attacks' images are charged to their samples under the budget ("# Queries", as a local
/// audit counts them); the label requests (clean accuracy, the server's accuracy on transferred images) are sent and
/// counted in <see cref="Traffic"/> but charged to no attack, as a local audit's are not.</para>
/// </summary>
public sealed class RemoteServer : IAuditServer, IDisposable
{
    readonly RemoteModelClient client;
    readonly RemoteClientSettings settings;
    readonly ModelMetadata model;
    readonly QueryJournal? journal;
    readonly bool forceLabelOnly;
    readonly CancellationToken cancel;
    readonly List<IReadOnlyList<long>> attackImages = new();
    long labelImages;

    RemoteServer(RemoteModelClient client, RemoteClientSettings settings, ModelMetadata model, int classes, QueryJournal? journal, bool forceLabelOnly, CancellationToken cancel)
    {
        this.client = client;
        this.settings = settings;
        this.model = model;
        Classes = classes;
        this.journal = journal;
        this.forceLabelOnly = forceLabelOnly;
        this.cancel = cancel;
    }

    /// <summary>
    /// Asks the server for the model (live, ready, its metadata). A label-only server does not say how many classes it has:
    /// <paramref name="classes"/> (the sibling's) is taken, and every label it answers is checked against it.
    /// </summary>
    /// <param name="journal">The query journal's file (opened, or created, once the server has answered), or null for none.</param>
    /// <param name="forceLabelOnly">Run the label-only attack even if the server answers scores.</param>
    public static RemoteServer Connect(RemoteClientSettings settings, int classes, string? journal, bool forceLabelOnly = false,
        HttpMessageHandler? handler = null, CancellationToken cancel = default)
    {
        var client = new RemoteModelClient(settings, handler);
        try
        {
            var model = client.DescribeAsync(cancel).GetAwaiter().GetResult();
            return new RemoteServer(client, settings, model, model.Classes ?? classes, journal is null ? null : new QueryJournal(journal), forceLabelOnly, cancel);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>What the server says it takes and answers.</summary>
    public ModelMetadata Model => model;

    public string Name => $"{model.Name} at {settings.Server}";
    public string Identity => $"remote:{settings.Server}v2/models/{settings.Model}|{model.Describe()}" + (forceLabelOnly ? "|label-only" : "");
    public int Classes { get; }
    public Classifier? WhiteBox => null;
    public string WhiteBoxUnavailable => "the server is remote (no gradients)";

    public string? ScoresUnavailable => !model.ReturnsScores
        ? "the server answers labels only"
        : forceLabelOnly ? "the audit was asked to use the server's labels only (--label-only)" : null;

    public ServerTraffic Traffic => new(Name, Mode, Interlocked.Read(ref labelImages), AttackImages(), client.Traffic.Attempts, client.Traffic.Answered,
        client.Traffic.Failed, client.Traffic.TimedOut, client.Traffic.Retried, client.Traffic.FromJournal, client.Traffic.ImagesFromJournal,
        client.Traffic.ImagesOverNetwork, journal?.Path);

    string Mode => (model.ReturnsScores ? "scores" : "labels only") + (model.TakesEightBitImages ? ", UINT8 images" : ", FP32 images");

    long AttackImages()
    {
        lock (attackImages) return attackImages.Sum(sent => sent.Sum());
    }

    public Tensor Predict(Tensor images)
    {
        int n = (int)images.shape[0];
        if (n == 0) return zeros(0, dtype: ScalarType.Int64);
        var oracle = RemoteQueryOracle.Over(client, model, settings, n, budget: 1, chargeClean: false, journal, $"labels-{Hash(images)}", cancel);
        var labels = oracle.Labels(images, Enumerable.Range(0, n).ToArray());
        Interlocked.Add(ref labelImages, n);
        if (Array.Find(labels, l => l >= Classes) is var bad && bad > 0)
            throw new RemoteEndpointException($"model '{settings.Model}' at {settings.Server} answered label {bad}; the on-device model has {Classes} classes (0 to {Classes - 1})");
        return tensor(labels, ScalarType.Int64).to(images.device);
    }

    public IQueryOracle ScoreOracle(int samples, QueryAttackSettings attack, string run) => Track(Oracle(samples, attack, run));

    public ILabelQueryOracle LabelOracle(int samples, QueryAttackSettings attack, string run) => Track(Oracle(samples, attack, run));

    RemoteQueryOracle Oracle(int samples, QueryAttackSettings attack, string run) =>
        RemoteQueryOracle.Over(client, model, settings, samples, attack.QueryBudget, attack.ChargeInitialQuery, journal, run, cancel);

    RemoteQueryOracle Track(RemoteQueryOracle oracle)
    {
        lock (attackImages) attackImages.Add(oracle.ImagesSent);
        return oracle;
    }

    /// <summary>The label request's journal name: this server and exactly these pixels (a rerun sends the same ones).</summary>
    string Hash(Tensor images)
    {
        using var cpu = images.detach().to(ScalarType.Float32).cpu().contiguous();
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes($"{Identity}|[{string.Join(",", cpu.shape)}]"));
        sha.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(cpu.data<float>().ToArray().AsSpan()));
        return Convert.ToHexStringLower(sha.GetHashAndReset())[..24];
    }

    public void Dispose() => client.Dispose();
}
