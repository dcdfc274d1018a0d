#!/bin/sh
# Checks that two builds of the CLI report byte-identical findings (--format json) on the real-world corpus
# (../shared/data/real-world, each file on its own and all of them in one run, so caches shared across files
# are exercised) under three releases, and on the given bench inputs. Used before pushing a performance change:
#   sh bench/same-diagnostics.sh OLD/dist/cli.js NEW/dist/cli.js [INPUT.conf ...]
# Prints one line per difference and exits 1 when there is any.
set -u
old=$1 new=$2
shift 2
real=${NOVA_CONF_SHARED:-$(dirname "$0")/../../shared}/data/real-world
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
diffs=0 runs=0
compare() { # label, then the CLI arguments
  label=$1
  shift
  node "$old" --format json "$@" >"$tmp/a" 2>&1
  a=$?
  node "$new" --format json "$@" >"$tmp/b" 2>&1
  b=$?
  runs=$((runs + 1))
  if [ "$a" != "$b" ] || ! cmp -s "$tmp/a" "$tmp/b"; then
    echo "DIFFERENT: $label (exit $a vs $b)"
    diffs=$((diffs + 1))
  fi
}
for rel in 2026.1 2023.1 28.0.0; do
  compare "real-world, one run, release $rel" --release "$rel" "$real"/*.conf
  for f in "$real"/*.conf; do compare "$(basename "$f") release $rel" --release "$rel" "$f"; done
done
for f in "$@"; do compare "$f" "$f"; done
echo "$runs comparisons, $diffs different"
[ "$diffs" = 0 ]
