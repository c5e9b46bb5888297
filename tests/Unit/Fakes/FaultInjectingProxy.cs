using Microsoft.AspNetCore.Http;

namespace Repro.Unit.Fakes;

/// <summary>What the proxy does to the n-th infer request (counting from 1).</summary>
public enum Fault
{
    None,
    /// <summary>503 without forwarding: the server never sees it.</summary>
    Fail,
    /// <summary>Forwarded and answered by the server (so charged there), then held back past the client's timeout.</summary>
    StallAfterAnswer,
}

/// <summary>
/// A proxy in front of a real `repro serve` that fails or stalls infer requests by their ordinal (a fixed schedule), so
/// the remote oracle's retries, timeouts and journal meet both kinds of fault: one the server never answered and one it
/// answered but whose answer the client never got. GETs pass through untouched.
/// </summary>
public sealed class FaultInjectingProxy : IAsyncDisposable
{
    readonly LoopbackHttpServer proxy;
    readonly HttpClient upstream;
    int ordinal, answered, failed, stalled;

    FaultInjectingProxy(LoopbackHttpServer proxy, HttpClient upstream)
    {
        this.proxy = proxy;
        this.upstream = upstream;
    }

    public Uri Address => proxy.Address;
    public int InferRequests => Volatile.Read(ref ordinal);
    public int Failed => Volatile.Read(ref failed);
    public int Stalled => Volatile.Read(ref stalled);

    /// <summary>Infer requests the server answered through the proxy (the stalled ones included).</summary>
    public int Answered => Volatile.Read(ref answered);

    /// <summary>Called with the count of answered infer requests after each answer arrives from the server.</summary>
    public Action<int>? AfterAnswer { get; set; }

    public static async Task<FaultInjectingProxy> StartAsync(Uri server, Func<int, Fault> schedule, TimeSpan stall)
    {
        var upstream = new HttpClient { BaseAddress = server };
        FaultInjectingProxy? self = null;
        var proxy = await LoopbackHttpServer.StartAsync(context => self!.Handle(context, schedule, stall));
        self = new FaultInjectingProxy(proxy, upstream);
        return self;
    }

    async Task Handle(HttpContext context, Func<int, Fault> schedule, TimeSpan stall)
    {
        bool infer = context.Request.Method == "POST";
        var fault = infer ? schedule(Interlocked.Increment(ref ordinal)) : Fault.None;
        if (fault == Fault.Fail)
        {
            Interlocked.Increment(ref failed);
            context.Response.StatusCode = 503;
            await context.Response.WriteAsync("{\"error\": \"injected failure\"}");
            return;
        }
        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), context.Request.Path.Value!.TrimStart('/'));
        if (infer)
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            request.Content = new ByteArrayContent(body.ToArray());
            request.Content.Headers.ContentType = new("application/json");
        }
        foreach (var header in context.Request.Headers.Where(h => h.Key.StartsWith("Repro-", StringComparison.Ordinal)))
            request.Headers.TryAddWithoutValidation(header.Key, header.Value.ToArray());
        using var response = await upstream.SendAsync(request);
        var answer = await response.Content.ReadAsByteArrayAsync();
        if (infer && response.IsSuccessStatusCode) AfterAnswer?.Invoke(Interlocked.Increment(ref answered));
        if (fault == Fault.StallAfterAnswer)
        {
            Interlocked.Increment(ref stalled);
            try { await Task.Delay(stall, context.RequestAborted); }
            catch (OperationCanceledException) { return; }
        }
        context.Response.StatusCode = (int)response.StatusCode;
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(answer);
    }

    public async ValueTask DisposeAsync()
    {
        await proxy.DisposeAsync();
        upstream.Dispose();
    }
}
