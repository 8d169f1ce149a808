#!/usr/bin/env bash
# Sums the runners' own summary lines into one closing line: "all: N passed, N failed".
set -euo pipefail
native="$1"; browser="$2"
read -r np nf < <(awk '/^test result:/ { for (i = 1; i <= NF; i++) { if ($(i+1) ~ /^passed;/) p += $i; if ($(i+1) ~ /^failed;/) f += $i } } END { print p+0, f+0 }' "$native")
read -r bp bf < <(awk '/^# pass / { p = $3 } /^# fail / { f = $3 } END { print p+0, f+0 }' "$browser")
echo "native (cargo test): $np passed, $nf failed"
echo "browser (node --test, headless Chromium): $bp passed, $bf failed"
echo "all: $((np + bp)) passed, $((nf + bf)) failed"
