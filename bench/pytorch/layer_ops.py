#!/usr/bin/python3
"""The PyTorch side of `Repro.Benchmarks layer-ops` (LayerOperations.cs): the same convolutions, one at a time,
forward and forward + backward, CPU milliseconds per call (median). Arguments: shapes (JSON), batch, warm-up, calls;
prints [[forward, backward], ...] as JSON, in the order of the shapes."""

import json
import os
import statistics
import sys
import time

import torch
import torch.nn as nn


def median(call, warmup, calls):
    for _ in range(warmup):
        call()
    times = []
    for _ in range(calls):
        t = time.process_time_ns()
        call()
        times.append((time.process_time_ns() - t) / 1e6)
    return statistics.median(times)


def main():
    shapes, batch, warmup, calls = json.loads(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    torch.set_num_threads(int(os.environ.get("OMP_NUM_THREADS", "1")))
    results = []
    for s in shapes:
        torch.manual_seed(0)
        conv = nn.Conv2d(s["InChannels"], s["OutChannels"], s["Kernel"], stride=s["Stride"], padding=s["Kernel"] // 2, groups=s["Groups"], bias=False)
        x = torch.randn(batch, s["InChannels"], s["Side"], s["Side"]).requires_grad_(True)

        def forward():
            with torch.no_grad():
                conv(x)

        results.append([median(forward, warmup, calls), median(lambda: conv(x).sum().backward(), warmup, calls)])
    print(json.dumps(results))


if __name__ == "__main__":
    main()
