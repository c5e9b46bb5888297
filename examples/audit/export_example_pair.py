"""An example of what a provider does before `repro audit`: train a server in PyTorch, make its on-device sibling
(here: weights rounded to 8 bits per output channel, as a weight-only quantizer does), and export both as TorchScript
with the metadata file the audit reads beside each.

  /usr/bin/python3 examples/audit/export_example_pair.py OUT_DIR [EPOCHS]

trains a small CNN on the training half of the embedded CIFAR-10 slice (src/Repro/Data/Embedded/cifar10-slice.zip;
about a minute per epoch on 2 cores) and writes OUT_DIR/server.pt, server.json, device.pt, device.json. For your own
models, keep the three steps: torch.jit.script (or trace) the trained module, expose features()/head() with
@torch.jit.export if you want the activation similarity measured, and write the JSON with the preprocessing your
training used (input size, mean/std, channel order, class names in output order, output kind).
"""
import io
import json
import os
import sys
import zipfile

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
SLICE = os.path.join(HERE, "..", "..", "src", "Repro", "Data", "Embedded", "cifar10-slice.zip")
CLASSES = ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"]
MEAN, STD = [0.4914, 0.4822, 0.4465], [0.2470, 0.2435, 0.2616]


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.c1 = nn.Conv2d(3, 32, 3, padding=1)
        self.c2 = nn.Conv2d(32, 64, 3, padding=1)
        self.c3 = nn.Conv2d(64, 128, 3, padding=1)
        self.fc = nn.Linear(128, 10)

    def forward(self, x):
        return self.head(self.features(x))

    @torch.jit.export
    def features(self, x):
        x = F.max_pool2d(F.relu(self.c1(x)), 2)
        x = F.max_pool2d(F.relu(self.c2(x)), 2)
        return F.relu(self.c3(x)).mean(dim=(2, 3))

    @torch.jit.export
    def head(self, f):
        return self.fc(f)


def training_images():
    images, labels = [], []
    with zipfile.ZipFile(SLICE) as z:
        for name in sorted(z.namelist()):
            parts = name.split("/")
            if len(parts) == 3 and parts[0] == "train":
                images.append(np.asarray(Image.open(io.BytesIO(z.read(name))).convert("RGB"), dtype=np.float32) / 255)
                labels.append(CLASSES.index(parts[1]))
    x = torch.from_numpy(np.stack(images)).permute(0, 3, 1, 2)
    return (x - torch.tensor(MEAN).view(1, 3, 1, 1)) / torch.tensor(STD).view(1, 3, 1, 1), torch.tensor(labels)


def round_weights_to_8_bits(model):
    with torch.no_grad():
        for p in model.parameters():
            if p.dim() > 1:
                scale = p.abs().reshape(p.shape[0], -1).amax(1).clamp_min(1e-12).div(127).view(-1, *[1] * (p.dim() - 1))
                p.copy_((p / scale).round().clamp(-127, 127) * scale)


def save(model, folder, name):
    model.eval()
    torch.jit.save(torch.jit.script(model), os.path.join(folder, name + ".pt"))
    metadata = {"name": name, "height": 32, "width": 32, "mean": MEAN, "std": STD, "channelOrder": "RGB",
                "classes": CLASSES, "output": "logits", "featuresMethod": "features", "headMethod": "head"}
    with open(os.path.join(folder, name + ".json"), "w") as f:
        json.dump(metadata, f, indent=2)


def main():
    if len(sys.argv) not in (2, 3):
        raise SystemExit(__doc__)
    folder, epochs = sys.argv[1], int(sys.argv[2]) if len(sys.argv) == 3 else 3
    os.makedirs(folder, exist_ok=True)
    torch.manual_seed(0)
    x, y = training_images()
    server = Net()
    optimizer = torch.optim.Adam(server.parameters(), 2e-3)
    for epoch in range(epochs):
        order = torch.randperm(len(x))
        for start in range(0, len(x), 128):
            batch = order[start:start + 128]
            loss = F.cross_entropy(server(x[batch]), y[batch])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        print(f"epoch {epoch + 1}: loss {loss.item():.3f}")
    save(server, folder, "server")
    device = Net()
    device.load_state_dict(server.state_dict())
    round_weights_to_8_bits(device)
    save(device, folder, "device")
    print(f"wrote {folder}/server.pt, server.json, device.pt, device.json")


if __name__ == "__main__":
    main()
