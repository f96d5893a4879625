#!/usr/bin/env bash
# dist/package.sh OUT_DIR [--target TRIPLE]
#
# Builds pwflow for one platform (the host, or TRIPLE) with the release profile and writes to
# OUT_DIR everything a user installs without a Rust toolchain (see dist/README.md):
#
#   pwflow-<version>-<target>.tar.gz (+ .sha256)   the binary, README.md, LICENSE
#   pwflow-<version>-py3-none-<platform>.whl        the PyPI wheel: the binary only (maturin, `bin`)
#   pwflow-cli-<os>-<cpu>-<version>.tgz             npm package `@pwflow/cli-<os>-<cpu>`: the binary
#   pwflow-<version>.tgz                            npm package `pwflow`: the launcher (any platform)
#
# Needs cargo, python3 (maturin is installed into a throwaway venv when it is not on PATH), node
# and npm. Respects CARGO_TARGET_DIR. Nothing it makes downloads anything at install time.
set -euo pipefail

die() { echo "package.sh: $*" >&2; exit 1; }
log() { echo "== $*" >&2; }

OUT=""
TARGET=""
while [ $# -gt 0 ]; do
  case "$1" in
    --target) [ $# -ge 2 ] || die "--target needs a value"; TARGET="$2"; shift 2 ;;
    --target=*) TARGET="${1#--target=}"; shift ;;
    -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) die "unknown option $1" ;;
    *) [ -z "$OUT" ] || die "one OUT_DIR only"; OUT="$1"; shift ;;
  esac
done
[ -n "$OUT" ] || die "usage: dist/package.sh OUT_DIR [--target TRIPLE]"

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
cd "$ROOT"
START=$(date +%s)

PYTHON="${PYTHON:-}"
if [ -z "$PYTHON" ]; then
  if command -v python3 >/dev/null 2>&1; then PYTHON=python3; else PYTHON=python; fi
fi
command -v npm >/dev/null 2>&1 || die "npm is needed for the npm packages"

HOST="$(rustc -vV | sed -n 's/^host: //p')"
TARGET="${TARGET:-$HOST}"
META="$(cargo metadata --format-version 1 --no-deps --locked)"
field() { "$PYTHON" -c "import json,sys; d=json.load(sys.stdin); print($1)" <<<"$META"; }
VERSION="$(field 'next(p["version"] for p in d["packages"] if p["name"] == "pwflow")')"
EXE=""
case "$TARGET" in *-windows-*) EXE=".exe" ;; esac

# npm's names for the platform (process.platform, process.arch).
case "$TARGET" in
  x86_64-unknown-linux-*) NPM_OS=linux NPM_CPU=x64 ;;
  aarch64-unknown-linux-*) NPM_OS=linux NPM_CPU=arm64 ;;
  x86_64-apple-darwin) NPM_OS=darwin NPM_CPU=x64 ;;
  aarch64-apple-darwin) NPM_OS=darwin NPM_CPU=arm64 ;;
  x86_64-pc-windows-*) NPM_OS=win32 NPM_CPU=x64 ;;
  *) die "no npm platform package is defined for $TARGET (see dist/README.md)" ;;
esac

WORK="$(mktemp -d "${TMPDIR:-/tmp}/pwflow-package.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

# --- maturin: on PATH, or in a throwaway venv -------------------------------------------------
venv_bin() { if [ -d "$WORK/venv/Scripts" ]; then echo "$WORK/venv/Scripts"; else echo "$WORK/venv/bin"; fi; }
need_venv() {
  if [ ! -d "$WORK/venv" ]; then
    log "creating a throwaway venv for the packaging tools"
    "$PYTHON" -m venv "$WORK/venv"
  fi
  "$(venv_bin)/python" -m pip install --quiet --disable-pip-version-check "$@"
}
MATURIN="${MATURIN:-}"
if [ -z "$MATURIN" ]; then
  if command -v maturin >/dev/null 2>&1; then
    MATURIN=maturin
  else
    log "installing maturin (PyPI) into the throwaway venv"
    need_venv "maturin>=1.9,<2"
    MATURIN="$(venv_bin)/maturin"
  fi
fi

# --- build: maturin runs `cargo build --release --locked` and wraps the binary in the wheel ----
TARGET_ARGS=()
[ "$TARGET" = "$HOST" ] || TARGET_ARGS=(--target "$TARGET")
log "building pwflow $VERSION for $TARGET (release profile) and its wheel"
"$MATURIN" build --release --locked --out "$WORK/wheel" ${TARGET_ARGS[@]+"${TARGET_ARGS[@]}"} >&2
WHEEL="$(ls "$WORK"/wheel/*.whl)"
[ "$(echo "$WHEEL" | wc -l)" -eq 1 ] || die "expected one wheel, got: $WHEEL"

# A static musl binary runs on glibc systems too: tag its wheel for both, so `pip install`
# finds it on every Linux (maturin tags a musl build musllinux only).
case "$TARGET" in
  *-unknown-linux-musl)
    ARCH="${TARGET%%-*}"
    need_venv "wheel>=0.40"
    log "tagging the static musl wheel manylinux2014 + musllinux_1_2"
    "$(venv_bin)/python" -m wheel tags --remove \
      --platform-tag "manylinux_2_17_${ARCH}.manylinux2014_${ARCH}.musllinux_1_2_${ARCH}" "$WHEEL" >&2
    WHEEL="$(ls "$WORK"/wheel/*.whl)"
    ;;
esac
cp "$WHEEL" "$OUT/"
WHEEL="$OUT/$(basename "$WHEEL")"

# The archive and the npm package carry the very binary the wheel holds.
BIN="$WORK/pwflow$EXE"
"$PYTHON" - "$WHEEL" "$BIN" "pwflow$EXE" <<'EOF'
import sys, zipfile
wheel, dest, name = sys.argv[1:]
with zipfile.ZipFile(wheel) as z:
    found = [n for n in z.namelist() if n.endswith(".data/scripts/" + name)]
    if len(found) != 1:
        sys.exit(f"package.sh: the wheel holds {found}, expected one .data/scripts/{name}")
    with z.open(found[0]) as src, open(dest, "wb") as out:
        out.write(src.read())
EOF
chmod 755 "$BIN"

# --- archive ----------------------------------------------------------------------------------
sha256() {
  if command -v sha256sum >/dev/null 2>&1; then sha256sum "$1"; else shasum -a 256 "$1"; fi
}
NAME="pwflow-$VERSION-$TARGET"
mkdir -p "$WORK/archive/$NAME"
cp "$BIN" README.md LICENSE "$WORK/archive/$NAME/"
log "writing $NAME.tar.gz"
tar -C "$WORK/archive" -czf "$OUT/$NAME.tar.gz" "$NAME"
(cd "$OUT" && sha256 "$NAME.tar.gz" > "$NAME.tar.gz.sha256")

# --- npm --------------------------------------------------------------------------------------
# `npm pack` names a scoped package `scope-name-version.tgz`.
PLATFORM_PKG="@pwflow/cli-$NPM_OS-$NPM_CPU"
P="$WORK/npm/cli"
mkdir -p "$P/bin"
cp "$BIN" "$P/bin/"
cp LICENSE "$P/"
printf '# %s\n\nThe pwflow %s binary for %s %s. Install `pwflow`, which depends on this package.\n' \
  "$PLATFORM_PKG" "$VERSION" "$NPM_OS" "$NPM_CPU" > "$P/README.md"
node - "$P/package.json" "$PLATFORM_PKG" "$VERSION" "$NPM_OS" "$NPM_CPU" "pwflow$EXE" <<'EOF'
const [file, name, version, os, cpu, exe] = process.argv.slice(2);
const pkg = {
  name, version,
  description: `The pwflow binary for ${os} ${cpu} (install the \`pwflow\` package)`,
  license: "MIT",
  repository: { type: "git", url: "git+https://github.com/pwflow/pwflow.git" },
  os: [os], cpu: [cpu],
  files: [`bin/${exe}`],
  preferUnplugged: true,
};
require("node:fs").writeFileSync(file, JSON.stringify(pkg, null, 2) + "\n");
EOF
L="$WORK/npm/pwflow"
mkdir -p "$L"
cp -R dist/npm/pwflow/. "$L/"
cp LICENSE "$L/"
node - "$L/package.json" "$VERSION" <<'EOF'
const fs = require("node:fs");
const [file, version] = process.argv.slice(2);
const pkg = JSON.parse(fs.readFileSync(file, "utf8"));
pkg.version = version;
for (const dep of Object.keys(pkg.optionalDependencies)) pkg.optionalDependencies[dep] = version;
fs.writeFileSync(file, JSON.stringify(pkg, null, 2) + "\n");
EOF
log "npm pack $PLATFORM_PKG and pwflow"
(cd "$P" && npm pack --silent --pack-destination "$OUT" >/dev/null)
(cd "$L" && npm pack --silent --pack-destination "$OUT" >/dev/null)

# --- summary ----------------------------------------------------------------------------------
size() { wc -c < "$1" | tr -d ' '; }
echo "pwflow $VERSION for $TARGET in $(( $(date +%s) - START )) s:"
printf '  %-58s %10s bytes\n' "binary (stripped)" "$(size "$BIN")"
for f in "$NAME.tar.gz" "$(basename "$WHEEL")" "pwflow-cli-$NPM_OS-$NPM_CPU-$VERSION.tgz" "pwflow-$VERSION.tgz"; do
  [ -f "$OUT/$f" ] || die "$f was not written"
  printf '  %-58s %10s bytes\n' "$f" "$(size "$OUT/$f")"
done
