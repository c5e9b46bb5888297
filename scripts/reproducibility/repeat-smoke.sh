#!/usr/bin/env bash
# Runs the smoke profile cold N times in a row (fresh cache and reports each time) under the environment given
# after "--" (e.g. ATEN_CPU_CAPABILITY=avx2 ... to emulate an AVX2 processor), and prints one digest of the
# measured numbers per run: every run must succeed and all digests must be equal.
#   scripts/reproducibility/repeat-smoke.sh 10                       # the host as it is
#   scripts/reproducibility/repeat-smoke.sh 10 -- ONEDNN_MAX_CPU_ISA=AVX2 ATEN_CPU_CAPABILITY=avx2 MKL_ENABLE_INSTRUCTIONS=AVX2
set -uo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-10}; shift || true
[ "${1:-}" = "--" ] && shift
repro=src/Repro/bin/Release/net10.0/repro
[ -x "$repro" ] || dotnet build src/Repro -c Release -nologo -v quiet >/dev/null || exit 1
work=$(mktemp -d /tmp/repeat-smoke-XXXX)
digests=()
for i in $(seq 1 "$runs"); do
  start=$(date +%s)
  if ! env "$@" "$repro" reproduce --profile smoke --cache "$work/cache-$i" --reports "$work/reports-$i" >"$work/log-$i" 2>&1; then
    echo "run $i FAILED (log: $work/log-$i)"; tail -5 "$work/log-$i"; exit 1
  fi
  digest=$(python3 scripts/reproducibility/results-digest.py "$work/reports-$i/results.json")
  echo "run $i: $digest ($(( $(date +%s) - start )) s; $(grep -m1 -o 'kernels [^;]*' "$work/log-$i" || true))"
  digests+=("${digest%% *}")
done
if [ "$(printf '%s\n' "${digests[@]}" | sort -u | wc -l)" -eq 1 ]; then echo "all $runs runs identical: ${digests[0]}"; else echo "runs DIFFER"; exit 1; fi
