"""The mini pair of export_mini_pair.py as ONNX files, the form an on-device model ships in:

  /usr/bin/python3 examples/audit/export_mini_pair_onnx.py examples/audit examples/audit/onnx

reads mini-server.pt and mini-server-int8.pt (TorchScript, written by export_mini_pair.py) and their metadata from
the first folder and writes mini-server.onnx and mini-server-int8.onnx with their .json metadata (featuresMethod
naming the graph's penultimate value) into the second (torch 1.13, opset 13).

The server exports as it is. In the 8-bit sibling a detach()-based straight-through estimator would lose its gradient
in ONNX (the graph has no detach), so the sibling is written as an 8-bit QDQ model instead, the form ONNX Runtime's
quantizer and TFLite converters produce: every activation through QuantizeLinear/DequantizeLinear (uint8, the
calibrated scale and zero point), every weight through a per-output-channel int8 pair with the scales of its current
weights, written as constants (fine-tuning the imported sibling keeps them, where Repro's Int8Quantization would
rescale). That is the same arithmetic (x / scale rounded half to even, saturated), with the straight-through gradient
that QuantizeLinear carries when imported. The script refuses to write a file whose logits differ from the
TorchScript module's on a batch of test images beyond float error.
"""
import json
import os
import sys

import onnx
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import export_mini_pair as pair  # noqa: E402


def qdq_activation(x, q):
    scale, zero = float(q[0]), int(round(float(q[1])))
    return torch.fake_quantize_per_tensor_affine(x, scale, zero, 0, 255)


def qdq_weight(w):
    # A constant in the graph (as quantizers write it), not a computation ONNX would carry along.
    scale = torch.tensor(w.detach().reshape(w.shape[0], -1).abs().amax(dim=1).div(127.0).clamp_min(1e-12).tolist())
    return torch.fake_quantize_per_channel_affine(w, scale, torch.zeros(w.shape[0], dtype=torch.int32), 0, -128, 127)


def load(name, int8):
    scripted = torch.jit.load(name)
    model = pair.ResNetMini(int8)
    model.load_state_dict(scripted.state_dict())
    model.eval()
    return scripted, model


def export(folder, out, name, int8):
    scripted, model = load(os.path.join(folder, name + ".pt"), int8)
    if int8:
        # The QDQ form of the same arithmetic (see the module docstring).
        pair.fake_quant_activation = qdq_activation
        pair.fake_quant_weight = qdq_weight
    path = os.path.join(out, name + ".onnx")
    torch.onnx.export(model, torch.rand(2, 3, 32, 32), path, opset_version=13, input_names=["pixels"], output_names=["logits"],
                      dynamic_axes={"pixels": {0: "batch"}, "logits": {0: "batch"}},
                      training=torch.onnx.TrainingMode.PRESERVE, do_constant_folding=True)
    graph = onnx.load(path).graph
    features = next(n.output[0] for n in graph.node if n.op_type == "Flatten")
    torch.manual_seed(0)
    x = torch.rand(64, 3, 32, 32)
    mean = torch.tensor(pair.MEAN).reshape(1, 3, 1, 1)
    std = torch.tensor(pair.STD).reshape(1, 3, 1, 1)
    with torch.no_grad():
        expected = scripted((x - mean) / std)
        ours = model((x - mean) / std)
    gap = (ours - expected).abs().max().item()
    agree = (ours.argmax(1) == expected.argmax(1)).float().mean().item()
    print(f"{name}.onnx: max |logit - TorchScript's| = {gap:.2e} on 64 images, top-1 agreement {agree:.3f}; features value {features}")
    # 8-bit: x * (1/scale) vs x / scale may round a value on a boundary the other way.
    if gap > (2e-2 if int8 else 1e-5) or agree < (0.98 if int8 else 1.0):
        os.remove(path)
        raise SystemExit(f"{name}.onnx does not reproduce the TorchScript module; not written")
    with open(os.path.join(folder, name + ".json")) as f:
        meta = json.load(f)
    meta["featuresMethod"] = features
    meta["headMethod"] = "logits"
    with open(os.path.join(out, name + ".json"), "w") as f:
        json.dump(meta, f, indent=2)
        f.write("\n")


def main():
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    os.makedirs(sys.argv[2], exist_ok=True)
    export(sys.argv[1], sys.argv[2], "mini-server", int8=False)
    export(sys.argv[1], sys.argv[2], "mini-server-int8", int8=True)


if __name__ == "__main__":
    main()
