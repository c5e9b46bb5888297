using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Repro.Attacks;
using Repro.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Repro.Remote;

/// <summary>POST v2/models/{name}/infer: check the request, charge the client, evaluate, answer.</summary>
public sealed partial class InferenceServer
{
    async Task<IResult> Infer(string name, HttpContext context)
    {
        if (Known(name) is { } notFound) return notFound;
        // Who asks, and whether they may, before a byte of the body is read.
        if (ClientOf(context) is not { } client)
            return Error(StatusCodes.Status401Unauthorized, "this server takes requests with an API key only (Authorization: Bearer KEY)");
        if (Clients.Exhausted(client) is { } exhausted) return Error(StatusCodes.Status429TooManyRequests, exhausted);
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            return Error(StatusCodes.Status400BadRequest, $"the request body is not JSON ({e.Message})");
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Error(StatusCodes.Status413PayloadTooLarge, $"the request body is over this server's limit of {BodyLimit} bytes ({settings.MaxImagesPerRequest} images in JSON)");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return Error(StatusCodes.Status400BadRequest, $"model '{served.Name}': the request must be a JSON object with \"inputs\", got {OpenInferenceProtocol.Kind(root.ValueKind)}");
            string? id = root.TryGetProperty("id", out var idElement) && idElement.ValueKind == JsonValueKind.String ? idElement.GetString() : null;
            InferenceTensor input;
            try
            {
                input = OpenInferenceProtocol.ReadTensor(root, "inputs", null, new[] { Metadata.InputDatatype });
                CheckOutputsAsked(root);
            }
            catch (Exception e) when (e is InvalidDataException or InvalidOperationException or KeyNotFoundException or FormatException
                or OverflowException or ArgumentException or IndexOutOfRangeException)
            {
                // Any JSON that is not the protocol's shape (a number where an object goes, a name that is not a string) is the client's error.
                string hint = settings.EightBitInput ? " (this server takes UINT8 8-bit images only)" : "";
                return Error(StatusCodes.Status400BadRequest, $"model '{served.Name}': {e.Message}{hint}");
            }
            var image = Metadata.ImageShape;
            if (input.Shape.Length != 4 || input.Shape.Skip(1).Select(s => (int)s).SequenceEqual(image) is false)
                return Error(StatusCodes.Status400BadRequest,
                    $"model '{served.Name}' takes images [n, {string.Join(", ", image)}], got {input.DescribeShape()}");
            long count = input.Shape[0];
            if (count > settings.MaxImagesPerRequest)
                return Error(StatusCodes.Status413PayloadTooLarge, $"{count} images in one request; this server takes at most {settings.MaxImagesPerRequest}");
            // FP32 pixels are not held to [0, 1]: P-RGF's finite-difference probes x + sigma u step past the box by sigma, as the
            // reference's do, and a local model evaluates them as they are. Non-finite values were refused when read.
            if (count < 1) return Error(StatusCodes.Status400BadRequest, $"model '{served.Name}': the request holds no image (shape {input.DescribeShape()})");
            if (Clients.Repeat(client, id) is { } repeated) return Results.Bytes(repeated, "application/json");
            if (Clients.Reserve(client, count) is { } refusal) return Error(StatusCodes.Status429TooManyRequests, refusal);
            byte[] answer;
            try
            {
                answer = OpenInferenceProtocol.WriteResponse(served.Name, id, Evaluate(input));
            }
            catch (ArithmeticException e)
            {
                Clients.Release(client, count);
                return Error(StatusCodes.Status500InternalServerError, e.Message);
            }
            Clients.Answered(client, id, answer);
            return Results.Bytes(answer, "application/json");
        }
    }

    /// <summary>An "outputs" list, when the client sends one, must ask for the one output this server gives.</summary>
    void CheckOutputsAsked(JsonElement root)
    {
        if (!root.TryGetProperty("outputs", out var outputs) || outputs.ValueKind != JsonValueKind.Array) return;
        foreach (var output in outputs.EnumerateArray())
        {
            if (output.ValueKind != JsonValueKind.Object) throw new InvalidDataException($"each of \"outputs\" must be an object with a \"name\", got {OpenInferenceProtocol.Kind(output.ValueKind)}");
            if (!output.TryGetProperty("name", out var asked)) continue;
            if (asked.ValueKind != JsonValueKind.String) throw new InvalidDataException($"an output's \"name\" must be a string, got {OpenInferenceProtocol.Kind(asked.ValueKind)}");
            if (asked.GetString() != Metadata.OutputName)
                throw new InvalidDataException($"it answers '{Metadata.OutputName}' only{(settings.LabelOnly ? " (label-only server)" : "")}, not '{Printable(asked.GetString()!)}'");
        }
    }

    InferenceTensor Evaluate(InferenceTensor input)
    {
        var model = served.Model;
        var device = model.parameters().FirstOrDefault()?.device ?? CPU;
        lock (forwardGate)
        {
            using var mode = EvaluationModeScope.Enter(model);
            using var noGrad = no_grad();
            using var scope = NewDisposeScope();
            var pixels = input.Floats is { } floats
                ? tensor(floats, ScalarType.Float32).view(input.Shape)
                : EightBitPixels.FromBytes(tensor(input.Integers!.Select(v => (byte)v).ToArray(), ScalarType.Byte).view(input.Shape));
            var logits = input.Shape[0] == 0 ? zeros(0, model.Classes) : (served.Engine ?? model.forward)(pixels.to(device));
            FiniteOutputs.Require(logits, model, $"serving '{served.Name}'");
            long n = input.Shape[0];
            return settings.LabelOnly
                ? InferenceTensor.OfIntegers(Metadata.OutputName, InferenceTensor.Int64, new[] { n }, logits.argmax(1).cpu().data<long>().ToArray())
                : InferenceTensor.OfFloats(Metadata.OutputName, new[] { n, (long)model.Classes },
                    nn.functional.softmax(logits, 1).to(ScalarType.Float32).cpu().contiguous().data<float>().ToArray());
        }
    }
}
