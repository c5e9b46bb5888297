#!/usr/bin/env bash
# The scale study of the design card's example (Table III, input-gradient unpairing at λ = 1): Table III at every
# scale-N profile, one after another, on the complete CIFAR-10. Resumable: the cache keeps every trained model and
# finished evaluation, and a scale that ended is skipped. One line per scale in <out>/times.log.
#   scripts/scale-study/run.sh DATA_DIR [out=scale-study-runs] [scales="scale-1 scale-2 scale-3 scale-4"]
# Then, per scale: repro accept Table03_UnpairingSingleObjective --profile scale-N --baselines <out>/baselines, and copy
# <out>/baselines/scale-N/ into the repository's baselines/.
set -u
cd "$(dirname "$0")/../.."
data=${1:?the complete CIFAR-10 folder (DIR/train/<class>/, DIR/test/<class>/)}
out=${2:-scale-study-runs}; scales=${3:-scale-1 scale-2 scale-3 scale-4}
repro=${REPRO:-$PWD/src/Repro/bin/Release/net10.0/repro}
mkdir -p "$out/done" "$out/logs"
[ -d "$out/baselines" ] || cp -r baselines "$out/baselines"
for scale in $scales; do
  [ -f "$out/done/$scale" ] && continue
  start=$(date +%s)
  echo "$(date -u +%FT%TZ) start $scale" >> "$out/times.log"
  "$repro" reproduce --profile "$scale" -e Table03_UnpairingSingleObjective --data "$data" --workers 1 \
    --baselines "$out/baselines" --reports "$out/reports/$scale" > "$out/logs/$scale.log" 2>&1
  rc=$?
  echo "$(date -u +%FT%TZ) end $scale rc=$rc seconds=$(( $(date +%s) - start ))" >> "$out/times.log"
  # 0: every claim held; 1: measured, some claim did not (the study's point); 3: measured, no verified snapshot yet.
  [ $rc -le 1 -o $rc -eq 3 ] && touch "$out/done/$scale"
done
cat "$out/times.log"
