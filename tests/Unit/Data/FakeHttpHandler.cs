using System.Net;

namespace Repro.Unit.Data;

/// <summary>Answers every request with fixed bytes (or a failure) and records what was asked: downloads are tested
/// without a network.</summary>
internal sealed class FakeHttpHandler(Func<HttpRequestMessage, HttpResponseMessage> respond) : HttpMessageHandler
{
    public List<Uri> Requests { get; } = [];

    public static FakeHttpHandler Serving(byte[] body) =>
        new(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(body) });

    public static FakeHttpHandler Unreachable() =>
        new(_ => throw new HttpRequestException("Name or service not known (fake: no network)"));

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Add(request.RequestUri!);
        return Task.FromResult(respond(request));
    }
}
