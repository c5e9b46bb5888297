using System.CommandLine;
using Repro.Audit;
using Repro.Remote;

namespace Repro.Cli;

/// <summary>
/// `repro audit`'s options for the server's mode and, when --server is a URL, for the traffic to it. Every traffic
/// option shapes requests only, never an answer: the same audit through any of them charges the same queries.
/// </summary>
sealed class RemoteAuditOptions
{
    public Option<bool> LabelOnly { get; } = new("--label-only") { Description = "Attack with the server's top-1 labels only (RayS instead of P-RGF), even if it answers scores. A remote server that answers labels only is recognised from its metadata" };
    public Option<bool> EightBit { get; } = new("--uint8") { Description = "A local server sees every image rounded to its nearest 8-bit level (Table II's integer images). A remote server that takes UINT8 says so in its metadata" };
    public Option<int> MaxConcurrency { get; } = new("--max-concurrency") { Description = "Remote server: requests in flight at once", DefaultValueFactory = _ => 4 };
    public Option<double?> Rate { get; } = new("--rate") { Description = "Remote server: at most this many requests per second, retries included (default: no limit)" };
    public Option<double> Timeout { get; } = new("--timeout") { Description = "Remote server: seconds one attempt may take before it is abandoned and retried", DefaultValueFactory = _ => 30 };
    public Option<int> Retries { get; } = new("--retries") { Description = "Remote server: retries of a request after a transient failure (5xx, 408, 429 with Retry-After, lost connection, timeout), with exponential backoff", DefaultValueFactory = _ => 5 };
    public Option<int> ImagesPerRequest { get; } = new("--images-per-request") { Description = "Remote server: images per infer request", DefaultValueFactory = _ => 256 };
    public Option<string?> ClientId { get; } = new("--client-id") { Description = "Remote server: sent as the Repro-Client-Id header (the identity `repro serve --query-limit` counts under)" };

    public Option<string?> ApiKeyFile { get; } = new("--api-key-file") { Description = "Remote server: a file whose first line is the API key to send (Authorization: Bearer KEY)" };

    public IEnumerable<Option> All => new Option[] { LabelOnly, EightBit, MaxConcurrency, Rate, Timeout, Retries, ImagesPerRequest, ClientId, ApiKeyFile };

    /// <summary>The query journal of a remote audit, in its --out folder: a killed audit rerun replays what was answered.</summary>
    public const string JournalFile = "query-journal.sqlite";

    public static bool IsUrl(string server) =>
        server.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || server.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    /// <summary>The client settings for a model URL (http://HOST:PORT/v2/models/NAME), each option checked with its name.</summary>
    public RemoteClientSettings Client(ParseResult parse, string url)
    {
        var (root, model) = OpenInferenceProtocol.SplitModelUrl(url);
        double timeout = parse.GetValue(Timeout);
        if (!(timeout > 0) || !double.IsFinite(timeout)) throw new ArgumentException($"--timeout must be a positive number of seconds, got {timeout}");
        if (parse.GetValue(Retries) is < 0 and var retries) throw new ArgumentException($"--retries must be >= 0, got {retries}");
        if (parse.GetValue(MaxConcurrency) is < 1 and var concurrency) throw new ArgumentException($"--max-concurrency must be >= 1, got {concurrency}");
        if (parse.GetValue(Rate) is { } rate && !(rate > 0)) throw new ArgumentException($"--rate must be > 0 requests per second, got {rate}");
        if (parse.GetValue(ImagesPerRequest) is < 1 and var per) throw new ArgumentException($"--images-per-request must be >= 1, got {per}");
        return new RemoteClientSettings
        {
            Server = root,
            Model = model,
            ClientId = parse.GetValue(ClientId),
            ApiKey = parse.GetValue(ApiKeyFile) is { } keyFile ? ReadKey(keyFile) : null,
            AttemptTimeout = TimeSpan.FromSeconds(timeout),
            MaxRetries = parse.GetValue(Retries),
            MaxConcurrency = parse.GetValue(MaxConcurrency),
            RequestsPerSecond = parse.GetValue(Rate),
            ImagesPerRequest = parse.GetValue(ImagesPerRequest),
        };
    }

    static string ReadKey(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"--api-key-file '{path}' does not exist; expected a file whose first line is the API key");
        var key = File.ReadLines(path).FirstOrDefault()?.Trim();
        if (string.IsNullOrEmpty(key) || key.Any(char.IsControl) || key.Contains(' '))
            throw new InvalidDataException($"--api-key-file '{path}': its first line must be the key alone");
        return key;
    }

    /// <summary>A remote server and a sibling must take the same images: the audit perturbs the same pixels for both.</summary>
    public static void RequireSameInput(RemoteServer server, Models.Foreign.ForeignClassifier device)
    {
        var shape = server.Model.ImageShape;
        var b = device.Metadata;
        if (shape[0] != b.Channels || shape[1] != b.Height || shape[2] != b.Width)
            throw new Models.Foreign.ForeignModelException($"{server.Name} takes {shape[0]}x{shape[1]}x{shape[2]} images and the on-device model " +
                $"{b.Channels}x{b.Height}x{b.Width}; an audit perturbs the same pixels for both");
        if (server.Model.Classes is { } classes && classes != device.Classes)
            throw new Models.Foreign.ForeignModelException($"{server.Name} answers {classes} class scores and the on-device model has {device.Classes} classes");
    }
}
