#!/usr/bin/env bash
# How long a fresh build of a crate that calls `obs_errors!()` takes (every dependency
# compiled, as on a new machine), and what the generator and syn take inside it, for this
# checkout and for another commit, interleaved round by round so that a host that slows
# down slows both alike.
#
#   scripts/fresh-build.sh OTHER_REV [RUNS]     # RUNS=5 by default
#
# Each round builds one consumer per checkout from nothing with `cargo build --timings`:
# a library crate with `obs_codes_macro::obs_errors!();`, depending on `obs-codes-macro`
# by path (so `obs-codes-gen` is built without `format`, as every macro user builds it,
# with `syn` beside it). Printed: the medians of the whole build's wall time and of the
# per-crate times cargo's timing report gives for `obs-codes-gen`, `syn` and
# `obs-codes-macro`, and the ratios between the two checkouts.
#
# The other commit is checked out with `git worktree` under the work directory
# (FRESH_BUILD_DIR, target/fresh-build by default) and removed afterwards; both use
# their own Cargo.lock (offline, from the local registry cache). The consumers' target
# directories are their own, whatever CARGO_TARGET_DIR says.
set -euo pipefail
cd "$(dirname "$0")/.."
other=${1:?usage: scripts/fresh-build.sh OTHER_REV [RUNS]}
runs=${2:-5}
root=$PWD
work=${FRESH_BUILD_DIR:-$root/target/fresh-build}
rm -rf "$work"
mkdir -p "$work"
git worktree add -q --detach "$work/other" "$other"
trap 'git worktree remove --force "$work/other"' EXIT

for side in this other; do
  checkout=$root
  [ "$side" = other ] && checkout=$work/other
  consumer=$work/consumer-$side
  mkdir -p "$consumer/src"
  cat >"$consumer/Cargo.toml" <<TOML
[package]
name = "fresh-$side"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
obs-codes-macro = { path = "$checkout/obs-codes-macro" }

[workspace]
TOML
  cp "$checkout/Cargo.lock" "$consumer/Cargo.lock"
  echo 'obs_codes_macro::obs_errors!();' >"$consumer/src/lib.rs"
done

python3 - "$work" "$runs" <<'PY'
import json, os, re, shutil, statistics, subprocess, sys, time

work, runs = sys.argv[1], int(sys.argv[2])
CRATES = ["obs-codes-gen", "syn", "obs-codes-macro"]
sides = ["this", "other"]
times = {side: {"build": [], **{c: [] for c in CRATES}} for side in sides}


def build(side):
    consumer = os.path.join(work, "consumer-" + side)
    target = os.path.join(consumer, "target")
    shutil.rmtree(target, ignore_errors=True)
    env = dict(os.environ, CARGO_TARGET_DIR=target)
    start = time.perf_counter()
    subprocess.run(["cargo", "build", "-q", "--offline", "--timings"], cwd=consumer, env=env, check=True)
    wall = time.perf_counter() - start
    report = open(os.path.join(target, "cargo-timings", "cargo-timing.html")).read()
    units = json.loads(re.search(r"const UNIT_DATA = (\[.*?\]);\n", report, re.S).group(1))
    # The library itself, not its build script.
    own = {u["name"]: u["duration"] for u in units if u.get("target", "").strip() == ""}
    return wall, own


for side in sides:  # warm-up: the file cache, cargo's own state
    build(side)
for _ in range(runs):
    for side in sides:
        wall, own = build(side)
        times[side]["build"].append(wall)
        for crate in CRATES:
            times[side][crate].append(own[crate])

median = {side: {k: statistics.median(v) for k, v in times[side].items()} for side in sides}
print(f"{runs} rounds, medians in seconds")
print("| | fresh build | obs-codes-gen | syn | obs-codes-macro |")
print("|---|---:|---:|---:|---:|")
for side in sides:
    m = median[side]
    print(f"| {side} | {m['build']:.2f} | {m['obs-codes-gen']:.2f} | {m['syn']:.2f} | {m['obs-codes-macro']:.2f} |")
t, o = median["this"], median["other"]
print()
print(f"obs-codes-gen this / other: {t['obs-codes-gen'] / o['obs-codes-gen']:.2f}x")
print(f"obs-codes-gen / syn: this {t['obs-codes-gen'] / t['syn']:.2f}x, other {o['obs-codes-gen'] / o['syn']:.2f}x")
print(f"fresh build this / other: {t['build'] / o['build']:.2f}x")
print()
print("every run:")
for side in sides:
    for k, v in times[side].items():
        print(f"  {side} {k}: {' '.join(f'{x:.2f}' for x in v)}")
PY
