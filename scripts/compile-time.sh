#!/usr/bin/env bash
# Measures what the macro costs at compile time (issue 5): clean builds of small fixture
# crates, the crate itself only (its dependencies are built first), timed by hyperfine,
# median of RUNS runs, debug and release; then the size the bundled enum adds to a
# stripped release binary. Needs hyperfine (`apt-get install hyperfine`).
#
#   scripts/compile-time.sh            # RUNS=5 by default
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-5}
out=target/compile-time
command -v hyperfine >/dev/null || { echo "hyperfine is needed: apt-get install hyperfine" >&2; exit 1; }

cargo run -q -p obs-codes-bench-tables --example compile-time-crates -- "$out"
cd "$out"
# Dependencies once, in both profiles, so that only the fixture crate itself is timed.
cargo build -q --workspace
cargo build -q --workspace --release

crates=(hand-107 macro-107 bare-10000 phf-10000 macro-10000)
for profile in dev release; do
  flag=""; [ "$profile" = release ] && flag="--release"
  for crate in "${crates[@]}"; do
    hyperfine --style none --runs "$runs" --warmup 1 \
      --prepare "cargo clean -q -p $crate $flag" \
      --export-json "time-$crate-$profile.json" \
      "cargo build -q -p $crate $flag" >/dev/null
  done
done

python3 - "${crates[@]}" <<'PY'
import json, statistics, sys
crates = sys.argv[1:]
def median(crate, profile):
    runs = json.load(open(f"time-{crate}-{profile}.json"))["results"][0]["times"]
    return statistics.median(runs)
print("| crate (its own build only) | debug, s | release, s |")
print("|---|---:|---:|")
for crate in crates:
    print(f"| {crate} | {median(crate, 'dev'):.2f} | {median(crate, 'release'):.2f} |")
for a, b in [("macro-107", "hand-107"), ("macro-10000", "phf-10000"), ("macro-10000", "bare-10000"), ("phf-10000", "bare-10000")]:
    print(f"\n{a} / {b}: debug {median(a, 'dev') / median(b, 'dev'):.2f}x, release {median(a, 'release') / median(b, 'release'):.2f}x", end="")
print()
PY

base=$(stat -c %s target/release/size-base)
with=$(stat -c %s target/release/size-obs)
echo
echo "stripped release binary: size-base $base bytes, size-obs $with bytes: the bundled enum adds $((with - base)) bytes"
