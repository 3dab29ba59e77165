#!/usr/bin/env bash
# Runs every fuzz target for a bounded time on the stable toolchain (RUSTC_BOOTSTRAP=1),
# each seeded from the repository's own tables and responses. The corpora live in the
# target directory, so nothing is written into the checkout. A crash, a hang past the
# per-input timeout or a failed assertion fails the run and prints the input in hex.
#
#   FUZZ_SECONDS=60 scripts/fuzz.sh            # every target
#   FUZZ_SECONDS=10 scripts/fuzz.sh load       # one target
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
seconds=${FUZZ_SECONDS:-60}
target_dir=${CARGO_TARGET_DIR:-$root/target}
work="$target_dir/fuzz-runs"
export RUSTC_BOOTSTRAP=1

if ! cargo fuzz --version 2>/dev/null | grep -q '0\.13\.2'; then
  cargo install cargo-fuzz --version 0.13.2 --locked
fi

# crate dir, target, longest input (bytes), seed dirs (relative to the checkout). The
# loader's cap keeps it at thousands of runs a second: the bundled tables as seeds would
# otherwise set the length, and a 100 KB table costs milliseconds a run.
targets=(
  "obs-codes parse_response 65536 obs-codes/tests/fixtures/responses"
  "obs-codes-gen load 4096 tests/tables tables obs-codes/tests/fixtures"
  "obs-codes-gen expand 2048 tests/tables tables"
  "obs-codes-gen round_trip 4096 tests/tables tables obs-codes/tests/fixtures"
  "obs-codes-cli pages 16384 tables/upstream"
)

for entry in "${targets[@]}"; do
  read -r crate name max_len seeds <<<"$entry"
  if [ $# -gt 0 ] && [[ " $* " != *" $name "* ]]; then continue; fi
  corpus="$work/corpus/$name"
  artifacts="$work/artifacts/$name/"
  rm -rf "$corpus" "$artifacts"
  mkdir -p "$corpus" "$artifacts"
  for dir in $seeds; do
    # Regular files of at most 64 KiB, never a symlink out of the checkout.
    find "$root/$dir" -type f -size -65k -exec cp -t "$corpus" {} + 2>/dev/null || true
  done
  echo "fuzz $name: $(find "$corpus" -type f | wc -l) seeds, ${seconds} s"
  log="$work/$name.log"
  start=$(date +%s)
  if ! (cd "$crate" && cargo fuzz run --target-dir "$target_dir/fuzz" "$name" "$corpus" -- \
      -max_total_time="$seconds" -max_len="$max_len" -timeout=10 -rss_limit_mb=2048 \
      -artifact_prefix="$artifacts" -print_final_stats=1) >"$log" 2>&1; then
    tail -n 60 "$log"
    for input in "$artifacts"*; do
      [ -f "$input" ] || continue
      echo "failing input $input ($(wc -c <"$input") bytes), hex:"
      head -c 65536 "$input" | od -An -tx1 -v
    done
    echo "fuzz $name: FAILED"
    exit 1
  fi
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')
  edges=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1 | grep -o '[0-9]*' || echo '?')
  echo "fuzz $name: ok, $runs runs, $edges edges, $(( $(date +%s) - start )) s (with the build)"
done
