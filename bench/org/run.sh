#!/bin/sh
# The organisation-scale audit benchmark (issue 22): generates a synthetic organisation
# (bench/org/gen.py), audits it in one run and in SHARDS shards + merge, checks that the merged
# JSON equals the single run's byte for byte, and prints wall time, peak RSS and output sizes
# (GNU time), and the HTML render time in headless Chromium (bench/org/render.sh).
#
#   bench/org/run.sh [PWFLOW-BINARY] [WORKDIR]      (defaults: target/release/pwflow, a temp dir)
#   SHARDS=4 REPOS=1000 bench/org/run.sh ...
#
# A binary without `audit merge` (before issue 22) gets the single run only.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
bin=${1:-$here/../../target/release/pwflow}
work=${2:-$(mktemp -d)}
shards=${SHARDS:-4}
repos=${REPOS:-1000}
export SOURCE_DATE_EPOCH=1735689600
mkdir -p "$work/out"
[ -d "$work/org" ] || python3 "$here/gen.py" "$work/org" --repos "$repos"
measure() { # label, command...
  label=$1; shift
  /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" >/dev/null 2>"$work/stderr.txt" || { cat "$work/stderr.txt"; exit 1; }
  read -r secs kb < "$work/time.txt"
  echo "$label: wall ${secs}s, peak RSS $((kb / 1024)) MiB"
}
cd "$work/org"
measure "single run" "$bin" audit --quiet --repos-under . --html "$work/out/single.html" \
  --markdown "$work/out/single.md" --json "$work/out/single.json"
ls -l "$work/out"/single.* | awk '{printf "  %s %.1f MB\n", $NF, $5 / 1e6}'
echo "  findings: $(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['findings']))" "$work/out/single.json")"
if "$bin" audit --help 2>/dev/null | grep -q -- --shard; then
  i=1
  while [ "$i" -le "$shards" ]; do
    measure "shard $i/$shards" "$bin" audit --quiet --repos-under . --shard "$i/$shards" --json "$work/out/part-$i.json"
    i=$((i + 1))
  done
  measure "merge" "$bin" audit merge "$work/out"/part-*.json --json "$work/out/merged.json" \
    --html "$work/out/merged.html" --markdown "$work/out/merged.md"
  if cmp -s "$work/out/single.json" "$work/out/merged.json"; then
    echo "  merged JSON == single-run JSON (byte for byte)"
  else
    echo "  MERGED JSON DIFFERS"; exit 1
  fi
fi
"$here/render.sh" "$work/out/single.html" 400
