"""Exports Repro's mini server (ResNet-mini, Table I) and its 8-bit sibling as TorchScript: the pair the audit's
claim test compares with Table I, and a pair a user can audit and harden right away.

  1. dump the two models' weights from Repro's artifact cache (trains them first if the cache is cold, ~2 minutes):
       REPRO_EXPORT_DIR=/tmp/mini-pair dotnet test tests/Claims -c Release --filter FullyQualifiedName~MiniPairExport
  2. build the TorchScript modules from them (Debian's python3-torch; any torch >= 1.8):
       /usr/bin/python3 examples/audit/export_mini_pair.py /tmp/mini-pair examples/audit

writes mini-server.pt/.json and mini-server-int8.pt/.json. The modules are kuangliu/pytorch-cifar's ResNet layout
(the names Repro's ResNet.PyTorchLayout maps to) with Repro's mini shape: a stride-2 3x3 stem, one basic block per
stage, widths 16-32-64. The 8-bit module reproduces Repro's Int8Quantization arithmetic (Models/Layers/ConvBn,
FakeQuantization): batch norm folded into the convolutions, weights fake-quantized per output channel (symmetric
int8, codes in [-127, 127]) at every forward, each layer's input fake-quantized per tensor (uint8, asymmetric, the
calibrated range), straight-through gradients, so it can be attacked white-box and fine-tuned. The 8-bit module keeps
its batch norms: evaluation folds them into the weights (the deployed arithmetic, the same logits), training runs them
on the batch's statistics as the harness fine-tunes an 8-bit model (Table VI's finetune-last), so `repro harden` can
train it at the training rate (folded weights with nothing to renormalise them collapse there). Both export
features()/head() (the penultimate split). Each dump holds a batch of test images with Repro's logits for them;
the export refuses to write a module whose logits differ from Repro's.
"""
import json
import os
import struct
import sys

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

CIFAR10 = ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"]
MEAN = [0.4914, 0.4822, 0.4465]
STD = [0.2470, 0.2435, 0.2616]
DTYPES = {"F32": np.float32, "F64": np.float64, "I64": np.int64, "I32": np.int32, "U8": np.uint8, "F16": np.float16}


def read_safetensors(path):
    with open(path, "rb") as f:
        (size,) = struct.unpack("<Q", f.read(8))
        header = json.loads(f.read(size))
        data = f.read()
    tensors = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        start, end = info["data_offsets"]
        array = np.frombuffer(data[start:end], dtype=DTYPES[info["dtype"]]).reshape(info["shape"])
        tensors[name] = torch.from_numpy(array.copy())
    return tensors


def activation_qparams(lo, hi):
    """FakeQuantization.ActivationParameters, in float32 as Repro computes it."""
    lo = np.float32(min(lo, 0.0))
    hi = np.float32(max(hi, 0.0))
    scale = np.float32((hi - lo) / np.float32(255.0))
    if scale <= 0:
        scale = np.float32(1e-8)
    zero = int(np.clip(np.round(np.float64(-lo / scale)), 0, 255))
    low = np.float32(np.float32(-zero) * scale)
    high = np.float32(np.float32(255 - zero) * scale)
    return float(scale), float(zero), float(low), float(high)


class Unit(nn.Module):
    """Convolution, batch norm, optional ReLU. In 8-bit mode (Repro's ConvBn): the input fake-quantized with the calibrated
    range; in training the weights fake-quantized per channel and batch norm on the batch's statistics (quantization-aware
    fine-tuning, as the harness trains its 8-bit models); in evaluation batch norm folded into the weights, which are then
    fake-quantized: the arithmetic int8 deployment runs."""

    def __init__(self, cin, cout, k, stride, relu, int8):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, k, stride=stride, padding=k // 2, bias=False)
        self.bn = nn.BatchNorm2d(cout)
        self.relu = relu
        self.int8 = int8
        self.register_buffer("qparams", torch.zeros(4))   # scale, zero point, low, high

    def forward(self, x):
        if self.int8:
            x = fake_quant_activation(x, self.qparams)
            if self.training:
                y = self.bn(F.conv2d(x, fake_quant_weight(self.conv.weight), None, self.conv.stride, self.conv.padding))
            else:
                weight, bias = self.folded()
                y = F.conv2d(x, fake_quant_weight(weight), bias, self.conv.stride, self.conv.padding)
        else:
            y = self.bn(self.conv(x))
        return torch.relu(y) if self.relu else y

    def folded(self):
        """Weight and bias with batch norm's running statistics folded in (ConvBn.FoldedWeightAndBias)."""
        running_var = self.bn.running_var
        running_mean = self.bn.running_mean
        gamma = self.bn.weight * (running_var + self.bn.eps).rsqrt()
        weight = self.conv.weight * gamma.reshape(-1, 1, 1, 1)
        bias = (torch.zeros_like(running_mean) - running_mean) * gamma + self.bn.bias
        return weight, bias


def fake_quant_activation(x, q):
    scale, zero, low, high = float(q[0]), float(q[1]), float(q[2]), float(q[3])
    clamped = torch.clamp(x, low, high)
    delta = ((clamped / scale).round() + zero).clamp(0.0, 255.0).sub(zero).mul(scale).sub(clamped)
    return clamped + delta.detach()


def fake_quant_weight(w):
    flat = w.detach().reshape(w.shape[0], -1)
    scale = flat.abs().amax(dim=1, keepdim=True).div(127.0).clamp_min(1e-12)
    dequantized = (flat / scale).round().clamp(-127.0, 127.0).mul(scale).reshape(w.shape)
    return w + (dequantized - w.detach())


class BasicBlock(nn.Module):
    def __init__(self, cin, cout, stride, int8):
        super().__init__()
        self.conv1 = Unit(cin, cout, 3, stride, True, int8)
        self.conv2 = Unit(cout, cout, 3, 1, False, int8)
        self.has_shortcut = stride != 1 or cin != cout
        self.shortcut = Unit(cin, cout, 1, stride, False, int8) if self.has_shortcut else nn.Identity()

    def forward(self, x):
        return torch.relu(self.conv2(self.conv1(x)) + self.shortcut(x))


class ResNetMini(nn.Module):
    def __init__(self, int8, width=16, stages=3, stem_stride=2, classes=10):
        super().__init__()
        self.int8 = int8
        self.conv1 = Unit(3, width, 3, stem_stride, True, int8)
        blocks = []
        cin = width
        for s in range(stages):
            cout = width << s
            blocks.append(BasicBlock(cin, cout, 1 if s == 0 else 2, int8))
            cin = cout
        self.layers = nn.ModuleList(blocks)
        self.linear = nn.Linear(cin, classes)
        self.register_buffer("head_qparams", torch.zeros(4))

    def forward(self, x):
        return self.head(self.features(x))

    @torch.jit.export
    def features(self, x):
        x = self.conv1(x)
        for block in self.layers:
            x = block(x)
        return F.adaptive_avg_pool2d(x, 1).flatten(1)

    @torch.jit.export
    def head(self, f):
        if self.int8:
            f = fake_quant_activation(f, self.head_qparams)
            return F.linear(f, fake_quant_weight(self.linear.weight), self.linear.bias)
        return self.linear(f)


def module_name(theirs):
    """kuangliu's names (layer1.0.conv1, layer1.0.shortcut.0, conv1, linear) to this module's."""
    parts = theirs.split(".")
    if parts[0] == "conv1":
        return "conv1.conv"
    if parts[0] == "bn1":
        return "conv1.bn"
    if parts[0].startswith("layer"):
        stage = int(parts[0][5:]) - 1
        rest = parts[2:]
        if rest[0] == "shortcut":
            return f"layers.{stage}.shortcut." + ("conv" if rest[1] == "0" else "bn")
        if rest[0].startswith("bn"):
            return f"layers.{stage}.conv{rest[0][2:]}.bn"
        return f"layers.{stage}.{rest[0]}.conv"
    return theirs


def load(model, tensors):
    state = model.state_dict()
    used = set()
    for key, value in tensors.items():
        if key.startswith("_probe"):
            continue
        prefix, leaf = key.rsplit(".", 1)
        if leaf == "input_range":
            qparams = torch.tensor(activation_qparams(float(value[0]), float(value[1])), dtype=torch.float32)
            target = "head_qparams" if prefix == "linear" else module_name(prefix).rsplit(".", 1)[0] + ".qparams"
        else:
            target = module_name(prefix) + "." + leaf
            qparams = None
        if target not in state:
            raise SystemExit(f"{key}: no tensor {target} in the module")
        source = qparams if qparams is not None else value
        if state[target].shape != source.shape:
            raise SystemExit(f"{key} -> {target}: shape {tuple(source.shape)} vs {tuple(state[target].shape)}")
        state[target] = source.to(state[target].dtype)
        used.add(target)
    # The float module carries unused qparams (zeros).
    missing = [k for k in state if k not in used and not k.endswith("num_batches_tracked") and not (k.endswith("qparams") and not model.int8)]
    if missing:
        raise SystemExit(f"not in the dump: {missing}")
    model.load_state_dict(state)


def export(dump, out, name, int8):
    tensors = read_safetensors(dump)
    model = ResNetMini(int8)
    load(model, tensors)
    model.eval()
    scripted = torch.jit.script(model)
    x = tensors["_probe_input"]
    mean = torch.tensor(MEAN).reshape(1, 3, 1, 1)
    std = torch.tensor(STD).reshape(1, 3, 1, 1)
    with torch.no_grad():
        logits = scripted((x - mean) / std)
    expected = tensors["_probe_logits"]
    gap = (logits - expected).abs().max().item()
    agree = (logits.argmax(1) == expected.argmax(1)).float().mean().item()
    print(f"{name}: max |logit - Repro's| = {gap:.2e} on {x.shape[0]} test images, top-1 agreement {agree:.3f}")
    # 8-bit: a float32 summation order differing from libtorch 2.10's may move an activation across a rounding boundary.
    if gap > (1e-3 if int8 else 1e-4) or agree < 1.0:
        raise SystemExit(f"{name}: the TorchScript module does not reproduce Repro's logits; not written")
    torch.jit.save(scripted, os.path.join(out, name + ".pt"))
    meta = {"name": name, "height": 32, "width": 32, "mean": MEAN, "std": STD, "classes": CIFAR10, "output": "logits",
            "featuresMethod": "features", "headMethod": "head"}
    with open(os.path.join(out, name + ".json"), "w") as f:
        json.dump(meta, f, indent=2)
        f.write("\n")


def main():
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    dumps, out = sys.argv[1], sys.argv[2]
    export(os.path.join(dumps, "mini-server.safetensors"), out, "mini-server", int8=False)
    export(os.path.join(dumps, "mini-server-int8.safetensors"), out, "mini-server-int8", int8=True)


if __name__ == "__main__":
    main()
