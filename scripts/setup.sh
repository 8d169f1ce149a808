#!/usr/bin/env bash
# Installs what the project needs, only where it is missing or of the wrong version.
#   scripts/setup.sh build   wasm32 target, trunk 0.21.14, wasm-bindgen-cli 0.2.130, wasm-opt 132, crates
#   scripts/setup.sh test    the same, plus Debian chromium + chromium-driver and the npm test packages
# Every check runs the tool itself, so an interrupted install is simply redone on the next run.
# On failure it stops with one line: what is wrong and how to fix it.
set -euo pipefail

TRUNK_VERSION=0.21.14
WASM_BINDGEN_VERSION=0.2.130
BINARYEN_VERSION=132
TOOLS_DIR="${COLLAB_RISK_TOOLS:-$HOME/.cache/collab-risk/tools}"
export PATH="$TOOLS_DIR/node_modules/.bin:$HOME/.cargo/bin:$PATH"

mode="${1:-build}"
cd "$(dirname "$0")/.."

say() { printf 'setup: %s\n' "$*"; }
die() { printf 'setup: error: %s\n' "$*" >&2; exit 1; }
quiet() { # run a long install, show its output only if it fails
  local log; log=$(mktemp)
  if ! "$@" >"$log" 2>&1; then tail -n 25 "$log" >&2; rm -f "$log"; return 1; fi
  rm -f "$log"
}

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else die "need root to run '$*' — run it as root, or install chromium and chromium-driver yourself"; fi
}

command -v cargo >/dev/null || die "cargo not found — install Rust with rustup, then run make again"
command -v rustup >/dev/null || die "rustup not found — the wasm32 target is added with rustup; install Rust with rustup"
command -v node >/dev/null && command -v npm >/dev/null \
  || die "node and npm not found — install them (Debian: apt-get install nodejs npm), then run make again"

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding rust target wasm32-unknown-unknown"
  quiet rustup target add wasm32-unknown-unknown || die "rustup target add wasm32-unknown-unknown failed"
fi

# The release build rebuilds std for size (scripts/release-build.sh): it needs the library sources.
if [ ! -f "$(rustc --print sysroot)/lib/rustlib/src/rust/library/Cargo.lock" ]; then
  say "adding rust component rust-src (the release build rebuilds std for size)"
  quiet rustup component add rust-src || die "rustup component add rust-src failed"
fi

if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
  say "installing trunk $TRUNK_VERSION with cargo (about 15 minutes on 2 cores)"
  quiet cargo install --locked --force trunk --version "$TRUNK_VERSION" \
    || die "cargo install trunk $TRUNK_VERSION failed (see above); rerun make once the cause is fixed"
  [ "$(trunk --version 2>/dev/null)" = "trunk $TRUNK_VERSION" ] \
    || die "trunk on PATH is not $TRUNK_VERSION ($(command -v trunk)); put \$HOME/.cargo/bin first in PATH"
fi

if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION with cargo"
  # Not --locked: its lockfile names a crate version the registry no longer has.
  quiet cargo install --force wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" \
    || die "cargo install wasm-bindgen-cli $WASM_BINDGEN_VERSION failed (see above)"
  [ "$(wasm-bindgen --version 2>/dev/null)" = "wasm-bindgen $WASM_BINDGEN_VERSION" ] \
    || die "wasm-bindgen on PATH is not $WASM_BINDGEN_VERSION ($(command -v wasm-bindgen)); put \$HOME/.cargo/bin first in PATH"
fi

# wasm-opt from npm's binaryen, in a cache of our own: Debian's binaryen (108) builds a wasm that
# dies at start, and a private prefix never collides with a system copy.
if ! wasm-opt --version 2>/dev/null | grep -q "version $BINARYEN_VERSION\b"; then
  say "installing wasm-opt (npm binaryen@$BINARYEN_VERSION) into $TOOLS_DIR"
  mkdir -p "$TOOLS_DIR"
  quiet npm install --prefix "$TOOLS_DIR" --no-audit --no-fund --no-save "binaryen@$BINARYEN_VERSION" \
    || die "npm install binaryen@$BINARYEN_VERSION failed (see above)"
  wasm-opt --version 2>/dev/null | grep -q "version $BINARYEN_VERSION\b" \
    || die "wasm-opt is not version $BINARYEN_VERSION after install ($(command -v wasm-opt))"
fi

# Trunk runs offline, which makes cargo offline too: fetch the locked crates first.
quiet cargo fetch --locked || die "cargo fetch failed — is crates.io reachable? Cargo.lock must be committed"
# …and the crates the standard library is built from (rust-src's own lockfile).
quiet env RUSTC_BOOTSTRAP=1 cargo fetch --target wasm32-unknown-unknown -Zbuild-std=std,panic_abort \
  || die "cargo fetch of the standard library's crates failed — is crates.io reachable?"

if [ "$mode" = test ]; then
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    say "installing Debian chromium and chromium-driver"
    quiet as_root apt-get update || die "apt-get update failed"
    quiet as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium chromium-driver \
      || die "apt-get install chromium chromium-driver failed (see above)"
  fi
  # Pinned by package-lock.json; playwright-core never downloads a browser (we use Debian's).
  if ! node -e "require.resolve('playwright-core'); require.resolve('axe-core'); require.resolve('lighthouse')" >/dev/null 2>&1 \
     || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    say "installing npm test packages (npm ci)"
    quiet env PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund \
      || die "npm ci failed (see above)"
  fi
fi
say "ok ($mode): trunk $TRUNK_VERSION, wasm-bindgen $WASM_BINDGEN_VERSION, wasm-opt $BINARYEN_VERSION"
