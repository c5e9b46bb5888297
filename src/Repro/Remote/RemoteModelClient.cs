using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading.RateLimiting;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Repro.Remote;

/// <summary>
/// HTTP to one model on an Open Inference Protocol server, through one Polly pipeline per client: at most
/// <see cref="RemoteClientSettings.MaxConcurrency"/> requests in flight; retries with exponential backoff and jitter
/// on transient failures (a 5xx or 408, a 429 that carries Retry-After, a lost connection, a timed-out attempt);
/// every attempt, retries included, through the client-side rate limit; each attempt under its own timeout. What is
/// not transient fails at once with a message naming the server and the model: 404 (no such model), 400 (the request
/// refused), 429 without Retry-After (a query limit, which waiting does not lift), a malformed answer.
/// </summary>
public sealed class RemoteModelClient : IDisposable
{
    readonly HttpClient http;
    readonly ResiliencePipeline<HttpResponseMessage> pipeline;
    readonly RateLimiter? rate;
    readonly RemoteClientSettings settings;

    /// <param name="handler">The HTTP stack (tests pass none; a caller may add a proxy or certificates).</param>
    public RemoteModelClient(RemoteClientSettings settings, HttpMessageHandler? handler = null)
    {
        settings.Validate();
        this.settings = settings;
        var root = settings.Server.AbsoluteUri.EndsWith('/') ? settings.Server : new Uri(settings.Server.AbsoluteUri + "/");
        // Timeouts are the pipeline's, per attempt; HttpClient's own would cut across the retries.
        http = new HttpClient(handler ?? new SocketsHttpHandler(), disposeHandler: true) { BaseAddress = root, Timeout = Timeout.InfiniteTimeSpan };
        if (settings.ClientId is { } id) http.DefaultRequestHeaders.Add(ClientLedger.ClientHeader, id);
        if (settings.ApiKey is { } key) http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>();
        builder.AddConcurrencyLimiter(settings.MaxConcurrency, int.MaxValue);
        if (settings.MaxRetries > 0)
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = settings.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = settings.RetryBaseDelay,
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>().Handle<TimeoutRejectedException>().HandleResult(IsTransient),
                DelayGenerator = arguments => ValueTask.FromResult(arguments.Outcome.Result?.Headers.RetryAfter?.Delta),
                OnRetry = _ => { Traffic.Retry(); return default; },
            });
        if (settings.RequestsPerSecond is { } perSecond)
        {
            // A token bucket: rate x period tokens every period, the period at least 50 ms (a timer period that rounds to 0 ms
            // would never fire again); waiting requests queue, none is refused.
            var period = TimeSpan.FromSeconds(Math.Max(1 / perSecond, 0.05));
            int tokens = (int)Math.Max(1, Math.Round(perSecond * period.TotalSeconds));
            rate = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
            {
                TokenLimit = tokens, TokensPerPeriod = tokens, ReplenishmentPeriod = period,
                QueueLimit = int.MaxValue, QueueProcessingOrder = QueueProcessingOrder.OldestFirst, AutoReplenishment = true,
            });
            builder.AddRateLimiter(rate);
        }
        builder.AddTimeout(new TimeoutStrategyOptions
        {
            Timeout = settings.AttemptTimeout,
            OnTimeout = _ => { Traffic.TimeOut(); return default; },
        });
        pipeline = builder.Build();
    }

    public RemoteTraffic Traffic { get; } = new();

    string Where => $"model '{settings.Model}' at {settings.Server}";

    static bool IsTransient(HttpResponseMessage response) =>
        (int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.RequestTimeout
        || (response.StatusCode == HttpStatusCode.TooManyRequests && response.Headers.RetryAfter is not null);

    /// <summary>Checks the server is live and the model ready, and reads what the model takes and answers.</summary>
    public async Task<ModelMetadata> DescribeAsync(CancellationToken cancel = default)
    {
        await GetAsync(OpenInferenceProtocol.Live, "its liveness (v2/health/live)", cancel).ConfigureAwait(false);
        string body = await GetAsync(OpenInferenceProtocol.Model(settings.Model), "the model's metadata", cancel).ConfigureAwait(false);
        ModelMetadata metadata;
        try
        {
            metadata = ModelMetadata.Parse(body);
        }
        catch (InvalidDataException e)
        {
            throw new RemoteEndpointException($"{Where}: its metadata does not fit Repro's query attacks: {e.Message}", e);
        }
        await GetAsync(OpenInferenceProtocol.ModelReady(settings.Model), "the model's readiness", cancel).ConfigureAwait(false);
        return metadata;
    }

    /// <summary>One inference: <paramref name="input"/> sent under request id <paramref name="id"/>, the named output read back.</summary>
    /// <param name="attempts">Counts this request's attempts, retries included (for the journal).</param>
    public async Task<InferenceTensor> InferAsync(string id, InferenceTensor input, string output, IReadOnlyCollection<string> datatypes,
        System.Runtime.CompilerServices.StrongBox<int>? attempts = null, CancellationToken cancel = default)
    {
        var body = OpenInferenceProtocol.WriteRequest(id, input, output);
        string text = await SendAsync(() =>
        {
            var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            return new HttpRequestMessage(HttpMethod.Post, OpenInferenceProtocol.Infer(settings.Model)) { Content = content };
        }, $"request {id} ({input.Shape[0]} images)", cancel, attempts).ConfigureAwait(false);
        try
        {
            using var document = JsonDocument.Parse(text);
            var tensor = OpenInferenceProtocol.ReadTensor(document.RootElement, "outputs", output, datatypes);
            Traffic.Answer(input.Shape[0]);
            return tensor;
        }
        catch (Exception e) when (e is JsonException or InvalidDataException)
        {
            throw new RemoteEndpointException($"{Where} answered request {id} with a malformed body: {e.Message}", e);
        }
    }

    Task<string> GetAsync(string path, string what, CancellationToken cancel) =>
        SendAsync(() => new HttpRequestMessage(HttpMethod.Get, path), what, cancel);

    async Task<string> SendAsync(Func<HttpRequestMessage> request, string what, CancellationToken cancel, System.Runtime.CompilerServices.StrongBox<int>? attempts = null)
    {
        HttpResponseMessage response;
        try
        {
            response = await pipeline.ExecuteAsync(async token =>
            {
                Traffic.Attempt();
                if (attempts is not null) Interlocked.Increment(ref attempts.Value);
                try
                {
                    using var message = request();
                    var answer = await http.SendAsync(message, HttpCompletionOption.ResponseContentRead, token).ConfigureAwait(false);
                    if ((int)answer.StatusCode >= 500) Traffic.Fail();
                    return answer;
                }
                catch (HttpRequestException)
                {
                    Traffic.Fail();
                    throw;
                }
            }, cancel).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutRejectedException)
        {
            throw new RemoteEndpointException(
                $"{Where}: {what} failed after {settings.MaxRetries + 1} attempts ({Describe(e)}). Is the server running at that address?", e);
        }
        using (response)
        {
            string text = await response.Content.ReadAsStringAsync(cancel).ConfigureAwait(false);
            if (response.IsSuccessStatusCode) return text;
            string reason = OpenInferenceProtocol.ReadError(text);
            throw new RemoteEndpointException(response.StatusCode switch
            {
                HttpStatusCode.NotFound => $"{Where}: the server has no such model (404 on {what}: {reason})",
                HttpStatusCode.TooManyRequests => $"{Where}: the server refused {what}: its query limit ({reason})",
                _ when (int)response.StatusCode >= 500 => $"{Where}: {what} failed after {settings.MaxRetries + 1} attempts: {(int)response.StatusCode} {reason}",
                _ => $"{Where}: the server refused {what}: {(int)response.StatusCode} {reason}",
            });
        }
    }

    static string Describe(Exception e) => e is TimeoutRejectedException ? "each attempt timed out" : e.InnerException?.Message ?? e.Message;

    public void Dispose()
    {
        http.Dispose();
        rate?.Dispose();
    }
}
