using System.CommandLine;
using System.Net;
using Repro.Harness;
using Repro.Remote;

namespace Repro.Cli;

/// <summary>
/// `repro serve --model FILE|DIR [--label-only] [--uint8] [--port N] [--query-limit N]`: puts a model behind the Open
/// Inference Protocol (KServe v2 REST) on loopback, to rehearse an audit against a copy of one's own server, or to be
/// Table II's cloud model (label-only, 8-bit input).
/// </summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "The model: a Repro cache artifact (its folder or its model.bin), or an ONNX (.onnx, run by ONNX Runtime) or TorchScript (.pt) file with its <stem>.json metadata beside it", Required = true };
        var name = new Option<string?>("--name") { Description = "The model's name on the server (default: the artifact's folder name, or the file's stem)" };
        var labelOnly = new Option<bool>("--label-only") { Description = "Answer with the top-1 label only (Table II's cloud model)" };
        var uint8 = new Option<bool>("--uint8") { Description = "Take UINT8 8-bit images only (Table II: integer images)" };
        var port = new Option<int>("--port") { Description = "The port (0: any free one, printed)", DefaultValueFactory = _ => 8000 };
        var host = new Option<string>("--host") { Description = "The address to listen on", DefaultValueFactory = _ => "127.0.0.1" };
        var limit = new Option<long?>("--query-limit") { Description = "Images each client (API key, else address) may have answered (429 past it; default: no limit)" };
        var keys = new Option<string?>("--api-keys")
        {
            Description = "A file of API keys, one per line as 'NAME KEY' (or KEY alone; # starts a comment): requests need 'Authorization: Bearer KEY', and the query limit counts per key",
        };
        var maxImages = new Option<int>("--max-images") { Description = "Images one request may carry; the request body limit is sized for them", DefaultValueFactory = _ => new ServeSettings().MaxImagesPerRequest };
        var command = new Command("serve", "Serve a model over the Open Inference Protocol (KServe v2 REST) with a per-client query limit")
        {
            model, name, labelOnly, uint8, port, host, limit, keys, maxImages,
        };
        command.SetAction(async (parse, cancel) =>
        {
            if (!IPAddress.TryParse(parse.GetValue(host), out var address))
                throw new ArgumentException($"--host: '{parse.GetValue(host)}' is not an IP address (e.g. 127.0.0.1)");
            if (parse.GetValue(limit) is < 0) throw new ArgumentException($"--query-limit must be >= 0, got {parse.GetValue(limit)}");
            int images = parse.GetValue(maxImages);
            if (images is < 1 or > 65536) throw new ArgumentException($"--max-images must be 1 to 65536, got {images}");
            var apiKeys = parse.GetValue(keys) is { } keyFile ? ApiKeyFile.Read(keyFile) : null;
            var served = ServedModelFile.Load(parse.GetValue(model)!, parse.GetValue(name));
            var settings = new ServeSettings
            {
                LabelOnly = parse.GetValue(labelOnly), EightBitInput = parse.GetValue(uint8),
                Address = address, Port = parse.GetValue(port), QueryLimitPerClient = parse.GetValue(limit),
                ApiKeys = apiKeys, MaxImagesPerRequest = parse.GetValue(maxImages),
            };
            if (!IPAddress.IsLoopback(address) && apiKeys is null)
                Console.Error.WriteLine($"repro: warning: serving on {address}, beyond this machine, without --api-keys: anyone who reaches the port can query the model" +
                    (settings.QueryLimitPerClient is null ? ", without any limit" : ", and the query limit counts per address"));
            await using var server = await InferenceServer.StartAsync(served, settings, cancel);
            Console.WriteLine($"serving {server.Metadata.Describe()}");
            Console.WriteLine($"  from {served.Origin}");
            Console.WriteLine($"  at {server.Address}v2/models/{served.Name} (infer: POST .../infer); per-{(apiKeys is null ? "client" : "key")} limit: " +
                $"{settings.QueryLimitPerClient?.ToString() ?? "none"}; {(apiKeys is null ? "no API keys" : $"{apiKeys.Count} API key(s)")}; requests up to {settings.MaxImagesPerRequest} images, {server.BodyLimit} bytes");
            Console.WriteLine("Ctrl+C stops it.");
            try
            {
                await server.WaitForShutdownAsync(cancel);
            }
            catch (OperationCanceledException)
            {
            }
            foreach (var usage in server.Clients.Snapshot())
                Console.WriteLine($"client {usage.Client}: {usage.ImagesAnswered} images answered in {usage.Requests} requests, {usage.Repeated} repeats, {usage.Refused} refused");
            return 0;
        });
        return command;
    }
}
