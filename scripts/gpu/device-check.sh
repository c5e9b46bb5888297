#!/usr/bin/env bash
# The first thing to run on a GPU machine (issue 11, item 5): does TorchSharp load there against the machine's own
# CUDA libtorch (a Python install's torch/lib: the machine has no .NET SDK and no NuGet), does the device compute what
# the CPU does, and how long would the fast profile's Table I CIFAR-10 rows take there.
#
#   scripts/gpu/device-check.sh prepare    here (a machine with the .NET SDK): writes .gpu/bundle.tar.xz, the Release
#                                          build without libtorch's natives plus the .NET runtime it needs (< 48 MiB)
#   scripts/gpu/device-check.sh            on the GPU machine (device tool: carry [".gpu/bundle.tar.xz"]); prints and,
#                                          when $OUT is set, writes $OUT/device-check.txt
#
# Run mode reads: REPRO_TORCH_LIB (default: python3's torch/lib), DEVICE_CHECK_ARGS (default: --profile fast
# --require-cuda), DEVICE_CHECK_TIMEOUT (seconds, default 420). Exit: repro's exit code (1: no usable libtorch or no CUDA).
set -uo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
bundle="$root/.gpu/bundle.tar.xz"

prepare() {
    set -e
    local app="$root/src/Repro/bin/Release/net10.0"
    nice -n 15 dotnet build "$root/src/Repro" -c Release -nologo -v quiet
    stage="$(mktemp -d)"  # global: the EXIT trap runs after this function returns
    trap 'rm -rf "$stage"' EXIT
    mkdir -p "$stage/app/runtimes/linux-x64/native" "$stage/dotnet/shared/Microsoft.NETCore.App"
    # Managed files only, then the natives that are not libtorch: TorchSharp must find no libtorch of its own in its
    # folder, or it loads a second copy beside REPRO_TORCH_LIB's (src/Repro/Runtime/TorchLibraryPreload.cs).
    tar -C "$app" --exclude=./runtimes -cf - . | tar -C "$stage/app" -xf -
    for lib in libLibTorchSharp.so libe_sqlite3.so libSkiaSharp.so libHarfBuzzSharp.so; do
        [ -f "$app/runtimes/linux-x64/native/$lib" ] && cp "$app/runtimes/linux-x64/native/$lib" "$stage/app/runtimes/linux-x64/native/"
    done
    # The shared runtime repro.runtimeconfig.json names, with the host that starts it.
    local dotnet_root version
    dotnet_root="$(dirname "$(readlink -f "$(command -v dotnet)")")"
    version="$(dotnet --list-runtimes | awk '$1 == "Microsoft.NETCore.App" && $2 ~ /^10\./ { v = $2 } END { print v }')"
    [ -n "$version" ] || { echo "device-check.sh: no Microsoft.NETCore.App 10.x runtime here" >&2; exit 2; }
    cp "$dotnet_root/dotnet" "$stage/dotnet/"
    cp -r "$dotnet_root/host" "$stage/dotnet/"
    cp -r "$dotnet_root/shared/Microsoft.NETCore.App/$version" "$stage/dotnet/shared/Microsoft.NETCore.App/"
    git -C "$root" rev-parse --short HEAD > "$stage/app/COMMIT" 2>/dev/null || true
    mkdir -p "$(dirname "$bundle")"
    tar -C "$stage" -cf - app dotnet | xz -T1 -6 > "$bundle.tmp"
    mv "$bundle.tmp" "$bundle"
    local bytes; bytes=$(stat -c %s "$bundle")
    echo "wrote $bundle: $((bytes / 1048576)) MiB (.NET $version, commit $(cat "$stage/app/COMMIT" 2>/dev/null))"
    [ "$bytes" -lt $((48 * 1048576)) ] || { echo "device-check.sh: the bundle is over 48 MiB; the device tool carries 64 MiB with the tree" >&2; exit 2; }
}

run() {
    [ -f "$bundle" ] || { echo "device-check.sh: $bundle is missing: run 'scripts/gpu/device-check.sh prepare' where the .NET SDK is, and carry it" >&2; exit 2; }
    echo "== machine"
    uname -srm
    ldd --version 2>&1 | head -1
    grep -qa 'GLIBCXX_3\.4\.32' "$(ldconfig -p 2>/dev/null | awk '/libstdc\+\+\.so\.6 / { print $NF; exit }')" 2>/dev/null \
        && echo "libstdc++ has GLIBCXX_3.4.32" || echo "libstdc++ lacks GLIBCXX_3.4.32 (the build's libLibTorchSharp.so marks it weak: ENVIRONMENT.md)"
    if command -v nvidia-smi > /dev/null; then nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader; else echo "no nvidia-smi"; fi

    echo "== python's torch"
    local torch_lib="${REPRO_TORCH_LIB:-}" nvidia_libs=""
    if command -v python3 > /dev/null; then
        python3 - <<'PY' 2>&1 || true
import torch
print(f"torch {torch.__version__}, CUDA {torch.version.cuda}, cuDNN {torch.backends.cudnn.version()}, "
      f"cuda.is_available {torch.cuda.is_available()}, C++11 ABI {torch.compiled_with_cxx11_abi()}")
PY
        [ -n "$torch_lib" ] || torch_lib="$(python3 -c 'import os, torch; print(os.path.join(os.path.dirname(torch.__file__), "lib"))' 2>/dev/null)"
        # The CUDA runtime, cuBLAS and cuDNN of pip's torch live in site-packages/nvidia/*/lib.
        nvidia_libs="$(python3 -c 'import glob, os, torch; print(":".join(sorted(glob.glob(os.path.join(os.path.dirname(os.path.dirname(torch.__file__)), "nvidia", "*", "lib")))))' 2>/dev/null)"
    fi
    [ -n "$torch_lib" ] || { echo "device-check.sh: no REPRO_TORCH_LIB and no python3 torch to take it from" >&2; exit 2; }
    echo "REPRO_TORCH_LIB=$torch_lib"

    work="$(mktemp -d)"  # global: the EXIT trap runs after this function returns
    trap 'rm -rf "$work"' EXIT
    xz -dc "$bundle" | tar -C "$work" -xf -
    echo "bundle: commit $(cat "$work/app/COMMIT" 2>/dev/null), .NET $(ls "$work/dotnet/shared/Microsoft.NETCore.App")"
    export LD_LIBRARY_PATH="$torch_lib${nvidia_libs:+:$nvidia_libs}${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"

    echo "== libLibTorchSharp.so (TorchSharp 0.107, built for libtorch 2.10) against $torch_lib"
    local sharp="$work/app/runtimes/linux-x64/native/libLibTorchSharp.so" report
    report="$(ldd -r "$sharp" 2>&1)"
    echo "$report" | grep -E 'libtorch|libc10|not found' || true
    local undefined; undefined="$(echo "$report" | grep -c 'undefined symbol')"
    echo "undefined symbols: $undefined"
    echo "$report" | grep 'undefined symbol' | sed -E 's/^undefined symbol: ([^ ]+).*/\1/' | head -20 | (command -v c++filt > /dev/null && c++filt || cat) | sed 's/^/  /'

    echo "== repro device-check"
    local args="${DEVICE_CHECK_ARGS:---profile fast --require-cuda}"
    # ICU may be absent there; Repro formats with the invariant culture throughout.
    (cd "$root" && DOTNET_ROOT="$work/dotnet" DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 REPRO_TORCH_LIB="$torch_lib" \
        timeout "${DEVICE_CHECK_TIMEOUT:-420}" "$work/dotnet/dotnet" "$work/app/repro.dll" device-check $args --baselines "$root/baselines")
    local rc=$?
    echo "== device-check exit code: $rc"
    return $rc
}

case "${1:-run}" in
    prepare) prepare ;;
    run)
        if [ -n "${OUT:-}" ]; then
            mkdir -p "$OUT"
            run 2>&1 | tee "$OUT/device-check.txt"
            exit "${PIPESTATUS[0]}"
        fi
        run ;;
    *) echo "usage: scripts/gpu/device-check.sh [prepare|run]" >&2; exit 2 ;;
esac
