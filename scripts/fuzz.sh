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

# crate dir, target, sanitizer, longest input (bytes), seed dirs (relative to the
# checkout). The generator's and the CLI's targets run safe code of this repository
# without AddressSanitizer, which would check only the unsafe code of their dependencies
# and cut the runs a second by four; the response reader keeps it (its dependencies,
# quick-xml and memchr, read the wire). The caps keep the runs cheap: the bundled tables
# as seeds would otherwise set the length, and a 100 KB table costs milliseconds a run.
targets=(
  "obs-codes parse_response address 65536 obs-codes/tests/fixtures/responses"
  "obs-codes-gen load none 4096 tests/tables tables obs-codes/tests/fixtures"
  "obs-codes-gen expand none 2048 tests/tables tables"
  "obs-codes-gen round_trip none 4096 tests/tables tables obs-codes/tests/fixtures"
  "obs-codes-cli pages none 16384 obs-codes-cli/tests/data/pages tables/upstream"
)

# Copies the regular files of at most 64 KiB under the seed dirs into the corpus, never a
# symlink out of the checkout. A page seed gets the first byte the `pages` target reads
# as its format (0 HTML, 1 markdown, 2 reStructuredText), by its extension.
seed() {
  local name=$1 corpus=$2 dir file copy byte
  shift 2
  for dir in "$@"; do
    while IFS= read -r -d '' file; do
      # Named by the path in the checkout: pages of several formats share a file name.
      copy="$corpus/$(printf '%s' "${file#"$root/"}" | tr '/' '_')"
      if [ "$name" != pages ]; then
        cp "$file" "$copy"
        continue
      fi
      case "${file,,}" in
        *.html | *.htm | *.xhtml) byte='\000' ;;
        *.md | *.markdown) byte='\001' ;;
        *.rst | *.txt) byte='\002' ;;
        *) continue ;;
      esac
      { printf '%b' "$byte"; cat "$file"; } >"$copy"
    done < <(find "$root/$dir" -type f -size -65k -print0)
  done
}

for entry in "${targets[@]}"; do
  read -r crate name sanitizer max_len seeds <<<"$entry"
  if [ $# -gt 0 ] && [[ " $* " != *" $name "* ]]; then continue; fi
  corpus="$work/corpus/$name"
  artifacts="$work/artifacts/$name/"
  rm -rf "$corpus" "$artifacts"
  mkdir -p "$corpus" "$artifacts"
  # shellcheck disable=SC2086 # the seed dirs are words
  seed "$name" "$corpus" $seeds
  echo "fuzz $name: $(find "$corpus" -type f | wc -l) seeds, ${seconds} s"
  log="$work/$name.log"
  start=$(date +%s)
  if ! (cd "$crate" && cargo fuzz run --sanitizer "$sanitizer" \
      --target-dir "$target_dir/fuzz/$sanitizer" "$name" "$corpus" -- \
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
  inputs=$(find "$corpus" -type f | wc -l)
  echo "fuzz $name: ok, $runs runs, $edges edges, corpus $inputs inputs," \
    "$(( $(date +%s) - start )) s (with the build)"
done
