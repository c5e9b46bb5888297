using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Repro.Attacks;
using Repro.Models;

namespace Repro.Remote;

/// <summary>
/// `repro serve`: a Kestrel server that puts one <see cref="ServedModel"/> behind the Open Inference Protocol's REST
/// binding (KServe v2): GET v2/health/live, v2/health/ready, v2/models/{name}, v2/models/{name}/ready and POST
/// v2/models/{name}/infer with JSON tensors. Score mode answers softmax "probabilities" [n, classes]; label-only mode the
/// top-1 "label" [n]; 8-bit mode takes UINT8 images only (Table II's cloud model, §IV-C). Each image answered is one
/// query of the client's limit (<see cref="ClientLedger"/>); a request repeated with an id already answered is answered
/// from memory, uncharged. Errors are the protocol's {"error": ...} with 400 (any malformed request), 401 (no known API
/// key, when keys are set), 404 (no such model; the answer names the served model, never a file), 413 (a body over the
/// limit, checked before it is read, or too many images), 429 (query limit, checked before the body is read) or 500 (the
/// model's output was not finite). The query limit counts per API key, else per client address: a client cannot reset it.
/// </summary>
public sealed partial class InferenceServer : IAsyncDisposable
{
    readonly WebApplication app;
    readonly ServedModel served;
    readonly ServeSettings settings;
    // Forward passes one at a time: a module is not safe to run from several threads, and CPU libtorch uses every core anyway.
    readonly object forwardGate = new();

    InferenceServer(WebApplication app, ServedModel served, ServeSettings settings)
    {
        this.app = app;
        this.served = served;
        this.settings = settings;
        var input = served.Model.Input;
        Metadata = new ModelMetadata(served.Name, OpenInferenceProtocol.InputName,
            settings.EightBitInput ? InferenceTensor.Uint8 : InferenceTensor.Fp32, new[] { input.Channels, input.Height, input.Width },
            settings.LabelOnly ? OpenInferenceProtocol.LabelOutput : OpenInferenceProtocol.ScoresOutput,
            settings.LabelOnly ? InferenceTensor.Int64 : InferenceTensor.Fp32, settings.LabelOnly ? null : served.Model.Classes);
        Clients = new ClientLedger(settings.QueryLimitPerClient, settings.RememberedAnswersPerClient);
    }

    public ModelMetadata Metadata { get; }

    /// <summary>The largest request body this server reads, in bytes.</summary>
    public long BodyLimit { get; private init; }

    /// <summary>Per-client images answered, requests, repeats and refusals.</summary>
    public ClientLedger Clients { get; }

    /// <summary>The server's root, e.g. http://127.0.0.1:40123/ (the port the system chose when settings asked for 0).</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>Starts listening; returns once the port is bound.</summary>
    public static async Task<InferenceServer> StartAsync(ServedModel served, ServeSettings settings, CancellationToken cancel = default)
    {
        if (string.IsNullOrWhiteSpace(served.Name) || served.Name.Any(c => char.IsWhiteSpace(c) || c == '/'))
            throw new ArgumentException($"a served model's name must be non-empty, without spaces or '/', got '{served.Name}'");
        if (settings.Port is < 0 or > 65535) throw new ArgumentOutOfRangeException(nameof(settings), settings.Port, "the port must be 0 (any free port) to 65535");
        if (settings.MaxImagesPerRequest < 1) throw new ArgumentOutOfRangeException(nameof(settings), settings.MaxImagesPerRequest, "MaxImagesPerRequest must be >= 1");
        var shape = served.Model.Input;
        long bodyLimit = settings.MaxRequestBodyBytes ?? ServeSettings.BodyLimitFor(settings.MaxImagesPerRequest, (long)shape.Channels * shape.Height * shape.Width);
        if (bodyLimit < 1024) throw new ArgumentOutOfRangeException(nameof(settings), bodyLimit, "the request body limit must be at least 1024 bytes");
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(settings.Address, settings.Port);
            // Checked against Content-Length before the body is read, and while a chunked body streams in.
            kestrel.Limits.MaxRequestBodySize = bodyLimit;
        });
        var app = builder.Build();
        var server = new InferenceServer(app, served, settings) { BodyLimit = bodyLimit };
        server.MapRoutes();
        try
        {
            await app.StartAsync(cancel).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw new RemoteEndpointException($"cannot listen on {settings.Address}:{settings.Port}: {e.Message}. Choose another --port (0: any free one)", e);
        }
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Address = new Uri(bound.EndsWith('/') ? bound : bound + "/");
        return server;
    }

    /// <summary>Waits until the host stops (Ctrl+C, or <paramref name="cancel"/>).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancel) => app.WaitForShutdownAsync(cancel);

    void MapRoutes()
    {
        app.MapGet("/v2/health/live", () => Results.Json(new { live = true }));
        app.MapGet("/v2/health/ready", () => Results.Json(new { ready = true }));
        app.MapGet("/v2/models/{name}", (string name) => Known(name) ?? Results.Bytes(Metadata.ToJson(), "application/json"));
        app.MapGet("/v2/models/{name}/ready", (string name) => Known(name) ?? Results.Json(new { name, ready = true }));
        app.MapPost("/v2/models/{name}/infer", Infer);
    }

    /// <summary>Null for the served model's name, else the 404 that names the one served.</summary>
    IResult? Known(string name) => name == served.Name
        ? null
        : Error(StatusCodes.Status404NotFound, $"model '{Printable(name)}' is not served here; this server serves '{served.Name}'");

    /// <summary>A client's text as it may be echoed: bounded, without control characters.</summary>
    static string Printable(string text) => new(text.Take(100).Select(c => char.IsControl(c) ? '?' : c).ToArray());

    static IResult Error(int status, string message) =>
        Results.Content(System.Text.Encoding.UTF8.GetString(OpenInferenceProtocol.WriteError(message)), "application/json", System.Text.Encoding.UTF8, status);

    /// <summary>
    /// Who a request counts against: the name of its API key when keys are set; else, under a query limit, its address (a
    /// header the client chooses could reset the limit); without a limit, the Repro-Client-Id header or the address.
    /// Null: keys are set and the request has no known one.
    /// </summary>
    string? ClientOf(HttpContext context)
    {
        if (settings.ApiKeys is { } keys)
        {
            var authorization = context.Request.Headers.Authorization.ToString();
            const string bearer = "Bearer ";
            return authorization.StartsWith(bearer, StringComparison.Ordinal) && keys.TryGetValue(authorization[bearer.Length..].Trim(), out var name) ? name : null;
        }
        var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (settings.QueryLimitPerClient is not null) return address;
        return context.Request.Headers.TryGetValue(ClientLedger.ClientHeader, out var header) && !string.IsNullOrWhiteSpace(header) ? Printable(header.ToString()) : address;
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();
}
