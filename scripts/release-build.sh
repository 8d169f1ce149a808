#!/usr/bin/env bash
# `trunk build --release --offline [ARGS…]` for the Trunk project in the current directory, built for
# size with unstable flags, which the stable toolchain accepts with RUSTC_BOOTSTRAP=1 (docs/size.md):
# build-std with panic=immediate-abort and std's optimize_for_size. If this toolchain refuses them, it builds with
# the stable release flags instead and says so in one line, rather than failing.
set -euo pipefail
stable_flags="--cfg erase_components"
rustc="${RUSTC:-rustc}"

# Why the size flags cannot be used here (empty: they can).
refusal() {
  local std_manifest out
  std_manifest="$("$rustc" --print sysroot)/lib/rustlib/src/rust/library/std/Cargo.toml"
  [ -f "$std_manifest" ] || { echo "no rust-src component (rustup component add rust-src)"; return; }
  grep -q '^optimize_for_size' "$std_manifest" || { echo "this std has no optimize_for_size feature"; return; }
  out=$(RUSTC_BOOTSTRAP=1 "$rustc" --target wasm32-unknown-unknown -Zunstable-options -Cpanic=immediate-abort --print cfg 2>&1 >/dev/null) \
    || { grep -m1 '^error' <<<"$out" || echo "rustc refuses -Cpanic=immediate-abort"; return; }
  RUSTC_BOOTSTRAP=1 cargo -Z help 2>/dev/null | grep -q 'build-std-features' || echo "cargo has no -Z build-std-features"
}

size_build() {
  RUSTC_BOOTSTRAP=1 CARGO_UNSTABLE_BUILD_STD=std,panic_abort CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size \
    RUSTFLAGS="$stable_flags -Zunstable-options -Cpanic=immediate-abort" trunk build --release --offline "$@"
}
stable_build() { RUSTFLAGS="$stable_flags" trunk build --release --offline "$@"; }

why=$(refusal)
if [ -n "$why" ]; then
  echo "release-build: this toolchain refuses the size flags ($why): building with the stable flags (a larger wasm)"
  stable_build "$@"
elif ! size_build "$@"; then
  echo "release-build: the build with the size flags failed (see above): building with the stable flags (a larger wasm)"
  stable_build "$@"
fi
