namespace Repro.Remote;

/// <summary>
/// How the remote oracle talks to a model server. Every setting shapes traffic only, never an answer: the same attack
/// through any settings charges the same queries.
/// </summary>
public sealed record RemoteClientSettings
{
    /// <summary>The server's root, e.g. http://127.0.0.1:8000/ (the protocol's paths v2/... are relative to it).</summary>
    public required Uri Server { get; init; }

    /// <summary>The model's name on the server (v2/models/{name}).</summary>
    public required string Model { get; init; }

    /// <summary>Sent as the Repro-Client-Id header: the identity `repro serve` keeps its per-client limit under.</summary>
    public string? ClientId { get; init; }

    /// <summary>Sent as "Authorization: Bearer KEY" to a server that takes API keys (`repro serve --api-keys`).</summary>
    public string? ApiKey { get; init; }

    /// <summary>One attempt's time limit; a request that takes longer is abandoned and retried.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries of a request after a transient failure (a 5xx, 408, a 429 with Retry-After, a lost connection, a timeout).</summary>
    public int MaxRetries { get; init; } = 5;

    /// <summary>The first retry's delay; each later one doubles it (with jitter).</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Client-side rate limit in requests per second (attempts, retries included); null: none.</summary>
    public double? RequestsPerSecond { get; init; }

    /// <summary>Requests in flight at once.</summary>
    public int MaxConcurrency { get; init; } = 4;

    /// <summary>Images per request: an oracle call of more images is split into requests of at most this many.</summary>
    public int ImagesPerRequest { get; init; } = 256;

    public void Validate()
    {
        if (!Server.IsAbsoluteUri || (Server.Scheme != Uri.UriSchemeHttp && Server.Scheme != Uri.UriSchemeHttps))
            throw new ArgumentException($"the server address must be an absolute http(s) URL, got '{Server}'");
        if (string.IsNullOrWhiteSpace(Model)) throw new ArgumentException("the remote model's name is empty");
        if (AttemptTimeout <= TimeSpan.Zero) throw new ArgumentException($"the attempt timeout must be > 0, got {AttemptTimeout}");
        if (MaxRetries < 0) throw new ArgumentException($"the number of retries must be >= 0, got {MaxRetries}");
        if (RetryBaseDelay < TimeSpan.Zero) throw new ArgumentException($"the retry delay must be >= 0, got {RetryBaseDelay}");
        if (RequestsPerSecond is { } rate && !(rate > 0)) throw new ArgumentException($"the rate limit must be > 0 requests per second, got {rate}");
        if (MaxConcurrency < 1) throw new ArgumentException($"the concurrency must be >= 1, got {MaxConcurrency}");
        if (ImagesPerRequest < 1) throw new ArgumentException($"the images per request must be >= 1, got {ImagesPerRequest}");
    }
}
