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
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            return Error(StatusCodes.Status400BadRequest, $"the request body is not JSON ({e.Message})");
        }
        using (document)
        {
            var root = document.RootElement;
            string? id = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("id", out var idElement) && idElement.ValueKind == JsonValueKind.String
                ? idElement.GetString() : null;
            InferenceTensor input;
            try
            {
                input = OpenInferenceProtocol.ReadTensor(root, "inputs", null, new[] { Metadata.InputDatatype });
                CheckOutputsAsked(root);
            }
            catch (InvalidDataException e)
            {
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
            string client = ClientOf(context);
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
            if (output.TryGetProperty("name", out var asked) && asked.GetString() != Metadata.OutputName)
                throw new InvalidDataException($"it answers '{Metadata.OutputName}' only{(settings.LabelOnly ? " (label-only server)" : "")}, not '{asked.GetString()}'");
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
