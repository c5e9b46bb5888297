#!/usr/bin/env bash
# The side-by-side benchmark in one command: Repro (BenchmarkDotNet, in-process) and PyTorch eager (Debian's
# python3-torch) on the same workloads, weights, images and thread settings; prints, per workload, both sides'
# median and spread and the ratio Repro / PyTorch (bench/README.md). Arguments go to the runner, e.g.
#   --workloads fgsm/resnet-mini,pgd10/resnet-mini   --rounds 3   --pytorch-malloc tuned   --json results.json
# REPRO_MALLOC=default in the environment measures Repro without its allocator settings (the "before").
set -euo pipefail
cd "$(dirname "$0")/.."
python="${PYTHON:-/usr/bin/python3}"
if ! "$python" -c "import torch" 2>/dev/null; then
  echo "side-by-side: $python has no torch; on Debian: apt-get install python3-torch (PyTorch 1.13)" >&2
  exit 2
fi
dotnet build bench/Repro.Benchmarks -c Release -nologo -v quiet
exec dotnet run --project bench/Repro.Benchmarks -c Release --no-build -- side-by-side --python "$python" "$@"
