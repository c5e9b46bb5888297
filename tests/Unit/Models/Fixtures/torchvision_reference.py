"""Reference data for the torchvision ports in src/Repro/Models (run with Debian's python3-torchvision).

  python3 torchvision_reference.py keys
      writes torchvision_<model>.keys.txt: every state-dict tensor, "name<TAB>shape", in torchvision's order;
      the unit tests compare our mapped names and shapes with these files.

  python3 torchvision_reference.py fixture
      writes torchvision_mobilenet_v2_w025.pth, a torch.save'd state dict of torchvision's
      mobilenet_v2(width_mult=0.25, num_classes=10) with random batch-norm statistics, and
      torchvision_mobilenet_v2_w025.io.pth with an input batch of [0, 1] pixels and torchvision's
      logits for it: a real PyTorch checkpoint that the loading test reads (1.2 MB).

  python3 torchvision_reference.py parity DIR
      for each DIR/<model>.pth (our weights exported by PyTorchStateDict.Export, written with
      PyBridge) loads it strictly into the torchvision model and compares torchvision's logits on
      DIR/<model>.io.pth's "input" with the "logits" our model computed.
"""
import sys

import torch
import torchvision

MODELS = ["resnet50", "mobilenet_v2", "squeezenet1_0", "squeezenet1_1"]
MEAN = torch.tensor([0.485, 0.456, 0.406]).reshape(1, 3, 1, 1)
STD = torch.tensor([0.229, 0.224, 0.225]).reshape(1, 3, 1, 1)


def build(name):
    return getattr(torchvision.models, name)(num_classes=1000)


def keys():
    for name in MODELS:
        with open(f"torchvision_{name}.keys.txt", "w", encoding="utf-8", newline="\n") as out:
            for key, tensor in build(name).state_dict().items():
                out.write(f"{key}\t{','.join(str(d) for d in tensor.shape)}\n")


def fixture():
    torch.manual_seed(0)
    model = torchvision.models.mobilenet_v2(width_mult=0.25, num_classes=10)
    with torch.no_grad():
        for module in model.modules():
            if isinstance(module, torch.nn.BatchNorm2d):
                module.running_mean.normal_(0, 0.1)
                module.running_var.uniform_(0.75, 1.25)
                module.weight.uniform_(0.75, 1.25)
                module.bias.normal_(0, 0.1)
    model.eval()
    pixels = torch.rand(2, 3, 32, 32)
    with torch.no_grad():
        logits = model((pixels - MEAN) / STD)
    torch.save(model.state_dict(), "torchvision_mobilenet_v2_w025.pth")
    torch.save({"input": pixels, "logits": logits}, "torchvision_mobilenet_v2_w025.io.pth")


def parity(directory):
    worst = 0.0
    for name in MODELS:
        model = build(name)
        model.load_state_dict(torch.load(f"{directory}/{name}.pth"), strict=True)
        model.eval()
        io = torch.load(f"{directory}/{name}.io.pth")
        with torch.no_grad():
            # Our models normalise inside; torchvision expects normalised input.
            theirs = model((io["input"] - MEAN) / STD)
        diff = (theirs - io["logits"]).abs().max().item()
        scale = io["logits"].abs().max().item()
        worst = max(worst, diff / scale)
        print(f"{name}: max |torchvision - ours| = {diff:.3g} (logit scale {scale:.3g})")
    sys.exit(0 if worst < 1e-4 else 1)


if __name__ == "__main__":
    if sys.argv[1:2] == ["keys"]:
        keys()
    elif sys.argv[1:2] == ["fixture"]:
        fixture()
    elif sys.argv[1:2] == ["parity"] and len(sys.argv) == 3:
        parity(sys.argv[2])
    else:
        sys.exit(__doc__)
