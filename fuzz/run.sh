#!/usr/bin/env bash
# Runs every fuzz target for a fixed budget, one after the other, at the lowest CPU priority.
#   fuzz/run.sh [seconds per target, default 600] [target...]
# Works with the stable toolchain (RUSTC_BOOTSTRAP=1 unlocks the -Z flags cargo-fuzz passes).
# New inputs go to a scratch corpus ($FUZZ_WORK, default /tmp/pwflow-fuzz), so the committed
# seed corpus in fuzz/corpus/ stays small; crashes land in fuzz/artifacts/<target>/.
# $FUZZ_ARGS adds libFuzzer flags (e.g. FUZZ_ARGS=-detect_leaks=0).
set -euo pipefail
cd "$(dirname "$0")/.."
budget=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(scan_php scan_js scan_ts scan_any load_rule fix match_native)
work=${FUZZ_WORK:-/tmp/pwflow-fuzz}
export RUSTC_BOOTSTRAP=1
nice -n 19 cargo +stable fuzz build -O
for t in "${targets[@]}"; do
  mkdir -p "$work/corpus/$t" "$work/logs" "fuzz/artifacts/$t"
  echo "== $t: ${budget}s"
  # -fork=1 with -ignore_crashes: a crash is saved and fuzzing goes on, so one bug cannot
  # hide the next. -timeout: an input slower than 30 s counts as a hang.
  nice -n 19 cargo +stable fuzz run -O "$t" "$work/corpus/$t" "fuzz/corpus/$t" -- \
    -max_total_time="$budget" -timeout=30 -rss_limit_mb=4096 \
    -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
    -print_final_stats=1 ${FUZZ_ARGS:-} >"$work/logs/$t.log" 2>&1 || echo "   (exit $?)"
  grep -E '^#[0-9]+' "$work/logs/$t.log" | tail -1 || true
  ls "fuzz/artifacts/$t"
done
