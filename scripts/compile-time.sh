#!/usr/bin/env bash
# Measures what the macro costs at compile time: clean builds of small fixture
# crates, the crate itself only (its dependencies are built first), debug and release,
# median of RUNS runs (SMALL_RUNS for the bundled-table crates, which build in about 0.2 s);
# then the size the bundled enum adds to a stripped release binary.
#
# The runs go round by round, each round building every crate once, so that a host that
# slows down for a minute (this project's VM does) slows every crate alike instead of
# whichever one was being timed then.
#
#   scripts/compile-time.sh            # RUNS=5, SMALL_RUNS=20 by default
set -euo pipefail
cd "$(dirname "$0")/.."
out=target/compile-time

cargo run -q -p obs-codes-bench-tables --example compile-time-crates -- "$out"
cd "$out"
# Dependencies once, in both profiles, so that only the fixture crate itself is timed.
cargo build -q --workspace
cargo build -q --workspace --release

python3 - "${RUNS:-5}" "${SMALL_RUNS:-20}" hand-bundled macro-bundled bare-10000 phf-10000 macro-10000 <<'PY'
import json, statistics, subprocess, sys, time

runs, small_runs, crates = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3:]
PROFILES = {"dev": [], "release": ["--release"]}


def build(crate, profile):
    flags = PROFILES[profile]
    subprocess.run(["cargo", "clean", "-q", "-p", crate, *flags], check=True)
    start = time.perf_counter()
    subprocess.run(["cargo", "build", "-q", "-p", crate, *flags], check=True)
    return time.perf_counter() - start


times = {}
for profile in PROFILES:
    for crate in crates:  # warm-up: the file cache, cargo's own state
        build(crate, profile)
    for round in range(max(runs, small_runs)):
        for crate in crates:
            if round < (small_runs if crate.endswith("-bundled") else runs):
                times.setdefault(f"{crate} {profile}", []).append(build(crate, profile))
json.dump(times, open("times.json", "w"), indent=1)


def median(crate, profile):
    return statistics.median(times[f"{crate} {profile}"])


print("| crate (its own build only) | debug, s | release, s |")
print("|---|---:|---:|")
for crate in crates:
    print(f"| {crate} | {median(crate, 'dev'):.2f} | {median(crate, 'release'):.2f} |")
print()
for a, b in [("macro-bundled", "hand-bundled"), ("macro-10000", "phf-10000"), ("macro-10000", "bare-10000"), ("phf-10000", "bare-10000")]:
    print(f"{a} / {b}: debug {median(a, 'dev') / median(b, 'dev'):.2f}x, release {median(a, 'release') / median(b, 'release'):.2f}x")
PY

base=$(stat -c %s target/release/size-base)
with=$(stat -c %s target/release/size-obs)
echo
echo "stripped release binary: size-base $base bytes, size-obs $with bytes: the bundled enum adds $((with - base)) bytes"
