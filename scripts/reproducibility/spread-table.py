#!/usr/bin/env python3
"""Prints a profile's seed spread (baselines/<profile>/seed-spread.json) as markdown tables, one per experiment:
mean ± std over the seeds for each row and metric, and the per-seed values. For README files and closing notes."""
import json, sys

FORMATS = {"accuracy": "{:.1f}", "server_accuracy": "{:.1f}", "fooling_rate": "{:.1f}", "queries": "{:.1f}",
           "queries_success": "{:.1f}", "images_sent": "{:.0f}", "pairs": "{:.0f}"}

def fmt(metric, value):
    return FORMATS.get(metric, "{:.2f}").format(value)

spread = json.load(open(sys.argv[1], encoding="utf-8"))
only = set(sys.argv[2:])
print(f"Seeds {spread['seeds']}; " + "; ".join(f"`{r['command']}` at {r['commit'][:12]} ({r['durationSeconds'] / 60:.0f} min)" for r in spread["runs"]))
for experiment, rows in spread["experiments"].items():
    if only and experiment not in only:
        continue
    metrics = [m for m in ["accuracy", "rfr_fgsm", "rfr_pgd10", "queries", "fooling_rate", "similarity_gradients", "sparsity", "pearson_r"]
               if any(m in cells for cells in rows.values())]
    print(f"\n#### {experiment}\n")
    print("| row | " + " | ".join(metrics) + " |")
    print("|---|" + "---|" * len(metrics))
    for row, cells in rows.items():
        shown = [f"{fmt(m, cells[m]['mean'])} ± {fmt(m, cells[m]['std'])}" if m in cells else "–" for m in metrics]
        if all(s == "–" for s in shown):
            continue
        print(f"| {row} | " + " | ".join(shown) + " |")
