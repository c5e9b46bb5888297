"""PyTorch mirrors of Repro's CIFAR networks (src/Repro/Models), module for module and name for name, so that a
state dict Repro writes loads with strict=True and gives the same logits. Only the layouts the mini profile
and the paper's CIFAR ResNet50 use are mirrored. Like Repro, every model takes [0, 1] pixels and normalises
inside, and each ConvBn can run as Repro's simulated 8-bit layer (batch norm folded, per-channel int8 weights,
per-tensor uint8 activations with straight-through gradients)."""

from collections import OrderedDict

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

CIFAR10_MEAN = [0.4914, 0.4822, 0.4465]
CIFAR10_STD = [0.2470, 0.2435, 0.2616]
INT8 = 2  # Repro's QuantizationMode.Int8


# ---- 8-bit simulation (Models/Layers/FakeQuantization.cs), in float32 arithmetic as Repro computes it ----

def activation_parameters(lo, hi):
    lo, hi = np.float32(min(lo, 0.0)), np.float32(max(hi, 0.0))
    scale = np.float32((hi - lo) / np.float32(255))
    if scale <= 0:
        scale = np.float32(1e-8)
    zero_point = int(min(max(np.round(float(-lo / scale)), 0), 255))
    return float(scale), zero_point


def fake_quantize_activations(x, scale, zero_point):
    s = np.float32(scale)
    lo, hi = float(np.float32(-zero_point) * s), float(np.float32(255 - zero_point) * s)
    clamped = x.clamp(lo, hi)
    with torch.no_grad():
        delta = (clamped / scale).round_().add_(zero_point).clamp_(0, 255).sub_(zero_point).mul_(scale).sub_(clamped)
    return clamped + delta


def fake_quantize_weights(weight):
    with torch.no_grad():
        flat = weight.detach().reshape(weight.shape[0], -1)
        scale = flat.abs().amax(1, keepdim=True).div_(127.0).clamp_min_(1e-12)
        dequantized = (flat / scale).round_().clamp_(-127, 127).mul_(scale).reshape(weight.shape)
    return weight + (dequantized - weight.detach())


class InputRangeObserver(nn.Module):
    """Buffers only (Repro's observer): the calibrated [min, max] and the mode, read once after loading."""

    def __init__(self):
        super().__init__()
        self.register_buffer("range", torch.tensor([float("inf"), float("-inf")]))
        self.register_buffer("mode", torch.tensor(0, dtype=torch.int64))
        self.int8 = False
        self.parameters_ = None

    def refresh(self):
        self.int8 = int(self.mode) == INT8
        if self.int8:
            self.parameters_ = activation_parameters(float(self.range[0]), float(self.range[1]))

    def forward(self, x):
        return fake_quantize_activations(x, *self.parameters_) if self.int8 else x


def activate(y, activation):
    if activation == "relu":
        return F.relu(y)
    if activation == "relu6":
        return F.relu6(y)
    return y


class ConvBn(nn.Module):
    def __init__(self, cin, cout, kernel, stride=1, padding=None, groups=1, batch_norm=True, activation="relu", bias=None):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, kernel, stride=stride, padding=kernel // 2 if padding is None else padding,
                              groups=groups, bias=(not batch_norm) if bias is None else bias)
        self.bn = nn.BatchNorm2d(cout) if batch_norm else None
        self.observer = InputRangeObserver()
        self.activation = activation

    def forward(self, x):
        if not self.observer.int8:
            y = self.conv(x)
            if self.bn is not None:
                y = self.bn(y)
            return activate(y, self.activation)
        if self.training:
            raise NotImplementedError("8-bit training (quantization-aware fine-tuning) is not mirrored")
        weight, bias = self.folded_weight_and_bias()
        c = self.conv
        y = F.conv2d(self.observer(x), fake_quantize_weights(weight), bias, c.stride, c.padding, c.dilation, c.groups)
        return activate(y, self.activation)

    def folded_weight_and_bias(self):
        weight, bn = self.conv.weight, self.bn
        if bn is None:
            return weight, self.conv.bias
        gamma = bn.weight * (bn.running_var + bn.eps).rsqrt()
        base = self.conv.bias if self.conv.bias is not None else torch.zeros_like(bn.running_mean)
        return weight * gamma.reshape(-1, 1, 1, 1), (base - bn.running_mean) * gamma + bn.bias


class QuantizableLinear(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.linear = nn.Linear(cin, cout)
        self.observer = InputRangeObserver()

    def forward(self, x):
        if not self.observer.int8:
            return self.linear(x)
        return F.linear(self.observer(x), fake_quantize_weights(self.linear.weight), self.linear.bias)


class InputNormalization(nn.Module):
    def __init__(self):
        super().__init__()
        self.register_buffer("mean", torch.tensor(CIFAR10_MEAN).view(1, 3, 1, 1), persistent=False)
        self.register_buffer("std", torch.tensor(CIFAR10_STD).view(1, 3, 1, 1), persistent=False)

    def forward(self, x):
        return (x - self.mean).div_(self.std)


def stem_kernel(stride):
    return 3 if stride <= 2 else stride + 1


class Classifier(nn.Module):
    """features(pixels) -> penultimate activations, head(features) -> logits, as Repro's Classifier."""

    def forward(self, x):
        return self.head(self.features(x))

    def refresh_quantization(self):
        for m in self.modules():
            if isinstance(m, InputRangeObserver):
                m.refresh()


# ---- ResNet (Models/ResNet.cs, BasicBlock.cs, Bottleneck.cs), CIFAR stem ----

class BasicBlock(nn.Module):
    expansion = 1

    def __init__(self, cin, channels, stride):
        super().__init__()
        self.conv1 = ConvBn(cin, channels, 3, stride=stride)
        self.conv2 = ConvBn(channels, channels, 3, activation=None)
        self.shortcut = ConvBn(cin, channels, 1, stride=stride, activation=None) if stride != 1 or cin != channels else None

    def forward(self, x):
        y = self.conv2(self.conv1(x))
        return F.relu(y + (x if self.shortcut is None else self.shortcut(x)))


class Bottleneck(nn.Module):
    expansion = 4

    def __init__(self, cin, channels, stride):
        super().__init__()
        self.conv1 = ConvBn(cin, channels, 1)
        self.conv2 = ConvBn(channels, channels, 3, stride=stride)
        self.conv3 = ConvBn(channels, channels * 4, 1, activation=None)
        self.shortcut = ConvBn(cin, channels * 4, 1, stride=stride, activation=None) if stride != 1 or cin != channels * 4 else None

    def forward(self, x):
        y = self.conv3(self.conv2(self.conv1(x)))
        return F.relu(y + (x if self.shortcut is None else self.shortcut(x)))


class ResNet(Classifier):
    def __init__(self, block, blocks, width, stem_stride, classes=10):
        super().__init__()
        block_type = BasicBlock if block == "basic" else Bottleneck
        self.normalize = InputNormalization()
        self.stem = ConvBn(3, width, stem_kernel(stem_stride), stride=stem_stride)
        stages, cin = [], width
        for stage, count in enumerate(blocks):
            channels = width << stage
            for b in range(count):
                stride = 2 if stage > 0 and b == 0 else 1
                stages.append((f"layer{stage + 1}_{b}", block_type(cin, channels, stride)))
                cin = channels * block_type.expansion
        self.stages = nn.Sequential(OrderedDict(stages))
        self.fc = QuantizableLinear(cin, classes)

    def features(self, x):
        x = self.stages(self.stem(self.normalize(x)))
        return F.adaptive_avg_pool2d(x, 1).flatten(1)

    def head(self, f):
        return self.fc(f)


# ---- MobileNetV2, kuangliu's CIFAR layout (Models/MobileNetV2.cs, InvertedResidual.cs) ----

MOBILENETV2_STAGES = [(1, 16, 1), (6, 24, 2), (6, 32, 2), (6, 64, 2), (6, 96, 1), (6, 160, 2), (6, 320, 1)]


def make_divisible(value, divisor=8):
    rounded = max(divisor, int(value + divisor / 2.0) // divisor * divisor)
    return rounded + divisor if rounded < 0.9 * value else rounded


class InvertedResidual(nn.Module):
    def __init__(self, cin, cout, stride, expansion):
        super().__init__()
        hidden = cin * expansion
        self.expand = ConvBn(cin, hidden, 1)
        self.depthwise = ConvBn(hidden, hidden, 3, stride=stride, groups=hidden)
        self.project = ConvBn(hidden, cout, 1, activation=None)
        self.residual = stride == 1
        self.shortcut = ConvBn(cin, cout, 1, activation=None) if self.residual and cin != cout else None

    def forward(self, x):
        y = self.project(self.depthwise(self.expand(x)))
        if self.residual:
            y = y + (x if self.shortcut is None else self.shortcut(x))
        return y


class MobileNetV2(Classifier):
    def __init__(self, width_multiplier, stem_stride, blocks, classes=10):
        super().__init__()
        self.normalize = InputNormalization()
        channels = make_divisible(32 * width_multiplier)
        self.stem = ConvBn(3, channels, stem_kernel(stem_stride), stride=stem_stride)
        layers = []
        for s, (t, c, first_stride) in enumerate(MOBILENETV2_STAGES):
            if s == 1:
                first_stride = 1
            cout = make_divisible(c * width_multiplier)
            for b in range(blocks[s]):
                layers.append(InvertedResidual(channels, cout, first_stride if b == 0 else 1, t))
                channels = cout
        self.blocks = nn.Sequential(*layers)
        features = make_divisible(1280 * max(1.0, width_multiplier))
        self.last = ConvBn(channels, features, 1)
        self.classifier = QuantizableLinear(features, classes)

    def features(self, x):
        x = self.last(self.blocks(self.stem(self.normalize(x))))
        return F.adaptive_avg_pool2d(x, 1).flatten(1)

    def head(self, f):
        return self.classifier(f)


# ---- SqueezeNet 1.0, CIFAR layout with batch norm (Models/SqueezeNet.cs, FireModule.cs) ----

SQUEEZENET_FIRES = [(16, 64, 64), (16, 64, 64), (32, 128, 128), (32, 128, 128), (48, 192, 192), (48, 192, 192), (64, 256, 256), (64, 256, 256)]


class FireModule(nn.Module):
    def __init__(self, cin, s, e1, e3):
        super().__init__()
        self.squeeze = ConvBn(cin, s, 1)
        self.expand1x1 = ConvBn(s, e1, 1)
        self.expand3x3 = ConvBn(s, e3, 3)
        self.out_channels = e1 + e3

    def forward(self, x):
        s = self.squeeze(x)
        return torch.cat([self.expand1x1(s), self.expand3x3(s)], 1)


class SqueezeNet(Classifier):
    def __init__(self, width_multiplier, stem_stride, classes=10):
        super().__init__()

        def width(c):
            return max(1, int(round(c * width_multiplier)))  # round half to even, as .NET's Math.Round

        self.normalize = InputNormalization()
        stem = width(96)
        self.stem = ConvBn(3, stem, stem_kernel(stem_stride), stride=stem_stride)
        fires, channels = [], stem
        for s, e1, e3 in SQUEEZENET_FIRES:
            fire = FireModule(channels, width(s), width(e1), width(e3))
            fires.append(fire)
            channels = fire.out_channels
        self.fires = nn.ModuleList(fires)
        self.channels = channels
        self.classifier = ConvBn(channels, classes, 1, batch_norm=False, activation=None)
        self.pool_after = (2, 6)

    def features(self, x):
        x = F.max_pool2d(self.stem(self.normalize(x)), 2, stride=2)
        for i, fire in enumerate(self.fires):
            x = fire(x)
            if i in self.pool_after:
                x = F.max_pool2d(x, 2, stride=2)
        return F.adaptive_avg_pool2d(x, 1).flatten(1)

    def head(self, f):
        x = self.classifier(f.reshape(f.shape[0], self.channels, 1, 1))
        return F.adaptive_avg_pool2d(x, 1).flatten(1)


# ---- NASNet-A, TF-slim's CIFAR network (Models/NasNet.cs, NasNetCell.cs, NasNetOperation.cs, ...) ----

SEP3, SEP5, SEP7, AVG, MAX, IDENTITY = "sep3", "sep5", "sep7", "avg", "max", "identity"
NORMAL_CELL = [(SEP5, 0), (SEP3, 1), (SEP5, 1), (SEP3, 1), (AVG, 0), (IDENTITY, 1), (AVG, 1), (AVG, 1), (SEP3, 0), (IDENTITY, 0)]
NORMAL_USED = [True, False, False, False, False, False, False]
REDUCTION_CELL = [(SEP5, 0), (SEP7, 1), (MAX, 0), (SEP7, 1), (AVG, 0), (SEP5, 1), (IDENTITY, 3), (AVG, 2), (SEP3, 2), (MAX, 0)]
REDUCTION_USED = [True, True, True, False, False, False, False]


class SeparableConvStack(nn.Module):
    def __init__(self, cin, cout, kernel, stride):
        super().__init__()
        self.depthwise1 = ConvBn(cin, cin, kernel, stride=stride, groups=cin, batch_norm=False, activation=None, bias=False)
        self.pointwise1 = ConvBn(cin, cout, 1)
        self.depthwise2 = ConvBn(cout, cout, kernel, groups=cout, batch_norm=False, activation=None, bias=False)
        self.pointwise2 = ConvBn(cout, cout, 1, activation=None)

    def forward(self, x):
        return self.pointwise2(self.depthwise2(self.pointwise1(self.depthwise1(F.relu(x)))))


class FactorizedReduction(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        if stride == 1:
            self.path1, self.path2 = ConvBn(cin, cout, 1, activation=None), None
        else:
            self.path1 = ConvBn(cin, cout // 2, 1, stride=stride, activation=None)
            self.path2 = ConvBn(cin, cout // 2, 1, stride=stride, activation=None)

    def forward(self, x):
        if self.path2 is None:
            return self.path1(x)
        shifted = F.pad(x, (0, 1, 0, 1))[:, :, 1:, 1:]
        return torch.cat([self.path1(x), self.path2(shifted)], 1)


class NasNetOperation(nn.Module):
    def __init__(self, kind, cin, cout, stride):
        super().__init__()
        self.kind, self.stride = kind, stride
        self.separable, self.projection = None, None
        if kind in (SEP3, SEP5, SEP7):
            self.separable = SeparableConvStack(cin, cout, {SEP3: 3, SEP5: 5, SEP7: 7}[kind], stride)
        elif kind == IDENTITY:
            if stride > 1 or cin != cout:
                self.projection = ConvBn(cin, cout, 1, stride=stride, activation=None)
        elif cin != cout:
            self.projection = ConvBn(cin, cout, 1, activation=None)

    def forward(self, x):
        if self.separable is not None:
            return self.separable(x)
        if self.kind == AVG:
            y = F.avg_pool2d(x, 3, stride=self.stride, padding=1, count_include_pad=False)
        elif self.kind == MAX:
            y = F.max_pool2d(x, 3, stride=self.stride, padding=1)
        else:
            return x if self.projection is None else self.projection(F.relu(x))
        return y if self.projection is None else self.projection(y)


class NasNetCell(nn.Module):
    def __init__(self, reduction, current_channels, previous_channels, previous_double_resolution, filters):
        super().__init__()
        layout, used = (REDUCTION_CELL, REDUCTION_USED) if reduction else (NORMAL_CELL, NORMAL_USED)
        self.current = ConvBn(current_channels, filters, 1, activation=None)
        self.previous = None
        if previous_channels is None:
            previous_width = current_channels
        elif previous_double_resolution:
            self.previous, previous_width = FactorizedReduction(previous_channels, filters, 2), filters
        elif previous_channels != filters:
            self.previous, previous_width = ConvBn(previous_channels, filters, 1, activation=None), filters
        else:
            previous_width = previous_channels
        states = [(filters, True), (previous_width, True)]
        ops = []
        self.inputs = [i for _, i in layout]
        for block in range(5):
            for side in range(2):
                op, i = layout[2 * block + side]
                ops.append(NasNetOperation(op, states[i][0], filters, 2 if reduction and i < 2 else 1))
            states.append((filters, not reduction))
        self.operations = nn.ModuleList(ops)
        self.concatenated = [i for i in range(len(states)) if not used[i]]
        final = states[-1]
        reductions, self.reduction_of = [], []
        for i in self.concatenated:
            channels, resolution = states[i]
            if (channels, resolution) == final:
                self.reduction_of.append(-1)
            else:
                self.reduction_of.append(len(reductions))
                reductions.append(FactorizedReduction(channels, final[0], 1 if resolution == final[1] else 2))
        self.combineReductions = nn.ModuleList(reductions)
        self.out_channels = final[0] * len(self.concatenated)

    def forward(self, x, previous_input):
        prev = x if previous_input is None else previous_input if self.previous is None else self.previous(F.relu(previous_input))
        states = [self.current(F.relu(x)), prev]
        for block in range(5):
            left = self.operations[2 * block](states[self.inputs[2 * block]])
            right = self.operations[2 * block + 1](states[self.inputs[2 * block + 1]])
            states.append(left + right)
        parts = [states[i] if r < 0 else self.combineReductions[r](states[i]) for i, r in zip(self.concatenated, self.reduction_of)]
        return torch.cat(parts, 1)


class NasNet(Classifier):
    def __init__(self, cells_per_stack, filters, stem_multiplier, stem_stride, classes=10):
        super().__init__()
        self.normalize = InputNormalization()
        stem = filters * stem_multiplier
        self.stem = ConvBn(3, stem, stem_kernel(stem_stride), stride=stem_stride, activation=None)
        cells, outputs, level = [], [None, (stem, 0)], 0

        def cell(reduction):
            channels, _ = outputs[-1]
            prev = outputs[-2]
            c = NasNetCell(reduction, channels, None if prev is None else prev[0], prev is not None and prev[1] < level, filters)
            outputs.append((c.out_channels, level + (1 if reduction else 0)))
            return c

        for n in range(3 * cells_per_stack):
            if n > 0 and n % cells_per_stack == 0:
                filters *= 2
                cells.append(cell(True))
                level += 1
            cells.append(cell(False))
        self.cells = nn.ModuleList(cells)
        self.classifier = QuantizableLinear(outputs[-1][0], classes)

    def features(self, x):
        before, x = None, self.stem(self.normalize(x))
        for c in self.cells:
            before, x = x, c(x, before)
        return F.adaptive_avg_pool2d(F.relu(x), 1).flatten(1)

    def head(self, f):
        return self.classifier(f)


def build(architecture):
    """The mirror of a manifest entry's architecture (BenchInputs.Architecture in the C# project)."""
    family = architecture["family"]
    if family == "resnet":
        return ResNet(architecture["block"], architecture["blocks"], architecture["width"], architecture["stemStride"])
    if family == "mobilenetv2":
        return MobileNetV2(architecture["widthMultiplier"], architecture["stemStride"], architecture["blocks"])
    if family == "squeezenet":
        return SqueezeNet(architecture["widthMultiplier"], architecture["stemStride"])
    if family == "nasnet":
        return NasNet(architecture["cellsPerStack"], architecture["filters"], architecture["stemMultiplier"], architecture["stemStride"])
    raise ValueError(f"no mirror of {architecture['describe']}")
