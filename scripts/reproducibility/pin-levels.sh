#!/usr/bin/env bash
# The pinned kernel path on emulated processors: for every instruction-set level from this host's best down to
# the lowest, caps libtorch, oneDNN and MKL at that level (as an older processor would be) and prints the
# fingerprint of a profile's first steps (server training, its 8-bit sibling, FGSM and PGD-10 evaluated on the
# server) with a fresh cache. Levels at or above the pin (avx2) must give the pin's hashes; lower levels cannot
# run the pin and say so. "unpinned" rows run without the pin, for contrast.
#   scripts/reproducibility/pin-levels.sh [profile]      (default mini: about 2 minutes per level on 2 cores)
set -uo pipefail
cd "$(dirname "$0")/../.."
profile=${1:-mini}
repro=src/Repro/bin/Release/net10.0/repro
[ -x "$repro" ] || dotnet build src/Repro -c Release -nologo -v quiet >/dev/null || exit 1
work=$(mktemp -d /tmp/pin-levels-XXXX)
flags=$(grep -m1 '^flags' /proc/cpuinfo)
levels=()
if [[ $flags == *avx512f* && $flags == *avx512bw* && $flags == *avx512vl* && $flags == *avx512dq* ]]; then levels+=(avx512); fi
if [[ $flags == *" avx2"* && $flags == *" fma"* ]]; then levels+=(avx2); fi
if [[ $flags == *" avx"* ]]; then levels+=(avx); fi
levels+=(sse41)
caps() { case $1 in
  avx512) echo "ATEN_CPU_CAPABILITY=avx512 ONEDNN_MAX_CPU_ISA=AVX512_CORE MKL_ENABLE_INSTRUCTIONS=AVX512";;
  avx2)   echo "ATEN_CPU_CAPABILITY=avx2 ONEDNN_MAX_CPU_ISA=AVX2 MKL_ENABLE_INSTRUCTIONS=AVX2";;
  avx)    echo "ATEN_CPU_CAPABILITY=default ONEDNN_MAX_CPU_ISA=AVX MKL_ENABLE_INSTRUCTIONS=AVX";;
  sse41)  echo "ATEN_CPU_CAPABILITY=default ONEDNN_MAX_CPU_ISA=SSE41 MKL_ENABLE_INSTRUCTIONS=SSE4_2";;
esac; }
printf '%-28s %-34s %-16s %-16s %-16s %-16s %s\n' "emulated processor" "kernels" "server" "8-bit" "FGSM" "PGD-10" "seconds"
for mode in pinned unpinned; do
  for level in "${levels[@]}"; do
    extra=""; [ "$mode" = unpinned ] && extra="REPRO_CPU_KERNELS=native"
    start=$(date +%s)
    out=$(env $(caps "$level") $extra "$repro" fingerprint --profile "$profile" --cache "$work/$mode-$level" 2>&1 | grep -v '^\[')
    h() { printf '%s' "$out" | grep -m1 "^$1" | awk '{print substr($NF,1,16)}'; }
    kernels=$(printf '%s' "$out" | grep -m1 -o 'kernels [^;]*' | sed 's/^kernels //')
    printf '%-28s %-34s %-16s %-16s %-16s %-16s %s\n' "$level ($mode)" "${kernels:0:34}" "$(h 'server weights')" "$(h '8-bit weights')" "$(h 'FGSM examples')" "$(h 'PGD-10 examples')" "$(( $(date +%s) - start ))"
  done
done
