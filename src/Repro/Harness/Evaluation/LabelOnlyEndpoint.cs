using Repro.Models;
using Repro.Progress;
using Repro.Remote;

namespace Repro.Harness.Evaluation;

/// <summary>
/// Table II's cloud model as a local stand-in (§IV-C: Google AutoML Vision answers "the predicted class" only, and only for
/// "images in the integer format"): the model behind `repro serve --label-only --uint8` (<see cref="InferenceServer"/>) on
/// loopback, on a port the system chooses. The server is started on first use, on its own copy of the model, and stopped
/// on Dispose; an attacker's evaluation reaches it only over HTTP through <see cref="RemoteQueryOracle"/>, which rounds
/// each image to 8 bits and counts every image per sample. Cached evaluations never start it.
/// </summary>
public sealed class LabelOnlyEndpoint : IDisposable
{
    readonly IProgressSink progress;
    readonly object gate = new();
    InferenceServer? running;
    long connections;

    public LabelOnlyEndpoint(ModelHandle server, IProgressSink progress)
    {
        Server = server;
        this.progress = progress;
    }

    /// <summary>The served model (the attacker never reads it; the experimenter crafts the white-box S^s of RFR on it).</summary>
    public ModelHandle Server { get; }

    /// <summary>The model's name on the server: its artifact key (no spaces or '/').</summary>
    public string ModelName => Server.Key.ToString();

    /// <summary>How the server answers: top-1 labels of UINT8 images.</summary>
    public static ServeSettings Settings { get; } = new() { LabelOnly = true, EightBitInput = true };

    /// <summary>
    /// Runs <paramref name="attack"/> against the served model through a fresh client and label oracle of
    /// <paramref name="samples"/> samples under <paramref name="budget"/> queries each; <paramref name="run"/> names the
    /// attacker (its client id on the server). Returns what the attack returns and the client's traffic.
    /// </summary>
    public (T Result, RemoteTraffic Traffic) Attack<T>(int samples, long budget, bool chargeClean, string run, Func<RemoteQueryOracle, T> attack)
    {
        var address = Start();
        var settings = new RemoteClientSettings
        {
            Server = address,
            Model = ModelName,
            ClientId = $"{run}#{Interlocked.Increment(ref connections)}",
            // Loopback: a slow answer is a busy CPU (the other workers train and attack), not a lost server.
            AttemptTimeout = TimeSpan.FromMinutes(5),
            RetryBaseDelay = TimeSpan.FromMilliseconds(100),
            ImagesPerRequest = 512,
        };
        using var client = new RemoteModelClient(settings);
        var oracle = RemoteQueryOracle.Connect(client, settings, samples, budget, chargeClean, run: run);
        return (attack(oracle), client.Traffic);
    }

    Uri Start()
    {
        lock (gate)
        {
            if (running is null)
            {
                // Its own copy: the server answers on Kestrel's threads while the workers craft examples on the original.
                var copy = ModelCloning.Clone(Server.Model);
                copy.eval();
                running = InferenceServer.StartAsync(new ServedModel(ModelName, copy, Server.ToString()), Settings).GetAwaiter().GetResult();
                progress.Note($"cloud stand-in: {running.Metadata.Describe()} at {running.Address}v2/models/{ModelName} (repro serve --label-only --uint8 on loopback)");
            }
            return running.Address;
        }
    }

    /// <summary>Images the server answered, over every client.</summary>
    public long ImagesAnswered { get { lock (gate) return running?.Clients.TotalImagesAnswered ?? 0; } }

    public void Dispose()
    {
        lock (gate)
        {
            running?.DisposeAsync().AsTask().GetAwaiter().GetResult();
            running = null;
        }
    }
}
