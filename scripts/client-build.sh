#!/usr/bin/env bash
# Fresh builds (every dependency compiled, debug profile, offline) of three client crates
# of `obs-codes`, for this checkout and for another, interleaved round by round so that
# a host that slows down slows both sides alike:
#
#   client   default features; `ObsErrorCode` and `ObsError::from_parts` (the source of
#            tests/fixtures/client/bundled)
#   no_std   `default-features = false`, `#![no_std]`; `ObsErrorCode` through `ErrorCode`
#   macros   `obs_codes::obs_errors!` over a table of its own (the `macros` feature here;
#            on the other side, where the macro is on by default, whatever it needs)
#
#   scripts/client-build.sh OTHER_CHECKOUT [ROUNDS]     # ROUNDS=5 by default
#
# OTHER_CHECKOUT is a directory holding another commit (`git worktree add DIR REV`).
# Prints each build's seconds, the medians and this side's median over the other's.
set -euo pipefail
cd "$(dirname "$0")/.."
other=$(cd "${1:?usage: scripts/client-build.sh OTHER_CHECKOUT [ROUNDS]}" && pwd)
rounds=${2:-5}
root=$PWD
work=$(mktemp -d "${TMPDIR:-/tmp}/client-build.XXXXXX")
trap 'rm -rf "$work"' EXIT

# Does the checkout gate the macro behind a feature?
macros_feature() {
  grep -q '^macros = ' "$1/obs-codes/Cargo.toml" && echo ', features = ["macros"]' || true
}

for side in this other; do
  checkout=$root
  [ "$side" = other ] && checkout=$other
  for crate in client no_std macros; do
    dir=$work/$side-$crate
    mkdir -p "$dir/src"
    case $crate in
      client) dependency='{ path = "'"$checkout"'/obs-codes" }' ;;
      no_std) dependency='{ path = "'"$checkout"'/obs-codes", default-features = false }' ;;
      macros) dependency='{ path = "'"$checkout"'/obs-codes"'"$(macros_feature "$checkout")"' }' ;;
    esac
    cat >"$dir/Cargo.toml" <<TOML
[package]
name = "client-build-$crate"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
obs-codes = $dependency

[workspace]
TOML
    cp "$checkout/Cargo.lock" "$dir/Cargo.lock"
    case $crate in
      client) cp "$root/tests/fixtures/client/bundled/src/lib.rs" "$dir/src/lib.rs" ;;
      no_std) cat >"$dir/src/lib.rs" <<'RS'
#![no_std]
//! A `no_std` client: the bundled enum through the trait.

/// The HTTP status of a wire code, if the bundled table has it.
pub fn status(code: &str) -> Option<u16> {
    <obs_codes::ObsErrorCode as obs_codes::ErrorCode>::from_code(code)
        .and_then(obs_codes::ErrorCode::http_status)
}
RS
        ;;
      macros)
        cp "$root/obs-codes/examples/gateway.csv" "$dir/gateway.csv"
        cat >"$dir/src/lib.rs" <<'RS'
//! A crate with a table of its own.

obs_codes::obs_errors! {
    /// The bundled table and a gateway's codes.
    pub enum GatewayCode { obs, "gateway.csv" }
}
RS
        ;;
    esac
  done
done

python3 - "$work" "$rounds" <<'PY'
import os, shutil, statistics, subprocess, sys, time
work, rounds = sys.argv[1], int(sys.argv[2])
crates = ["client", "no_std", "macros"]
sides = ["this", "other"]
times = {(c, s): [] for c in crates for s in sides}
env = dict(os.environ)
env.pop("CARGO_TARGET_DIR", None)
for key in ("RUSTFLAGS", "CARGO_ENCODED_RUSTFLAGS", "CARGO_BUILD_RUSTFLAGS"):
    env.pop(key, None)
def build(crate, side):
    dir = os.path.join(work, f"{side}-{crate}")
    shutil.rmtree(os.path.join(dir, "target"), ignore_errors=True)
    start = time.perf_counter()
    subprocess.run(["cargo", "build", "-q", "--offline"], cwd=dir, env=env, check=True)
    return time.perf_counter() - start
for crate in crates:  # warm-up: the file cache, cargo's own state
    for side in sides:
        build(crate, side)
for _ in range(rounds):
    for crate in crates:
        for side in sides:
            times[(crate, side)].append(build(crate, side))
print(f"{rounds} rounds, fresh debug builds interleaved; seconds, median first")
for crate in crates:
    medians = {}
    for side in sides:
        ts = times[(crate, side)]
        medians[side] = statistics.median(ts)
        print(f"{crate:7} {side:5}: {medians[side]:5.2f}  ({', '.join(f'{t:.2f}' for t in ts)})")
    print(f"{crate:7} this/other: {medians['this'] / medians['other']:.2f}x")
PY
