#!/usr/bin/env bash
# The README's two commands as a new user meets them: a fresh clone, an empty NuGet package folder and an empty
# artifact cache; each command timed cold, then once more warm. Prints one line per command with its wall time.
#   scripts/reproducibility/fresh-clone.sh [REPO] [WORKDIR]     (default: this repository, a new folder under /tmp)
set -uo pipefail
repo=${1:-$(cd "$(dirname "$0")/../.." && pwd)}
work=${2:-$(mktemp -d /tmp/fresh-clone-XXXX)}
git clone -q "$repo" "$work/clone" || exit 1
cd "$work/clone" || exit 1
export NUGET_PACKAGES="$work/nuget" NUGET_HTTP_CACHE_PATH="$work/nuget-http" XDG_CACHE_HOME="$work/cache" DOTNET_CLI_TELEMETRY_OPTOUT=1
timed() {
  local label=$1; shift
  local start=$(date +%s.%N)
  "$@" >"$work/$label.log" 2>&1; local rc=$?
  printf '%-34s %8.1f s  exit %d  (log: %s)\n' "$label" "$(echo "$(date +%s.%N) - $start" | bc)" "$rc" "$work/$label.log"
}
timed build dotnet build Repro.sln -c Release -nologo -v quiet
timed main-job-cold dotnet run --project src/Repro -c Release -- reproduce --profile mini
timed main-job-warm dotnet run --project src/Repro -c Release -- reproduce --profile mini
# The test command on its own empty cache, so that it is cold too (.ci/run runs the README's test command).
export XDG_CACHE_HOME="$work/cache-tests"
timed test-run-cold .ci/run
timed test-run-warm .ci/run
tail -n 1 "$work/test-run-cold.log" "$work/test-run-warm.log"
