#!/usr/bin/env bash
# `make bench`: the figures the issues budget, printed (not asserted).
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== Monte Carlo, native (6 options × 6 dimensions × 50,000 trials; budget 50 ms)"
cargo run -q --locked --profile bench-native --bin bench
mkdir -p target
echo "== bundle (release dist/, gzip -9 per file; goal 300 KB total, issue 11)"
scripts/sizes.sh dist
echo "== bare Leptos 0.8 counter (bench/bare-app), the yardstick: same toolchain, profile and flags"
# Its own workspace; the shared target dir reuses the std and crates built for the app.
(cd bench/bare-app && CARGO_TARGET_DIR=../../target ../../scripts/release-build.sh) >target/bare-app-build.log 2>&1 \
  || { tail -20 target/bare-app-build.log; exit 1; }
grep '^release-build:' target/bare-app-build.log || true
# The bare app has no post-build hooks of its own: give it the same precompressed twins, so both are
# served alike.
TRUNK_STAGING_DIR=bench/bare-app/dist node scripts/precompress.mjs
# The timing hooks (performance marks, data-recompute-ms) exist only in a build with the `bench`
# feature: `make bench` builds one into target/dist-bench. Sizes are those of the shipped dist/.
bench_dist="${BENCH_DIST:-target/dist-bench}"
[ -d "$bench_dist" ] || { echo "bench: no $bench_dist/ — run make bench (it builds it)" >&2; exit 1; }
echo "== browser (headless Chromium, $bench_dist/ built with --features bench, gzip-compressed on 127.0.0.1)"
DIST_DIR="$bench_dist" SHIPPED_DIST=dist BARE_DIST=bench/bare-app/dist node tests/e2e/bench.mjs
echo "== Lighthouse (npm lighthouse 12.2.3, Debian Chromium through CHROME_PATH)"
CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}" SHIPPED_DIST=dist BARE_DIST=bench/bare-app/dist node tests/e2e/lighthouse.mjs
