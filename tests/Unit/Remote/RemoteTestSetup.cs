using Repro.Models;
using Repro.Remote;

namespace Repro.Unit.Remote;

/// <summary>Loopback servers and fast client settings (millisecond backoff, short timeouts) for the remote tests.</summary>
static class RemoteTestSetup
{
    public static Task<InferenceServer> Serve(Classifier model, ServeSettings? settings = null, string name = "tiny") =>
        InferenceServer.StartAsync(new ServedModel(name, model, "a test model"), settings ?? new ServeSettings());

    public static RemoteClientSettings Client(Uri server, string model = "tiny") => new()
    {
        Server = server,
        Model = model,
        AttemptTimeout = TimeSpan.FromSeconds(20),
        MaxRetries = 4,
        RetryBaseDelay = TimeSpan.FromMilliseconds(1),
        ImagesPerRequest = 64,
    };
}
