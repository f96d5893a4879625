#!/usr/bin/env bash
# dist/test.sh [OUT_DIR]: runs dist/package.sh (unless OUT_DIR already holds its output), then
# installs what it made the way a user would, with no network: the wheel into a fresh venv
# (`pip install --no-index`), the npm tarballs into a fresh project (`npm install --offline`
# with an empty cache), the archive after checking its sha256, and the pre-commit hooks template
# (`language: python`) with the wheel as its dependency. Each installed pwflow must print its
# version and find a password-flow login (exit 1). Run by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."

WORK="$(mktemp -d "${TMPDIR:-/tmp}/pwflow-dist-test.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
if [ $# -ge 1 ]; then
  OUT="$(cd "$1" && pwd)"
else
  OUT="$WORK/out"
  START=$(date +%s)
  bash dist/package.sh "$OUT"
  echo "dist/package.sh took $(( $(date +%s) - START )) s"
fi

PASSED=0
FAILED=0
pass() { PASSED=$((PASSED + 1)); echo "ok: $*"; }
failed() { FAILED=$((FAILED + 1)); echo "FAILED: $*"; }

VERSION="$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -1)"
[ -n "$VERSION" ] || { echo "no version in Cargo.toml" >&2; exit 1; }

# A file with a password-flow login: every installed pwflow must report it (exit 1).
mkdir -p "$WORK/scan"
cat > "$WORK/scan/login.php" <<'EOF'
<?php
use RingCentral\SDK\SDK;
$platform = (new SDK('id', 'secret', SDK::SERVER_PRODUCTION))->platform();
$platform->login($username, $extension, $password);
EOF

# check_installed WHAT COMMAND...: `--version` prints "pwflow VERSION", the scan exits 1.
check_installed() {
  local what="$1"; shift
  local out status
  if out="$("$@" --version 2>&1)" && [ "$out" = "pwflow $VERSION" ]; then
    pass "$what: --version prints '$out'"
  else
    failed "$what: --version printed '$out'"
  fi
  status=0
  out="$("$@" check --quiet --color never "$WORK/scan" 2>&1)" || status=$?
  if [ "$status" = 1 ] && [[ "$out" == *ringcentral/php-password-login* ]]; then
    pass "$what: finds the password login (exit 1)"
  else
    failed "$what: scan exited $status: $out"
  fi
}

# --- the archive ------------------------------------------------------------------------------
ARCHIVE="$(cd "$OUT" && ls pwflow-"$VERSION"-*.tar.gz)"
if (cd "$OUT" && sha256sum --check --status "$ARCHIVE.sha256"); then
  pass "$ARCHIVE matches $ARCHIVE.sha256"
else
  failed "$ARCHIVE does not match $ARCHIVE.sha256"
fi
DIR="${ARCHIVE%.tar.gz}"
LISTING="$(tar -tzf "$OUT/$ARCHIVE" | sort | tr '\n' ' ')"
if [ "$LISTING" = "$DIR/ $DIR/LICENSE $DIR/README.md $DIR/pwflow " ]; then
  pass "the archive holds $DIR/{pwflow,README.md,LICENSE}"
else
  failed "the archive holds: $LISTING"
fi
mkdir -p "$WORK/archive"
tar -C "$WORK/archive" -xzf "$OUT/$ARCHIVE"
check_installed "archive" "$WORK/archive/$DIR/pwflow"

# --- the wheel --------------------------------------------------------------------------------
WHEEL="$(ls "$OUT"/pwflow-"$VERSION"-py3-none-*.whl)"
WHEEL_SIZE="$(wc -c < "$WHEEL")"
if [ "$WHEEL_SIZE" -le $((8 * 1024 * 1024)) ]; then
  pass "the wheel is $WHEEL_SIZE bytes (<= 8 MiB)"
else
  failed "the wheel is $WHEEL_SIZE bytes (> 8 MiB)"
fi
if EXTRA="$(python3 - "$WHEEL" <<'EOF'
import sys, zipfile
names = zipfile.ZipFile(sys.argv[1]).namelist()
extra = [n for n in names if ".dist-info/" not in n and not n.endswith(".data/scripts/pwflow")]
print(" ".join(extra))
sys.exit(1 if extra or len(names) == len(extra) else 0)
EOF
)"; then
  pass "the wheel holds the binary and its metadata only"
else
  failed "the wheel holds more than the binary: $EXTRA"
fi
python3 -m venv "$WORK/venv"
if "$WORK/venv/bin/pip" install --quiet --disable-pip-version-check --no-index "$WHEEL"; then
  pass "pip install --no-index $(basename "$WHEEL")"
  check_installed "wheel (venv)" "$WORK/venv/bin/pwflow"
else
  failed "pip install --no-index $(basename "$WHEEL")"
fi

# --- npm --------------------------------------------------------------------------------------
# An empty cache and --offline: any attempt to reach the registry fails the install. The other
# platforms' optional packages cannot be fetched and are skipped, as npm does for a platform
# package whose os/cpu do not match.
mkdir -p "$WORK/npm-project"
PLATFORM_TGZ="$(cd "$OUT" && ls pwflow-cli-*-"$VERSION".tgz)"
(
  cd "$WORK/npm-project"
  echo '{ "name": "project", "version": "1.0.0", "private": true }' > package.json
  npm install --offline --cache "$WORK/npm-cache" --no-audit --no-fund --loglevel=error \
    "$OUT/$PLATFORM_TGZ" "$OUT/pwflow-$VERSION.tgz"
) && pass "npm install --offline $PLATFORM_TGZ pwflow-$VERSION.tgz" \
  || failed "npm install --offline $PLATFORM_TGZ pwflow-$VERSION.tgz"
check_installed "npm (node_modules/.bin)" "$WORK/npm-project/node_modules/.bin/pwflow"
npx_pwflow() { (cd "$WORK/npm-project" && npx --offline --cache "$WORK/npm-cache" --no -- pwflow "$@"); }
check_installed "npm (npx)" npx_pwflow

# --- pre-commit, `language: python`, from the hooks repository template ----------------------
# pre-commit installs the hooks repository (dist/pre-commit/) and the hook's
# additional_dependencies (the wheel) into a virtualenv; pip takes the wheel from OUT_DIR, not PyPI (PIP_NO_INDEX, PIP_FIND_LINKS). The template's build
# backend (setuptools) comes from the virtualenv's seed, as no index is reachable.
if command -v pre-commit >/dev/null 2>&1; then
  H="$WORK/pre-commit"
  mkdir -p "$H/hooks" "$H/repo"
  cp -R dist/pre-commit/. "$H/hooks/"
  sed -i.bak "s/\"pwflow==[^\"]*\"/\"pwflow==$VERSION\"/" "$H/hooks/.pre-commit-hooks.yaml"
  rm "$H/hooks/.pre-commit-hooks.yaml.bak"
  git_() { git -c user.name=t -c user.email=t@example.invalid -c init.defaultBranch=main "$@"; }
  (cd "$H/hooks" && git_ init -q && git_ add -A && git_ commit -qm hooks)
  REV="$(git -C "$H/hooks" rev-parse HEAD)"
  printf 'repos:\n  - repo: %s\n    rev: %s\n    hooks:\n      - id: pwflow\n' "$H/hooks" "$REV" \
    > "$H/repo/.pre-commit-config.yaml"
  cp "$WORK/scan/login.php" "$H/repo/"
  (cd "$H/repo" && git_ init -q && git_ add -A)
  hook() {
    (cd "$H/repo" && PRE_COMMIT_HOME="$H/home" PIP_NO_INDEX=1 PIP_FIND_LINKS="$OUT" \
      PIP_NO_BUILD_ISOLATION=0 pre-commit run --all-files --color never 2>&1)
  }
  status=0
  out="$(hook)" || status=$?
  if [ "$status" = 1 ] && [[ "$out" == *ringcentral/php-password-login* ]]; then
    pass "pre-commit (language: python, the wheel): refuses the password login"
  else
    failed "pre-commit (language: python, the wheel): exit $status: $out"
  fi
  sed -i.bak 's/->login(.*/->login(["jwt" => getenv("RC_JWT")]);/' "$H/repo/login.php" && rm "$H/repo/login.php.bak"
  (cd "$H/repo" && git_ add -A)
  if out="$(hook)"; then
    pass "pre-commit (language: python, the wheel): passes the JWT login"
  else
    failed "pre-commit (language: python, the wheel): the JWT login failed: $out"
  fi
else
  if [ -n "${CI:-}" ]; then failed "pre-commit is not installed (CI installs it)"; fi
  echo "note: pre-commit is not installed; skipping the language: python hook"
fi

echo "dist: $PASSED passed, $FAILED failed"
[ "$FAILED" = 0 ]
