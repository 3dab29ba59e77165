#!/usr/bin/env python3
"""Prints the lookup benchmark as markdown tables: median ns per lookup (criterion's
median of a batch of 8192, divided by 8192) and from_code's speed-up over each method.

Run after `cargo bench -p obs-codes --bench lookup`; reads target/criterion/."""
import json
import pathlib
import sys

BATCH = 8192
root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "target/criterion")
for group in ("lookup-107", "lookup-10000"):
    base = root / group
    if not base.is_dir():
        continue
    rows = {}
    for estimates in sorted(base.glob("*/*/new/estimates.json")):
        method, mix = estimates.parts[-4], estimates.parts[-3]
        median = json.loads(estimates.read_text())["median"]["point_estimate"]
        rows.setdefault(method, {})[mix] = median / BATCH
    mixes = ("hits", "misses", "mix80")
    ours = rows.get("obs-codes from_code", {})
    print(f"\n{group} (ns per lookup, median; x = how many times faster from_code is)\n")
    print("| method | " + " | ".join(mixes) + " |")
    print("|---|" + "---:|" * len(mixes))
    order = sorted(rows, key=lambda m: (m != "obs-codes from_code", rows[m].get("mix80", 1e9)))
    for method in order:
        cells = []
        for mix in mixes:
            ns = rows[method].get(mix)
            if ns is None:
                cells.append("")
            elif method == "obs-codes from_code" or mix not in ours:
                cells.append(f"{ns:.2f}")
            else:
                cells.append(f"{ns:.2f} ({ns / ours[mix]:.1f}x)")
        print(f"| {method.replace('_', ' ') if False else method} | " + " | ".join(cells) + " |")
