#!/usr/bin/env bash
# bench/run.sh - pwflow against ripgrep, ast-grep and Semgrep on the shared benchmark corpus
# (issue 7). See bench/README.md.
#
# Usage: bench/run.sh [--small] [--runs N] [--corpus DIR] [--check-only] [--no-semgrep] [--no-extra]
#
#   --small        the small corpus (~8 300 files, ~45 MiB) instead of the full one (~600 MiB)
#   --runs N       timed runs per tool (default 5), alternating between tools, after 1 warm-up
#   --corpus DIR   where the corpus is (built there by make-corpus.sh if missing or stale);
#                  default: $PWFLOW_BENCH_DIR/corpus-{small,full}
#   --check-only   build, install, check the planted snippets; no timing, no results file
#   --no-semgrep   leave Semgrep out (it runs on the small corpus only in any case)
#   --no-extra     skip the memory-flatness, worst-case and latency checks
#
# Environment:
#   PWFLOW_BENCH_DIR   cache for the corpus, the peers' venv and the work files
#                      (default ~/.cache/pwflow-bench); nothing large is written in the repo
#   PWFLOW_BIN         use this pwflow binary instead of `cargo build --release`
#   CARGO_TARGET_DIR   honoured by the build
#   AST_GREP_VERSION, SEMGREP_VERSION   PyPI pins (default 0.51.1 and 1.185.0)
#   PWFLOW_BENCH_WORST_TIMEOUT  time limit for one pwflow run on the worst-case tree (default 300 s;
#                      past it, one copy of the planted files is timed instead)
#
# Writes bench/results/<YYYY-MM-DD>-<small|full>.md. Exit status: 0; 1 on a setup error or
# when pwflow misses a planted snippet or reports a near miss (the results are written first);
# peers that miss are reported, not fatal.
set -euo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(git -C "$BENCH" rev-parse --show-toplevel)"
SHARED="$(cd "$REPO/.." && pwd)/shared"
CACHE="${PWFLOW_BENCH_DIR:-$HOME/.cache/pwflow-bench}"
AST_GREP_VERSION="${AST_GREP_VERSION:-0.51.1}"
SEMGREP_VERSION="${SEMGREP_VERSION:-1.185.0}"
RULES="$BENCH/rules"
PY="$BENCH/lib/bench.py"
export SEMGREP_ENABLE_VERSION_CHECK=0 SEMGREP_SEND_METRICS=off

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf 'bench/run.sh: error: %s\n' "$*" >&2; exit 1; }
usage() {
  if [ "${1:-0}" = 0 ]; then sed -n '4,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'
  else sed -n '4,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; fi
  exit "${1:-0}"
}
trap 'rc=$?; printf "bench/run.sh: failed (exit %s) at line %s: %s\n" "$rc" "$LINENO" "$BASH_COMMAND" >&2' ERR

# ------------------------------------------------------------------------------- arguments
MODE=full; RUNS=5; CORPUS=""; CHECK_ONLY=0; SEMGREP=1; EXTRA=1; ARGS="$*"
while [ $# -gt 0 ]; do
  case "$1" in
    --small) MODE=small ;;
    --runs) [ $# -ge 2 ] || die "--runs needs a number"; RUNS="$2"; shift ;;
    --runs=*) RUNS="${1#--runs=}" ;;
    --corpus) [ $# -ge 2 ] || die "--corpus needs a directory"; CORPUS="$2"; shift ;;
    --corpus=*) CORPUS="${1#--corpus=}" ;;
    --check-only) CHECK_ONLY=1 ;;
    --no-semgrep) SEMGREP=0 ;;
    --no-extra) EXTRA=0 ;;
    -h|--help) usage 0 ;;
    *) printf 'unknown argument: %s\n\n' "$1" >&2; usage 2 ;;
  esac
  shift
done
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || die "--runs must be a positive integer (got '$RUNS')"
[ "$MODE" = small ] || SEMGREP=0   # Semgrep takes many minutes on the full corpus (issue 7)
[ -f "$SHARED/bench/make-corpus.sh" ] || die "$SHARED/bench/make-corpus.sh not found (the shared folder sits next to the repo)"
mkdir -p "$CACHE"
CACHE="$(cd "$CACHE" && pwd)"
CORPUS="${CORPUS:-$CACHE/corpus-$MODE}"
case "$CORPUS" in "$REPO"|"$REPO"/*) die "--corpus must be outside the repo ($CORPUS)";; esac
WORK="$CACHE/work-$MODE"
WORST_TIMEOUT="${PWFLOW_BENCH_WORST_TIMEOUT:-300}"
[[ "$WORST_TIMEOUT" =~ ^[1-9][0-9]*$ ]] || die "PWFLOW_BENCH_WORST_TIMEOUT must be a positive number of seconds"

exec 9>"$CACHE/run.lock"
flock -n 9 || die "another bench/run.sh holds $CACHE/run.lock; run one benchmark at a time"

# ------------------------------------------------------------------------------- dependencies
APT_UPDATED=0
as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else die "root needed for: $* (install it by hand)"; fi
}
apt_update_once() {
  [ "$APT_UPDATED" = 1 ] && return 0
  log "apt-get update"
  as_root apt-get update -qq >&2 || die "apt-get update failed"
  APT_UPDATED=1
}
apt_install() {
  apt_update_once
  log "installing from Debian: $*"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >&2 || die "apt-get install $* failed"
}
ensure_debian() {
  local need=()
  command -v rg >/dev/null 2>&1 || need+=(ripgrep)
  command -v hyperfine >/dev/null 2>&1 || need+=(hyperfine)
  [ -x /usr/bin/time ] || need+=(time)
  command -v npm >/dev/null 2>&1 || need+=(npm)
  command -v dpkg-deb >/dev/null 2>&1 || need+=(dpkg)
  command -v flock >/dev/null 2>&1 || need+=(util-linux)
  command -v python3 >/dev/null 2>&1 || need+=(python3 python3-pip python3-venv)
  [ ${#need[@]} -eq 0 ] || apt_install "${need[@]}"
  # make-corpus.sh resolves Debian packages with apt: the package lists must exist.
  compgen -G '/var/lib/apt/lists/*_Packages*' >/dev/null || apt_update_once
}
VENV="$CACHE/venv"
ensure_venv() {
  local ok=1
  [ -x "$VENV/bin/ast-grep" ] && [ "$("$VENV/bin/ast-grep" --version 2>/dev/null)" = "ast-grep $AST_GREP_VERSION" ] || ok=0
  [ -x "$VENV/bin/semgrep" ] && [ "$("$VENV/bin/semgrep" --version 2>/dev/null | tail -1)" = "$SEMGREP_VERSION" ] || ok=0
  [ "$ok" = 1 ] && return 0
  if [ ! -x "$VENV/bin/python" ]; then
    log "creating the peers' venv in $VENV"
    python3 -m venv "$VENV" 2>/dev/null || { apt_install python3-venv; rm -rf "$VENV"; python3 -m venv "$VENV"; }
  fi
  log "installing ast-grep-cli==$AST_GREP_VERSION and semgrep==$SEMGREP_VERSION from PyPI into $VENV"
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check "ast-grep-cli==$AST_GREP_VERSION" "semgrep==$SEMGREP_VERSION" >&2 \
    || die "pip install of ast-grep-cli/semgrep failed"
}

log "checking tools (ripgrep, hyperfine, time, npm from Debian; ast-grep, Semgrep from PyPI)"
ensure_debian
ensure_venv

# ------------------------------------------------------------------------------- corpus
SMALL_FLAG=(); [ "$MODE" = small ] && SMALL_FLAG=(--small)
log "corpus: $CORPUS (make-corpus.sh ${SMALL_FLAG[*]:-}; cached after the first build)"
rm -rf "$WORK"; mkdir -p "$WORK"/{check,timing,rss,flat,worst,latency}
# make-corpus.sh runs under pipefail and its summary pipes `sort` into `head -30`: when `head`
# exits first, `sort` dies of SIGPIPE and the script fails now and then with nothing wrong. A
# second attempt finds the corpus up to date and only prints the summary again.
bash "$SHARED/bench/make-corpus.sh" "${SMALL_FLAG[@]}" "$CORPUS" > "$WORK/corpus-summary.txt" \
  || { log "make-corpus.sh failed; trying once more (its summary can die of SIGPIPE)"
       bash "$SHARED/bench/make-corpus.sh" "${SMALL_FLAG[@]}" "$CORPUS" > "$WORK/corpus-summary.txt"; } \
  || die "make-corpus.sh failed (see its messages above)"
[ -f "$CORPUS/PLANTED.tsv" ] || die "$CORPUS/PLANTED.tsv missing: not a make-corpus.sh corpus"
CORPUS="$(cd "$CORPUS" && pwd)"
tail -1 "$WORK/corpus-summary.txt" >&2

# ------------------------------------------------------------------------------- pwflow
if [ -n "${PWFLOW_BIN:-}" ]; then
  PWFLOW="$PWFLOW_BIN"
  log "pwflow: using PWFLOW_BIN=$PWFLOW"
else
  log "building pwflow: cargo build --release (target dir ${CARGO_TARGET_DIR:-default})"
  ( cd "$REPO" && cargo build --release ) >&2 || die "cargo build --release failed"
  TARGET_DIR="$(cd "$REPO" && cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')"
  PWFLOW="$TARGET_DIR/release/pwflow"
fi
[ -x "$PWFLOW" ] || die "pwflow binary not found at $PWFLOW"
# What was built (another session may commit while the benchmark runs).
PW_COMMIT="$(git -C "$REPO" rev-parse --short HEAD)"
PW_DIRTY="$(git -C "$REPO" status --porcelain -- src rules build.rs Cargo.toml Cargo.lock | wc -l)"
if [ -n "${PWFLOW_BIN:-}" ]; then PW_COMMIT="PWFLOW_BIN=$PWFLOW_BIN (repo at $PW_COMMIT)"
elif [ "$PW_DIRTY" != 0 ]; then PW_COMMIT="$PW_COMMIT + $PW_DIRTY uncommitted file(s) in src/, rules/ or Cargo files"; fi
PW_COMMIT="$PW_COMMIT, built $(date -u +%H:%M) UTC"

LITERALS_STATUS="$(python3 "$PY" literals "$REPO/rules" "$RULES/literals.txt")"
[ "$LITERALS_STATUS" = ok ] || log "WARNING: $LITERALS_STATUS: update bench/rules/literals.txt"

# ------------------------------------------------------------------------------- the tools
# Every command runs from the corpus root on `.`; the timed form writes to a file (ripgrep would
# stop at the first match if its output were /dev/null, which hyperfine uses by default).
q() {  # quote for bash -c: bare when safe, else single quotes
  if [[ "$1" =~ ^[A-Za-z0-9_./:=+@-]+$ ]]; then printf '%s' "$1"
  else printf "'%s'" "${1//\'/\'\\\'\'}"; fi
}
PW_EXTS='*.{php,phtml,php3,php4,php5,php7,php8,phps,inc,js,mjs,cjs,jsx,ts,mts,cts,tsx}'  # src/lang.rs
RG="rg --no-config --no-ignore --hidden"
SG_IGNORE="--no-ignore hidden --no-ignore dot --no-ignore vcs --no-ignore parent --no-ignore global --no-ignore exclude"
IDS=(); declare -A LABEL CMD CHECK
add_tool() { IDS+=("$1"); LABEL[$1]="$2"; CMD[$1]="$3"; CHECK[$1]="$4"; }
PW_CMD="$(q "$PWFLOW") check --no-ignore --extend-select oauth-ropc --format json ."
add_tool pwflow "pwflow" "$PW_CMD" "$PW_CMD"
# The same scan limited to the peers' file types (`--lang`): ripgrep's typed rows and ast-grep's
# rules cover PHP/JS/TS only, so this is the like-for-like row for their ratios.
c="$(q "$PWFLOW") check --no-ignore --extend-select oauth-ropc --lang php,js,ts,tsx --format json ."
add_tool pwflow-typed "pwflow, PHP/JS/TS files (--lang)" "$c" "$c"
c="$RG -F -i -f $(q "$RULES/literals.txt") ."
add_tool rg-literals "ripgrep, the rules' literals, all files (floor)" "${c/ -F/ -n -F}" "${c/ -F/ --json -F}"
c="$RG -U --type-add $(q "pwflow:$PW_EXTS") -t pwflow -f $(q "$RULES/ripgrep-regex.txt") ."
add_tool rg-regex-typed "ripgrep, equivalent regexes (multiline), PHP/JS/TS files" "${c/ -U/ -n -U}" "${c/ -U/ --json -U}"
c="$RG --type-add $(q "pwflow:$PW_EXTS") -t pwflow -f $(q "$RULES/ripgrep-regex.txt") ."
add_tool rg-regex-lines "ripgrep, the same regexes line by line, PHP/JS/TS files" "${c/ --type-add/ -n --type-add}" "${c/ --type-add/ --json --type-add}"
c="$RG -U -f $(q "$RULES/ripgrep-regex.txt") ."
add_tool rg-regex-all "ripgrep, equivalent regexes (multiline), all files" "${c/ -U/ -n -U}" "${c/ -U/ --json -U}"
c="$(q "$VENV/bin/ast-grep") scan -c $(q "$RULES/ast-grep/sgconfig.yml") --json=stream $SG_IGNORE ."
add_tool ast-grep "ast-grep $AST_GREP_VERSION scan" "$c" "$c"
if [ "$SEMGREP" = 1 ]; then
  c="$(q "$VENV/bin/semgrep") scan --config $(q "$RULES/semgrep/pwflow-equivalent.yml") --json --metrics=off --disable-version-check -j 2 --quiet ."
  add_tool semgrep "Semgrep $SEMGREP_VERSION scan -j 2" "$c" "$c"
fi
display() {  # a command as it reads in the results file, without this machine's paths
  local s="$1"
  s="${s//"$VENV"\/bin\//}"; s="${s//"$RULES"/bench/rules}"; s="${s//"$PWFLOW"/pwflow}"
  printf '%s' "$s"
}
: > "$WORK/tools.tsv"
for id in "${IDS[@]}"; do printf '%s\t%s\t%s\n' "$id" "${LABEL[$id]}" "$(display "${CMD[$id]}")" >> "$WORK/tools.tsv"; done

run_in_corpus() {  # run_in_corpus OUT ERR COMMAND: exit 0 or 1 is fine (1 = found something)
  local out="$1" err="$2" cmd="$3" rc=0
  ( cd "$CORPUS" && bash -c "$cmd" > "$out" 2> "$err" ) || rc=$?
  if [ "$rc" -gt 1 ]; then
    sed -n '1,20p' "$err" >&2
    die "command failed with exit $rc: $cmd"
  fi
}

# ------------------------------------------------------------------------------- planted check
log "planted check: each tool once over the whole corpus ($(grep -c '^hit' "$CORPUS/PLANTED.tsv") hits, $(grep -c '^miss' "$CORPUS/PLANTED.tsv") near misses in PLANTED.tsv)"
pairs=()
for id in "${IDS[@]}"; do
  s=$(date +%s.%N)
  run_in_corpus "$WORK/check/$id.out" "$WORK/check/$id.err" "${CHECK[$id]}"
  python3 "$PY" extract "$id" "$WORK/check/$id.out" > "$WORK/check/$id.tsv"
  log "  $id: $(wc -l < "$WORK/check/$id.tsv") reports in $(awk -v s="$s" -v e="$(date +%s.%N)" 'BEGIN {printf "%.1f", e - s}') s"
  pairs+=("$id=$WORK/check/$id.tsv")
done
python3 "$PY" score "$CORPUS/PLANTED.tsv" "$CORPUS" "${pairs[@]}" > "$WORK/check/score.json"
PW_PLANTED_OK="$(python3 - "$WORK/check/score.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
ok = True
print("%-16s %8s %10s  %s" % ("tool", "recall", "precision", "problems"), file=sys.stderr)
for tool, s in d.items():
    probs = ["MISSED %s:%d (%s): %s" % (m["path"], m["line"], m["rule"], m["text"]) for m in s["missed"]]
    nm, other = s["near_misses_reported"], s["other_false_positives"]
    if len(nm) + len(other) > 6:
        probs.append("%d/%d near misses and %d other lines reported" % (len(nm), s["near_misses_total"], len(other)))
    else:
        probs += ["near miss %s:%d (%s): %s" % (m["path"], m["line"], m["rule"], m["text"]) for m in nm]
        probs += ["unplanted %s:%d: %s" % (m["path"], m["line"], m["text"]) for m in other]
    print("%-16s %5d/%-2d %9.0f%%  %s" % (tool, s["found"], s["hits"], 100 * s["precision"], "; ".join(probs) or "-"), file=sys.stderr)
    if tool == "pwflow" and (s["missed"] or nm or other):
        ok = False
print("yes" if ok else "no")
PY
)"
( cd "$CORPUS" && "$PWFLOW" check --no-ignore --extend-select oauth-ropc --format json --stats . > /dev/null 2> "$WORK/pwflow-stats.txt" ) || [ $? -le 1 ] \
  || die "pwflow --stats run failed: $(head -5 "$WORK/pwflow-stats.txt")"

if [ "$CHECK_ONLY" = 1 ]; then
  cat "$WORK/pwflow-stats.txt" >&2
  [ "$PW_PLANTED_OK" = yes ] || die "pwflow missed a planted snippet or reported a near miss (see above)"
  log "check only: done"
  exit 0
fi

# ------------------------------------------------------------------------------- timing
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
log "timing: $RUNS alternating rounds of ${#IDS[@]} tools (hyperfine; load average now $LOAD_BEFORE)"
for r in $(seq 1 "$RUNS"); do
  hf=(hyperfine --style basic --runs 1 -i --export-json "$WORK/timing/round-$r.json")
  [ "$r" = 1 ] && hf+=(--warmup 1)
  n=${#IDS[@]}
  for k in $(seq 0 $((n - 1))); do   # rotate the order each round
    id="${IDS[$(( (k + r - 1) % n ))]}"
    hf+=(-n "$id" "${CMD[$id]} > $(q "$WORK/timing/$id.out")")
  done
  ( cd "$CORPUS" && "${hf[@]}" ) > "$WORK/timing/round-$r.log" 2>&1 || { tail -20 "$WORK/timing/round-$r.log" >&2; die "hyperfine failed in round $r"; }
  log "  round $r/$RUNS: $(python3 "$PY" round "$WORK/timing/round-$r.json")"
done
log "peak RSS: one run of each tool under /usr/bin/time -v"
for id in "${IDS[@]}"; do
  ( cd "$CORPUS" && /usr/bin/time -v -o "$WORK/rss/$id.txt" bash -c "${CMD[$id]} > $(q "$WORK/rss/$id.out") 2>/dev/null" ) || true
  log "  $id: $(( $(python3 "$PY" rss "$WORK/rss/$id.txt") / 1024 )) MiB"
done
LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"

# ------------------------------------------------------------------------------- extra checks
tree_size() { find "$1" -type f -printf '%s\n' | awk '{n++; b+=$1} END {printf "%d %d\n", n, b}'; }
LAT_FILES=0
if [ "$EXTRA" = 1 ]; then
  # memory flatness: the corpus twice (hard links: no extra disk, same page cache)
  TWO="$CACHE/$(basename "$CORPUS")-2x"
  if [ -d "$TWO" ] && cmp -s "$TWO/a/CORPUS-MANIFEST.txt" "$CORPUS/CORPUS-MANIFEST.txt" \
                   && cmp -s "$TWO/b/CORPUS-MANIFEST.txt" "$CORPUS/CORPUS-MANIFEST.txt"; then
    log "memory flatness: reusing $TWO"
  else
    log "memory flatness: making $TWO (cp -al of the corpus twice)"
    rm -rf "$TWO" "$TWO.partial"; mkdir -p "$TWO.partial"
    for half in a b; do
      cp -al "$CORPUS" "$TWO.partial/$half" 2>/dev/null || { log "  hard links failed; copying"; rm -rf "$TWO.partial/$half"; cp -a "$CORPUS" "$TWO.partial/$half"; }
    done
    mv "$TWO.partial" "$TWO"
  fi
  read -r F1 B1 < <(tree_size "$CORPUS"); read -r F2 B2 < <(tree_size "$TWO")
  for t in "$CORPUS" "$TWO"; do ( cd "$t" && "$PWFLOW" check --no-ignore --extend-select oauth-ropc --format json . > /dev/null 2>&1 ) || true; done  # warm-up
  for i in 1 2 3; do
    for k in 1x 2x; do
      t="$CORPUS"; [ "$k" = 2x ] && t="$TWO"
      ( cd "$t" && /usr/bin/time -v -o "$WORK/flat/$k-$i.txt" "$PWFLOW" check --no-ignore --extend-select oauth-ropc --format json . > /dev/null 2>&1 ) || true
    done
  done
  log "  $(python3 "$PY" flat "$WORK/flat" "$F1" "$B1" "$F2" "$B2")"

  # worst case: every file passes the gate
  WORST="$CACHE/worstcase"
  SHA="$( (cd "$CORPUS" && find planted -type f -print0 | sort -z | xargs -0 sha256sum; cat PLANTED.tsv; sha256sum "$PY") | sha256sum | cut -c1-16)"
  if [ -f "$WORST/WORSTCASE.json" ] && [ "$(cat "$WORST.sha" 2>/dev/null)" = "$SHA" ]; then
    log "worst case: reusing $WORST"
  else
    log "worst case: making $WORST (planted files replicated to ~50 MiB)"
    python3 "$PY" worstcase "$CORPUS" "$WORST" --mib 50 --file-kib 16 >/dev/null
    echo "$SHA" > "$WORST.sha"
  fi
  # A first run under a time limit (it is also the warm-up and gives peak RSS and the findings);
  # when the whole tree does not finish in time, one copy-NNNN directory is timed instead.
  W_CMD="$(q "$PWFLOW") check --no-ignore --extend-select oauth-ropc --format json ."
  W_DIR="$WORST"; SCOPE=(full)
  rc=0
  ( cd "$WORST" && /usr/bin/time -v -o "$WORK/worst/time-v.txt" timeout "$WORST_TIMEOUT" bash -c "$W_CMD > $(q "$WORK/worst/pwflow.json") 2>/dev/null" ) || rc=$?
  if [ "$rc" -gt 1 ]; then
    log "  WARNING: pwflow did not finish the worst-case tree within ${WORST_TIMEOUT}s (exit $rc); timing one copy instead"
    W_DIR="$WORST/copy-0000"; SCOPE=(sample "$WORST_TIMEOUT")
    ( cd "$W_DIR" && /usr/bin/time -v -o "$WORK/worst/time-v.txt" bash -c "$W_CMD > $(q "$WORK/worst/pwflow.json") 2>/dev/null" ) || true
  fi
  ( cd "$W_DIR" && hyperfine --style basic --runs "$RUNS" -i --export-json "$WORK/worst/hyperfine.json" \
      -n pwflow-worst-case "$W_CMD > $(q "$WORK/worst/out.json")" ) > "$WORK/worst/hyperfine.log" 2>&1 \
    || { tail -20 "$WORK/worst/hyperfine.log" >&2; die "hyperfine failed on the worst case"; }
  log "  $(python3 "$PY" worst "$WORK/worst" "$WORST" "${SCOPE[@]}")"

  # pre-commit latency: the planted files named on the command line, no shell in between
  mapfile -t LAT < <(cd "$CORPUS" && find planted -type f | sort)
  LAT_FILES=${#LAT[@]}
  ( cd "$CORPUS" && hyperfine --style basic -N --warmup 3 --runs 30 -i --export-json "$WORK/latency/latency.json" \
      "$PWFLOW check --no-ignore --extend-select oauth-ropc --format json ${LAT[*]}" ) > "$WORK/latency/hyperfine.log" 2>&1 \
    || { tail -20 "$WORK/latency/hyperfine.log" >&2; die "hyperfine failed on the latency check"; }
  log "  latency on $LAT_FILES files: $(python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]; print("%.1f ms median" % (r["median"]*1000))' "$WORK/latency/latency.json")"
fi

# ------------------------------------------------------------------------------- report
DATE="$(date +%F)"
{
  printf 'mode\t%s\n' "$(sed -n 's/^mode: //p' "$CORPUS/CORPUS-MANIFEST.txt")"
  printf 'date\t%s\n' "$DATE"
  printf 'args\t%s\n' "$ARGS"
  printf 'cores\t%s\n' "$(nproc)"
  printf 'machine\t%s cores (%s), %s GiB RAM, %s\n' "$(nproc)" "$(lscpu | sed -n 's/^Model name: *//p' | sed -n 1p)" \
    "$(free -g | awk '/^Mem:/ {print $2}')" "$(uname -sr)"
  printf 'load_before\t%s\n' "$LOAD_BEFORE"
  printf 'load_after\t%s\n' "$LOAD_AFTER"
  printf 'corpus\t%s\n' "$(tail -1 "$WORK/corpus-summary.txt" | sed 's/^== TOTAL: //')"
  printf 'corpus_fingerprint\t%s\n' "$(sed -n 's/^fingerprint: //p' "$CORPUS/CORPUS-MANIFEST.txt")"
  printf 'pwflow_commit\t%s\n' "$PW_COMMIT"
  printf 'versions\t%s; %s; ast-grep %s; Semgrep %s; %s\n' "$("$PWFLOW" --version 2>/dev/null | sed -n 1p)" "$(rg --version 2>/dev/null | sed -n 1p)" \
    "$AST_GREP_VERSION" "$SEMGREP_VERSION" "$(hyperfine --version)"
  printf 'runs\t%s (+1 warm-up)\n' "$RUNS"
  printf 'literals\t%s\n' "$LITERALS_STATUS"
  printf 'latency_files\t%s\n' "$LAT_FILES"
} > "$WORK/meta.tsv"
mkdir -p "$BENCH/results"
OUT_MD="$BENCH/results/$DATE-$MODE.md"
python3 "$PY" report "$WORK" "$OUT_MD"
log "wrote ${OUT_MD#"$REPO"/} (work files in $WORK)"
sed -n '/^## Wall time/,/^## Planted/p' "$OUT_MD" | sed '$d'
[ "$PW_PLANTED_OK" = yes ] || die "pwflow missed a planted snippet or reported a near miss (see the results file)"
