#!/usr/bin/python3
"""The PyTorch side of Repro's side-by-side benchmark (bench/README.md).

Runs the workloads of bench/Repro.Benchmarks (WorkloadCatalog.cs) in PyTorch eager, on the weights and images
Repro wrote to its inputs folder (`Repro.Benchmarks prepare`), with the same timing protocol: warm-up runs, then
measured runs, each timed whole and divided by its operations. Run it with Debian's PyTorch (python3-torch):

    /usr/bin/python3 bench/pytorch/side_by_side.py --inputs DIR [--workloads a,b]   # a table of PyTorch times
    /usr/bin/python3 bench/pytorch/side_by_side.py --inputs DIR --serve            # what Repro.Benchmarks starts
    /usr/bin/python3 bench/pytorch/side_by_side.py --inputs DIR --loop NAME --runs 50   # for a profiler, as `Repro.Benchmarks loop`

In --serve mode it answers one JSON line per workload name read from stdin. Threads: OMP_NUM_THREADS (the
runner passes Repro's count); the runner also passes OMP_WAIT_POLICY=PASSIVE and Repro's kernel pin.
"""

import argparse
import json
import os
import statistics
import sys
import time

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import repro_models  # noqa: E402
import safetensors_io  # noqa: E402
from prgf_iteration import PriorGuidedIteration, input_gradient  # noqa: E402


class Inputs:
    def __init__(self, folder):
        self.folder = folder
        with open(os.path.join(folder, "manifest.json")) as f:
            self.manifest = json.load(f)
        self.data = safetensors_io.read(os.path.join(folder, "data.safetensors"))
        self.architectures = {m["name"]: m["architecture"] for m in self.manifest["models"]}
        self.workloads = {w["name"]: w for w in self.manifest["workloads"]}

    def model(self, name):
        model = repro_models.build(self.architectures[name])
        model.load_state_dict(safetensors_io.read(os.path.join(self.folder, name + ".safetensors")), strict=True)
        model.refresh_quantization()
        return model.eval()

    def test(self, count):
        return self.data["test_images"][:count], self.data["test_labels"][:count]

    def parity(self):
        """Per model, the largest difference between this port's logits and Repro's on the reference images."""
        n = self.manifest["referenceImages"]
        images = self.data["test_images"][:n]
        result = {}
        with torch.no_grad():
            for name in self.architectures:
                result[name] = float((self.model(name)(images) - self.data["logits/" + name]).abs().max())
        return result


def project(candidate, origin, eps):
    return candidate.clamp((origin - eps).clamp_min_(0), (origin + eps).clamp_max_(1))


def per_sample_cosine(a, b):
    x, y = a.flatten(1), b.flatten(1)
    return (x / x.norm(dim=1, keepdim=True).clamp_min(1e-20) * (y / y.norm(dim=1, keepdim=True).clamp_min(1e-20))).sum(1)


class Workload:
    """One workload of the manifest, ready to run; run() does the spec's operationsPerRun operations; check() says what it computed."""

    def __init__(self, spec, inputs):
        self.spec, self.kind = spec, spec["kind"]
        self.batch = spec["batchSize"]
        self.model = inputs.model(spec["model"])
        self.other = inputs.model(spec["other"]) if spec.get("other") else None
        self.images, self.labels = inputs.test(spec["images"])
        self.last = None
        if self.kind in ("TrainingStep", "UnpairingStep"):
            self.train_images, self.train_labels = inputs.data["train_images"], inputs.data["train_labels"]
            self.batches, self.next = self.train_images.shape[0] // self.batch, 0
        transfer, query = inputs.manifest["transfer"], inputs.manifest["query"]
        self.eps, self.step, self.fgsm_step = transfer["epsilon"], transfer["stepSize"], transfer["fgsmStepSize"]
        self.pgd_steps = transfer["pgdSteps"]
        if self.kind == "PriorGuidedIteration":
            self.prgf = PriorGuidedIteration(self.model, self.other, self.images, self.labels, dict(query, oracleBatchSize=self.batch))

    def run(self):
        getattr(self, "run_" + self.kind)()

    def check(self):
        return "" if self.last is None else str(self.last)

    # The Trainer's steps: SGD (momentum 0.9, weight decay 5e-4, constant lr), one optimiser per run.
    def run_TrainingStep(self, unpairing=False):
        model, lr = self.model, self.spec["learningRate"]
        model.train()
        optimizer = torch.optim.SGD(model.parameters(), lr, momentum=0.9, weight_decay=5e-4)
        for _ in range(self.spec["operationsPerRun"]):
            start = self.next * self.batch
            x, y = self.train_images[start:start + self.batch], self.train_labels[start:start + self.batch]
            self.next = (self.next + 1) % self.batches
            for group in optimizer.param_groups:
                group["lr"] = lr
            optimizer.zero_grad()
            loss = self.unpairing_loss(x, y) if unpairing else F.cross_entropy(model(x), y)
            self.last = round(loss.item(), 4)
            loss.backward()
            optimizer.step()
        model.eval()

    def run_UnpairingStep(self):
        self.run_TrainingStep(unpairing=True)

    def unpairing_loss(self, x, y):
        """CE + λ mean cos(∇x CE(f(x), y), ∇x CE(f'(x), y)), f' differentiated through its input-gradient (double backward)."""
        x = x.detach().requires_grad_(True)
        logits = self.model.head(self.model.features(x))
        gradient = torch.autograd.grad(F.cross_entropy(logits, y, reduction="sum"), x, retain_graph=True, create_graph=True)[0]
        loss = F.cross_entropy(logits, y)
        reference = input_gradient(self.other, x, y)
        return loss + self.spec["lambda"] * per_sample_cosine(reference, gradient).mean()

    def transfer(self, steps, step_size):
        out = torch.empty_like(self.images)
        for start in range(0, self.images.shape[0], self.batch):
            origin, y = self.images[start:start + self.batch], self.labels[start:start + self.batch]
            x = origin
            for _ in range(steps):
                with torch.no_grad():
                    x = project(x + step_size * input_gradient(self.model, x, y).sign(), origin, self.eps)
            out[start:start + self.batch] = project(x, origin, self.eps)
        return out

    def run_Fgsm(self):
        self.transfer(1, self.fgsm_step)

    def run_Pgd(self):
        self.transfer(self.pgd_steps, self.step)

    def run_PriorGuidedIteration(self):
        _, fooled = self.prgf.run(seed=0)
        self.last = f"fooled {fooled}"

    def run_Similarity(self):
        metric, total = self.spec["metric"], 0.0
        for start in range(0, self.images.shape[0], self.batch):
            x, y = self.images[start:start + self.batch], self.labels[start:start + self.batch]
            if metric == "similarity_gradients":
                cos = per_sample_cosine(input_gradient(self.model, x, y), input_gradient(self.other, x, y))
            else:
                with torch.no_grad():
                    if metric == "similarity_logits":
                        cos = per_sample_cosine(self.model(x), self.other(x))
                    else:
                        cos = per_sample_cosine(self.model.features(x), self.other.features(x))
            total += cos.double().sum().item()
        self.last = round(total / self.images.shape[0], 6)

    def run_Forward(self):
        with torch.no_grad():
            torch.cat([self.model(self.images[s:s + self.batch]) for s in range(0, self.images.shape[0], self.batch)])

    def run_Evaluation(self):
        correct = 0
        with torch.no_grad():
            for s in range(0, self.images.shape[0], self.batch):
                correct += int(self.model(self.images[s:s + self.batch]).argmax(1).eq(self.labels[s:s + self.batch]).sum().item())
        self.last = 100.0 * correct / self.images.shape[0]


def measure(spec, inputs):
    workload = Workload(spec, inputs)
    for _ in range(spec["warmup"]):
        workload.run()
    wall, cpu = [], []
    for _ in range(spec["iterations"]):
        start, cpu_start = time.perf_counter_ns(), time.process_time_ns()
        workload.run()
        cpu.append((time.process_time_ns() - cpu_start) / 1e6 / spec["operationsPerRun"])
        wall.append((time.perf_counter_ns() - start) / 1e6 / spec["operationsPerRun"])
    return {"workload": spec["name"], "milliseconds": wall, "cpuMilliseconds": cpu, "check": workload.check()}


def describe(ms):
    q = statistics.quantiles(ms, n=4, method="inclusive") if len(ms) > 1 else [ms[0]] * 3
    return f"{q[1]:.1f} [{q[0]:.1f}–{q[2]:.1f}]"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--inputs", required=True, help="the folder `Repro.Benchmarks prepare` wrote")
    parser.add_argument("--workloads", default="", help="comma-separated names (default: all)")
    parser.add_argument("--serve", action="store_true", help="answer workload names from stdin with JSON lines")
    parser.add_argument("--loop", default="", help="run one workload run after run, printing each run's time (for perf)")
    parser.add_argument("--runs", type=int, default=20, help="runs of --loop")
    args = parser.parse_args()
    torch.set_num_threads(int(os.environ.get("OMP_NUM_THREADS", "1")))
    inputs = Inputs(args.inputs)
    if args.loop:
        workload, ops = Workload(inputs.workloads[args.loop], inputs), inputs.workloads[args.loop]["operationsPerRun"]
        for i in range(args.runs):
            start, cpu_start = time.perf_counter_ns(), time.process_time_ns()
            workload.run()
            print(f"run {i + 1}: {(time.perf_counter_ns() - start) / 1e6 / ops:.2f} ms, CPU {(time.process_time_ns() - cpu_start) / 1e6 / ops:.2f} ms per operation", flush=True)
        return
    banner = {"torch": torch.__version__, "threads": torch.get_num_threads(), "capability": next((l.split(":")[1].strip() for l in torch.__config__.show().splitlines() if "CPU capability" in l), "unknown"),
              "logitDifference": {k: float(f"{v:.2g}") for k, v in inputs.parity().items()}}
    if args.serve:
        print(json.dumps(banner), flush=True)
        for line in sys.stdin:
            name = line.strip()
            if not name:
                continue
            try:
                print(json.dumps(measure(inputs.workloads[name], inputs)), flush=True)
            except Exception as e:  # noqa: BLE001 - reported to the runner, which stops
                print(json.dumps({"error": f"{name}: {type(e).__name__}: {e}"}), flush=True)
        return
    print(json.dumps(banner))
    names = [n for n in args.workloads.split(",") if n] or list(inputs.workloads)
    print("| Workload | PyTorch ms, median [p25–p75] | PyTorch CPU ms |\n|---|---:|---:|")
    for name in names:
        result = measure(inputs.workloads[name], inputs)
        print(f"| {name} | {describe(result['milliseconds'])} | {describe(result['cpuMilliseconds'])} |", flush=True)


if __name__ == "__main__":
    main()
