#!/usr/bin/env bash
# Counts the item pages docs.rs shows for obs-codes-gen: builds its docs with the
# features of [package.metadata.docs.rs] (`format`), then counts the .html files under
# $CARGO_TARGET_DIR/doc/obs_codes_gen/ (default target/) that are not rustdoc redirect
# pages (a redirect says "Redirecting to"). Module index pages count as pages.
#
#   scripts/item-pages.sh          # prints the count
#   scripts/item-pages.sh --list   # prints each page, then the count
set -euo pipefail
cd "$(dirname "$0")/.."
target="${CARGO_TARGET_DIR:-target}"
dir="$target/doc/obs_codes_gen"
rm -rf "$dir"
cargo doc -q -p obs-codes-gen --no-deps --features format
pages=$(find "$dir" -name '*.html' -type f -exec grep -L 'Redirecting to' {} + | sort)
if [[ "${1:-}" == "--list" ]]; then
    printf '%s\n' "$pages" | sed "s|^$dir/||"
fi
printf '%s\n' "$pages" | grep -c .
