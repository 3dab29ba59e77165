#!/usr/bin/env python3
"""Prints the lookup benchmark as markdown tables: median ns per lookup (criterion's
median of a batch of 8192, divided by 8192) and from_code's speed-up over each method,
then from_code's 10,000-code time against its bundled-table time.

Run after `cargo bench -p obs-codes --bench lookup`; reads target/criterion/."""
import json
import pathlib
import sys

BATCH = 8192
OURS = "obs-codes from_code"
LOOP = "loop alone"
MIXES = ("hits", "misses", "mix80")
root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "target/criterion")
ours_by_group = {}
for group in ("lookup-bundled", "lookup-10000"):
    base = root / group
    if not base.is_dir():
        continue
    rows = {}
    for estimates in sorted(base.glob("*/*/new/estimates.json")):
        method, mix = estimates.parts[-4], estimates.parts[-3]
        median = json.loads(estimates.read_text())["median"]["point_estimate"]
        rows.setdefault(method, {})[mix] = median / BATCH
    ours = rows.get(OURS, {})
    ours_by_group[group] = ours
    print(f"\n{group} (ns per lookup, median; x = how many times faster from_code is)\n")
    print("| method | " + " | ".join(MIXES) + " |")
    print("|---|" + "---:|" * len(MIXES))
    order = sorted(rows, key=lambda m: (m != OURS, m != LOOP, rows[m].get("mix80", 1e9)))
    for method in order:
        cells = []
        for mix in MIXES:
            ns = rows[method].get(mix)
            if ns is None:
                cells.append("")
            elif method in (OURS, LOOP) or mix not in ours:
                cells.append(f"{ns:.2f}")
            else:
                cells.append(f"{ns:.2f} ({ns / ours[mix]:.1f}x)")
        # criterion writes `::` in a benchmark id as `__`.
        print(f"| {method.replace('__', '::')} | " + " | ".join(cells) + " |")

small, large = ours_by_group.get("lookup-bundled"), ours_by_group.get("lookup-10000")
if small and large:
    ratios = ", ".join(f"{mix} {large[mix] / small[mix]:.2f}x" for mix in MIXES if mix in small and mix in large)
    print(f"\nfrom_code at 10,000 codes / on the bundled table: {ratios}")
