#!/usr/bin/env bash
# `make bench`: the figures the issues budget, printed (not asserted).
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== Monte Carlo, native (6 options × 6 dimensions × 50,000 trials; budget 50 ms)"
cargo run -q --locked --profile bench-native --bin bench
echo "== bundle (release dist/, gzip -9 per file; budget 250 KB total)"
scripts/sizes.sh dist
echo "== browser (headless Chromium, dist/ on 127.0.0.1)"
node tests/e2e/bench.mjs
