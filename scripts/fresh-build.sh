#!/usr/bin/env bash
# How long a fresh build of a crate that uses `obs_codes::ObsErrorCode` takes (every
# dependency compiled, as on a new machine), for this checkout and for another commit,
# interleaved round by round so that a host that slows down slows both alike.
#
#   scripts/fresh-build.sh OTHER_REV [RUNS]     # RUNS=3 by default
#
# The other commit is checked out with `git worktree` under target/fresh-build and
# removed afterwards; both use the same Cargo.lock resolution (offline, from the local
# registry cache).
set -euo pipefail
cd "$(dirname "$0")/.."
other=${1:?usage: scripts/fresh-build.sh OTHER_REV [RUNS]}
runs=${2:-3}
root=$PWD
work=$root/target/fresh-build
rm -rf "$work"
mkdir -p "$work"
git worktree add -q --detach "$work/other" "$other"
trap 'git worktree remove --force "$work/other"' EXIT

# One consumer crate per checkout: `obs-codes` by path, default features.
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
obs-codes = { path = "$checkout/obs-codes" }

[workspace]
TOML
  cp "$checkout/Cargo.lock" "$consumer/Cargo.lock"
  cat >"$consumer/src/main.rs" <<'RS'
fn main() {
    let code: obs_codes::ObsErrorCode = "NoSuchKey".parse().unwrap_or(obs_codes::ObsErrorCode::ALL[0]);
    println!("{code} {:?}", code.http_status());
}
RS
done

python3 - "$work" "$runs" <<'PY'
import statistics, subprocess, sys, time, shutil, os
work, runs = sys.argv[1], int(sys.argv[2])
times = {"this": [], "other": []}
def build(side):
    target = os.path.join(work, "consumer-" + side, "target")
    shutil.rmtree(target, ignore_errors=True)
    start = time.perf_counter()
    subprocess.run(["cargo", "build", "-q", "--offline"], cwd=os.path.join(work, "consumer-" + side), check=True)
    return time.perf_counter() - start
for side in times:  # warm-up: the file cache, cargo's own state
    build(side)
for _ in range(runs):
    for side in times:
        times[side].append(build(side))
for side, ts in times.items():
    print(f"{side}: median {statistics.median(ts):.1f} s of {', '.join(f'{t:.1f}' for t in ts)}")
PY
