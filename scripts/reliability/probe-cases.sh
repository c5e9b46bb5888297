#!/usr/bin/env bash
# Reruns the hostile-user cases of the reliability issue against the built CLI and writes one table row per case:
# what was done, the exit code, and Repro's message (its first 'repro:' line, else the first line printed) (paths of the scratch folder shown as $W).
#   scripts/reliability/probe-cases.sh [out=docs/reliability/cases.md]
# Needs: a Release build, python3, chattr (for the read-only folder case), curl. Takes about 3 minutes (one case waits
# out the ledger's 60 s lock timeout).
set -u
cd "$(dirname "$0")/../.."
out=${1:-docs/reliability/cases.md}
repro=$PWD/src/Repro/bin/Release/net10.0/repro
fixtures=$PWD/tests/Unit/bin/Release/net10.0/ForeignModels
[ -x "$repro" ] && [ -d "$fixtures" ] || { echo "build first: dotnet build Repro.sln -c Release" >&2; exit 1; }
W=$(mktemp -d /tmp/repro-probe-XXXX)
trap 'chattr -i "$W/ro" 2>/dev/null; rm -rf "$W"' EXIT
rows=()

# What a row may show of this machine: the scratch folder as $W, the home folder as ~, an interpreter by its name only.
shown() { sed -E "s|$W|\$W|g; s#(/[^ /:;()']+)+/(python3[.0-9]*)#\2#g; s|$HOME|~|g; s/\|/\\\\|/g" | cut -c1-"${1:-240}"; }

# case "<description>" <command...>: runs it with a 120 s limit, records exit code and the first non-empty line of output.
case_() {
  local what=$1; shift
  local log="$W/last.log"
  if [ "$(type -t "$1")" = function ]; then ( cd "$W" && "$@" ) >"$log" 2>&1; else ( cd "$W" && timeout 120 "$@" ) >"$log" 2>&1; fi
  local rc=$?
  local line
  # Repro's own message line when there is one (a run prints its progress first), else the first line.
  line=$( { grep -m1 '^repro: ' "$log" || grep -v '^\s*$' "$log" | head -n1; } | shown)
  rows+=("| $what | $rc | ${line:-(nothing printed)} |")
}

cp -r baselines "$W/baselines"   # smoke writes received snapshots: they stay out of the repository
# A cache artifact to export and serve: the smallest model a smoke run trains.
"$repro" reproduce --profile smoke -e Table07_UnpairingPruning --cache "$W/cache" --reports "$W/smoke-reports" --baselines "$W/baselines" >/dev/null 2>&1
artifact=$(dirname "$(find "$W/cache" -name model.bin | head -n1)")
cp "$fixtures/tiny.pt" "$fixtures/tiny.json" "$W/"

# Files a user owns are never written over.
echo '{"my":"notes"}' > "$W/notes.json"
case_ "export --out notes.json (a user's JSON file)" "$repro" export --model "$artifact" --out notes.json
case_ "notes.json afterwards" cat notes.json
(cd "$W" && "$repro" export --model "$artifact" --out x.safetensors >/dev/null 2>&1)
case_ "export over an existing x.safetensors without --force" "$repro" export --model "$artifact" --out x.safetensors
echo '{"mine":1}' > "$W/y.json"
case_ "export --force next to a y.json that is not Repro's" "$repro" export --model "$artifact" --out y.safetensors --force
mkdir -p "$W/foreign"
python3 -c "import sqlite3; c=sqlite3.connect('$W/foreign/ledger.db'); c.execute('create table songs(title text)'); c.commit()"
case_ "report whose ledger.db is another program's SQLite file" "$repro" report --reports foreign
case_ "the foreign file's tables afterwards" python3 -c "import sqlite3; print([r[0] for r in sqlite3.connect('$W/foreign/ledger.db').execute('select name from sqlite_master')])"

# Damage is caught before it is trusted.
cp -r "$artifact" "$W/damaged"
python3 -c "p='$W/damaged/model.bin'; b=bytearray(open(p,'rb').read()); b[len(b)//2]^=1; open(p,'wb').write(b)"
case_ "export of a cache model.bin with one flipped byte" "$repro" export --model damaged --out d.safetensors
case_ "serve of the same damaged artifact" "$repro" serve --model damaged --port 0
(cd "$W" && "$repro" audit --server "$fixtures/mini-server.pt" --on-device tiny.pt --samples 16 --query-samples 2 --similarity-samples 16 --budget 20 --out audit >/dev/null 2>&1)
edited=$(ls "$W"/audit/checkpoints/*/transfer.json 2>/dev/null | head -n1)
[ -n "$edited" ] && python3 -c "p='$edited'; s=open(p).read(); open(p,'w').write(s.replace('0.','0.9',1))"
(cd "$W" && "$repro" audit --server "$fixtures/mini-server.pt" --on-device tiny.pt --samples 16 --query-samples 2 --similarity-samples 16 --budget 20 --out audit > "$W/audit2.log" 2>&1); rc=$?
rows+=("| audit rerun after its transfer checkpoint was edited (the line about it) | $rc | $(grep -m1 -i checkpoint "$W/audit2.log" | shown) |")
case_ "non-UTF-8 --cache name" "$repro" reproduce --profile smoke -e Table07_UnpairingPruning --cache "$(printf 'c\xff')"
for v in abc 0 -4; do
  case_ "OMP_NUM_THREADS=$v" env OMP_NUM_THREADS=$v "$repro" reproduce --profile smoke -e Table07_UnpairingPruning --cache cache --reports r --baselines "$W/baselines"
done
case_ "--workers abc" "$repro" reproduce --profile smoke --workers abc
case_ "--workers 99999999999" "$repro" reproduce --profile smoke --workers 99999999999

# A cache whose kind folder is a file; a verified snapshot that names another experiment (refused before any training).
mkdir -p "$W/kindcache/artifacts/cpu-avx2-t1" && touch "$W/kindcache/artifacts/cpu-avx2-t1/model"
case_ "reproduce with a file where the cache keeps its models" "$repro" reproduce --profile smoke -e Table07_UnpairingPruning --cache kindcache --reports kr --baselines "$W/baselines"
cp -r "$W/baselines" "$W/otherbase"
python3 -c "import json; p='$W/otherbase/mini/Table07_UnpairingPruning.verified.json'; d=json.load(open(p)); d['experiment']='Table06_UnpairingQuantization'; json.dump(d, open(p,'w'))"
start=$(date +%s)
case_ "reproduce whose verified snapshot names another experiment" "$repro" reproduce --profile mini -e Table07_UnpairingPruning --cache emptycache --reports orr --baselines otherbase
rows+=("| seconds until that refusal (nothing trained) | - | $(( $(date +%s) - start )) |")

# Ledgers that are not plain files, or are held by another process.
mkdir -p "$W/zero" "$W/loop" "$W/fifo" "$W/locked" "$W/ro"
ln -s /dev/zero "$W/zero/ledger.db"
ln -s "$W/loop/ledger.db" "$W/loop/ledger.db"
mkfifo "$W/fifo/ledger.db"
case_ "ledger linked to /dev/zero" "$repro" report --reports zero
case_ "ledger that is a symlink loop" "$repro" report --reports loop
case_ "ledger that is a FIFO" "$repro" report --reports fifo
chattr +i "$W/ro" && case_ "report into a read-only (immutable) folder" "$repro" report --reports ro; chattr -i "$W/ro"
mkdir -p "$W/locked"; cp "$W/smoke-reports/ledger.db" "$W/locked/ledger.db"
python3 -c "import sqlite3,time; c=sqlite3.connect('$W/locked/ledger.db', isolation_level=None); c.execute('begin exclusive'); time.sleep(90)" &
holder=$!; sleep 1
case_ "report while another process holds the ledger locked" "$repro" report --reports locked --baselines "$W/baselines"
rows+=("| ... and its last line, after the 60 s wait | - | $(grep '^repro: ' "$W/last.log" | tail -n1 | shown) |")
kill $holder 2>/dev/null
case_ "ledger merge of a damaged ledger into a new target" "$repro" ledger merge notes.json --into merged.db
case_ "the merge target afterwards" ls merged.db

# Paths and names that are wrong in kind.
case_ "audit --out an existing file" "$repro" audit --server "$fixtures/mini-server.pt" --on-device tiny.pt --out notes.json
for c in airplane automobile bird cat deer dog frog horse ship truck; do
  mkdir -p "$W/png/test/$c"
done
python3 - "$W/png/test" <<'PY'
import sys, zlib, struct, os
def png(w, h):   # a valid w x h gray PNG, written without any imaging library
    chunk = lambda t, d: struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d))
    raw = b''.join(b'\0' + bytes(w) for _ in range(h))
    return b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 0, 0, 0, 0)) + chunk(b'IDAT', zlib.compress(raw)) + chunk(b'IEND', b'')
for c in os.listdir(sys.argv[1]):
    open(os.path.join(sys.argv[1], c, 'ok.png'), 'wb').write(png(32, 32))
PY
printf '\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x20' > "$W/png/test/cat/broken.png"
case_ "audit on a folder holding a truncated PNG" "$repro" audit --server "$fixtures/mini-server.pt" --on-device tiny.pt --data png
case_ "plan export --shared with a command substitution" "$repro" plan export --profile smoke --out plan --shared '/sh"$(touch PWNED)"'
case_ "plan export --shared with a quote-free safe path" "$repro" plan export --profile smoke --out plan2 --shared /shared/repro
case_ "PWNED created by anything above?" ls PWNED

# repro serve, driven with curl.
"$repro" serve --model "$fixtures/mini-server.pt" --port 18181 --query-limit 40 --host 127.0.0.1 >"$W/serve.log" 2>&1 &
server=$!; for _ in $(seq 30); do curl -s localhost:18181/v2/health/ready >/dev/null && break; sleep 0.5; done
url=http://127.0.0.1:18181/v2/models/mini-server
post() { curl -s -o "$W/body" -w '%{http_code}' -X POST "$url/infer" -H 'Content-Type: application/json' "$@"; echo " $(head -c 200 "$W/body")"; }
valid='{"name":"input","shape":[1,3,32,32],"datatype":"FP32","data":['"$(python3 -c "print(','.join(['0.5']*3072))")"']}'
for body in '{"inputs":[{"shape":[1,3,32,32],"datatype":"FP32","data":[0]}]}' '{"inputs":[1]}' '{"inputs":[{"name":5}]}' \
            '{"inputs":[{"name":"input","shape":[0,3,32,32],"datatype":"FP32","data":[]}]}' "{\"inputs\":[$valid],\"outputs\":[{\"name\":5}]}" "{\"inputs\":[$valid],\"outputs\":[1]}"; do
  case_ "serve: POST ${body//"$valid"/<one valid image>}" post --data "$body"
done
head -c 60000000 /dev/zero | tr '\0' '1' > "$W/big.json"
case_ "serve: a 60 MB body" post --data-binary @"$W/big.json"
case_ "serve: an unknown model's 404" curl -s "http://127.0.0.1:18181/v2/models/nope"
kill $server; wait $server 2>/dev/null
"$repro" serve --model "$fixtures/mini-server.pt" --port 18182 --host 0.0.0.0 >"$W/serve0.log" 2>&1 &
server=$!; sleep 4; kill $server; wait $server 2>/dev/null
case_ "serve --host 0.0.0.0 without API keys (its warning)" grep -i -m1 "warning" serve0.log

# Signals end a run with a record of its end (job control on, so the background run does not start with SIGINT ignored).
set -m
for signal in INT TERM; do
  # A script started in the background inherits SIGINT ignored, and no child can undo that: say so instead of waiting out a run.
  if [ $signal = INT ] && (( 0x$(awk '/^SigIgn:/ {print $2}' /proc/$$/status) & 2 )); then
    rows+=("| reproduce sent SIGINT | - | not tried: this script was started with SIGINT ignored (in the background); run it in a terminal |"); continue
  fi
  "$repro" reproduce --profile mini -e Table01_OnDevicePriors --cache "$W/sig$signal" --reports "$W/sig$signal-reports" --baselines "$W/baselines" >"$W/sig.log" 2>&1 &
  run=$!; sleep 20; kill -$signal $run; wait $run; rc=$?
  rows+=("| reproduce (mini, cold) sent SIG$signal after 20 s | $rc | $(grep -v '^\s*$' "$W/sig.log" | tail -n1 | shown 200) |")
  case_ "the ledger's last run end after SIG$signal (recorded, exit code)" python3 -c "import sqlite3; print(list(sqlite3.connect('$W/sig$signal-reports/ledger.db').execute('select finished_utc is not null, exit_code from run_ends order by id desc limit 1')))"
  case_ "temporary files left in that cache" sh -c "find sig$signal -name '*.tmp*' -o -name '*.building*' | wc -l"
  case_ "epoch checkpoints kept there for the resume (model-*.partial/epoch-N.*)" sh -c "find sig$signal -path '*.partial/epoch-*.model' | wc -l"
done
set +m

{
  echo "# The reliability issue's cases, rerun"
  echo
  echo "Written by \`scripts/reliability/probe-cases.sh\` on $(date -u +%F) at commit $(git rev-parse --short HEAD) ($(nproc) cores)."
  echo 'Exit codes (README, "Reliability"): 0 success, 1 a check answered no, 2 bad input, 3 bad baseline, 4 corrupt cache or ledger, 5 permission, 6 no space, 7 measurement failed, 8 remote server, 9 busy, 70 internal error (a bug), 130/143 ended by SIGINT/SIGTERM. A row whose command is not repro (cat, ls, python3) shows what was left on disk.'
  echo
  echo '| Case | Exit | Message (the first `repro:` line, else the first line) |'
  echo "|---|---|---|"
  printf '%s\n' "${rows[@]}"
} > "$out"
echo "wrote $out (${#rows[@]} cases)"
