#!/usr/bin/env bash
# Validates pwflow's SARIF with Microsoft's SARIF validator (npm @microsoft/sarif-multitool,
# a self-contained .NET binary for linux-x64) on the fixture project.
#
# The validator exits 0 even when the log has errors, so its output is read: any
# `error` result (`file(line,col): error SARIF1234: ...`) fails this script.
#
# PWFLOW: the pwflow binary to run (default: `cargo run --locked --quiet --`, which reuses the
# debug build of `cargo test`).
set -euo pipefail
cd "$(dirname "$0")/.."

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "== installing @microsoft/sarif-multitool"
(cd "$work" && npm install --no-audit --no-fund --loglevel=error @microsoft/sarif-multitool >/dev/null)
# npm may skip the package's postinstall (chmod u+x); the binary needs its execute bit.
chmod u+x "$work"/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool 2>/dev/null || true

sarif="$work/basic.sarif"
echo "== pwflow check fixtures/projects/basic --format sarif"
set +e
if [ -n "${PWFLOW:-}" ]; then
  "$PWFLOW" check fixtures/projects/basic --format sarif --output "$sarif"
else
  cargo run --locked --quiet -- check fixtures/projects/basic --format sarif --output "$sarif"
fi
code=$?
set -e
# 1 means "findings", which the fixture project has; anything else is a failure.
if [ "$code" -ne 1 ]; then
  echo "pwflow exited $code (expected 1: the fixture project has findings)" >&2
  exit 1
fi
if ! grep -q '"results"' "$sarif"; then
  echo "pwflow wrote no SARIF results to $sarif" >&2
  exit 1
fi

echo "== sarif-multitool validate"
out="$(cd "$work" && npx --no-install sarif-multitool validate "$sarif" 2>&1)" || {
  echo "$out"
  echo "sarif-multitool failed to run" >&2
  exit 1
}
echo "$out"
if ! grep -q "Analysis completed successfully" <<<"$out"; then
  echo "sarif-multitool did not complete its analysis" >&2
  exit 1
fi
if grep -E ':[[:space:]]*error[[:space:]]' <<<"$out" >/dev/null; then
  echo "sarif-multitool reported errors in pwflow's SARIF" >&2
  exit 1
fi
echo "SARIF validation: no errors"
