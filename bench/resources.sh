#!/usr/bin/env bash
# The resource cases of issue 19, measured: time and peak memory (GNU time) and output size of
# pwflow on generated hostile inputs. Speed is checked here, never in unit tests (machines are
# noisy); tests/hostile.rs holds the bounds on output size that do not depend on timing.
#
#   bench/resources.sh                     # builds the release binary
#   PWFLOW_BIN=path/to/pwflow bench/resources.sh
#
# Cases: --diff and --fix on a generated 3.8 MB PHP file with two password logins; the human
# report of a one-line 50 MB JavaScript file; `pwflow parse` of 200 KB of nested brackets;
# `-j 5000` on three files.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${PWFLOW_BIN:-}
if [ -z "$bin" ]; then
  cargo build --release --locked --quiet
  bin="${CARGO_TARGET_DIR:-target}/release/pwflow"
fi
command -v /usr/bin/time >/dev/null || { echo "needs GNU time (apt-get install time)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 - "$work" <<'PY'
import sys, pathlib
d = pathlib.Path(sys.argv[1])
head = ("<?php\nuse RingCentral\\SDK\\SDK;\n$rcsdk = new SDK('id', 'secret', SDK::SERVER_PRODUCTION);\n"
        "$platform = $rcsdk->platform();\n$platform->login('18881112233', '101', 'Tr0ub4dor&3');\n")
body, i, size = [], 0, len(head)
while size < 3_800_000:
    c = (f"function f{i}($a, $b) {{\n    $x = array('k{i}' => $a + {i}, 'v' => \"s{i} $b\");\n"
         f"    if ($x['v'] === 'q') {{ return strtoupper($b) . '{i}'; }}\n    return $x;\n}}\n")
    body.append(c); size += len(c); i += 1
mid = "$platform->login('18881112233', '101', 'Tr0ub4dor&3');\n"
(d / "big.php").write_text(head + "".join(body[: len(body) // 2]) + mid + "".join(body[len(body) // 2 :]) + mid)
pad = "x" * (50 << 20)
(d / "one.js").write_text("const { SDK } = require('@ringcentral/sdk'); const platform = new SDK({}).platform(); "
                          f"var y = '{pad}'; platform.login({{ username: u, extension: '101', password: p }});\n")
depth = 100_000
(d / "deep.js").write_text("x = " + "[" * depth + "1" + "]" * depth + ";\n")
for n in "abc":
    (d / f"small-{n}.php").write_text(head)
PY

measure() { # label, then the command; prints seconds, peak RSS and stdout bytes
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" >"$work/out" 2>/dev/null || true
  read -r secs kb < <(tail -n 1 "$work/time")
  printf '| %s | %s s | %s MB | %s bytes |\n' "$label" "$secs" "$((kb / 1024))" "$(wc -c <"$work/out")"
}
echo "| case | time | peak RSS | stdout |"
echo "|---|---|---|---|"
measure "--diff, 3.8 MB PHP" "$bin" check "$work/big.php" --isolated --diff --unsafe-fixes
cp "$work/big.php" "$work/big-fix.php"
measure "--fix, 3.8 MB PHP" "$bin" check "$work/big-fix.php" --isolated --fix --unsafe-fixes
measure "human report, 50 MB one-line JS" "$bin" check "$work/one.js" --isolated --no-ignore --max-filesize 64M --color never
measure "parse, 200 KB nested brackets" "$bin" parse "$work/deep.js"
measure "-j 5000, three files" "$bin" check "$work"/small-*.php --isolated -j 5000
