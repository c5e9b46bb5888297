#!/usr/bin/env python3
"""Digest of the measured numbers in a results.json (every experiment, row, metric and per-seed value),
leaving out what differs between identical runs by design (timings, dates, paths). Equal digests mean the
runs measured the same numbers, bit for bit as JSON prints them (shortest round-trip doubles)."""
import hashlib, json, sys

def numbers(results):
    for result in sorted(results, key=lambda r: (r["experiment"], r["profile"])):
        for row in result["rows"]:
            for metric, value in sorted(row["metrics"].items()):
                yield f'{result["experiment"]}|{result["profile"]}|{row["id"]}|{metric}|{value["perSeed"]}'

with open(sys.argv[1], encoding="utf-8") as f:
    document = json.load(f)
results = document["results"] if isinstance(document, dict) else document
lines = list(numbers(results))
print(hashlib.sha256("\n".join(lines).encode()).hexdigest()[:16], len(lines))
