#!/usr/bin/env bash
# Cold `repro reproduce --profile smoke` runs under the GC stress mode (REPRO_GC_STRESS=1: collections and finalizers
# forced continuously), each with an empty cache; one line per run in <out>/runs.log. Resumable: finished runs are skipped.
#   scripts/reliability/gc-stress-smoke.sh [runs=20] [out=stress-runs]
set -u
cd "$(dirname "$0")/../.."
runs=${1:-20}; out=${2:-stress-runs}
mkdir -p "$out"
dotnet build src/Repro -c Release -nologo -v quiet >/dev/null || exit 1
repro=src/Repro/bin/Release/net10.0/repro
for i in $(seq 1 "$runs"); do
  [ -f "$out/done-$i" ] && continue
  cache=$(mktemp -d "$out/cache-XXXX")
  cp -r baselines "$cache/baselines"   # smoke has no verified snapshots: its received ones stay out of the repository
  start=$(date +%s)
  REPRO_GC_STRESS=1 "$repro" reproduce --profile smoke --cache "$cache" --reports "$cache/reports" --baselines "$cache/baselines" > "$out/run-$i.log" 2>&1
  rc=$?
  echo "run $i rc=$rc seconds=$(( $(date +%s) - start )) internal=$(grep -c 'internal error' "$out/run-$i.log") scalar=$(grep -c 'toFloat\|toDouble\|Expected false to be true' "$out/run-$i.log")" >> "$out/runs.log"
  rm -rf "$cache"; touch "$out/done-$i"
done
cat "$out/runs.log"
