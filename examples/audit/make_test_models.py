"""Small TorchScript models for the audit's tests (the error paths and the loader), a few KB each.

  /usr/bin/python3 make_test_models.py      (Debian's python3-torch; any torch >= 1.8 works)

writes, beside this script:
  tiny.pt / tiny.json                   a 2-layer CNN for 32x32 RGB, 10 CIFAR-10 classes, logits, with
                                        features()/head() exported (penultimate activations measurable)
  tiny-nofeatures.pt / .json            the same weights, forward only (activations "not measurable")
  tiny-probabilities.pt / .json         the same weights, softmax output
  tiny-bgr.pt / .json                   the same network expecting BGR input normalised with ImageNet statistics
  nan.pt / nan.json                     a model whose forward returns NaN (a broken checkpoint)
The weights are drawn from a fixed seed: running the script again writes the same weights (the archive bytes differ).
"""
import json
import os

import torch
import torch.nn as nn

HERE = os.path.dirname(os.path.abspath(__file__))
CIFAR10 = ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"]


class Tiny(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3, stride=2, padding=1)
        self.bn = nn.BatchNorm2d(8)
        self.fc = nn.Linear(8, 10)

    def forward(self, x):
        return self.head(self.features(x))

    @torch.jit.export
    def features(self, x):
        return torch.relu(self.bn(self.conv(x))).mean(dim=(2, 3))

    @torch.jit.export
    def head(self, f):
        return self.fc(f)


class ForwardOnly(nn.Module):
    def __init__(self, inner, softmax=False):
        super().__init__()
        self.inner = inner
        self.softmax = softmax

    def forward(self, x):
        y = self.inner.fc(torch.relu(self.inner.bn(self.inner.conv(x))).mean(dim=(2, 3)))
        return torch.softmax(y, dim=1) if self.softmax else y


def save(module, name, **metadata):
    module.eval()
    torch.jit.save(torch.jit.script(module), os.path.join(HERE, name + ".pt"))
    meta = {"height": 32, "width": 32, "classes": CIFAR10}
    meta.update(metadata)
    with open(os.path.join(HERE, name + ".json"), "w") as f:
        json.dump(meta, f, indent=2)
        f.write("\n")


def main():
    torch.manual_seed(0)
    tiny = Tiny()
    cifar = {"mean": [0.4914, 0.4822, 0.4465], "std": [0.247, 0.2435, 0.2616]}
    save(tiny, "tiny", output="logits", featuresMethod="features", headMethod="head", **cifar)
    save(ForwardOnly(tiny), "tiny-nofeatures", output="logits", **cifar)
    save(ForwardOnly(tiny, softmax=True), "tiny-probabilities", output="probabilities", **cifar)
    save(ForwardOnly(tiny), "tiny-bgr", output="logits", channelOrder="BGR", mean=[0.406, 0.456, 0.485], std=[0.225, 0.224, 0.229])
    broken = Tiny()
    with torch.no_grad():
        broken.fc.weight[0, 0] = float("nan")
    save(broken, "nan", output="logits", **cifar)


if __name__ == "__main__":
    main()
