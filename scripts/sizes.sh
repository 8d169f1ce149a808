#!/usr/bin/env bash
# Prints each file in a dist folder with its raw, gzipped (-9) and Brotli (its precompressed .br twin,
# scripts/precompress.mjs; "-" where it has none) size, and the totals. The twins themselves are not
# files of the app: they are left out of the list and the totals.
set -euo pipefail
dir="${1:-dist}"
[ -d "$dir" ] || { echo "sizes: no $dir/ — run make build first" >&2; exit 1; }
total_raw=0; total_gz=0; total_br=0; lang_gz=0; lang_max=0; wasm_br=0
printf '%-48s %12s %12s %12s\n' "file" "bytes" "gzip bytes" "brotli bytes"
while IFS= read -r -d '' f; do
  raw=$(stat -c %s "$f"); gz=$(gzip -9 -c "$f" | wc -c)
  if [ -f "$f.br" ]; then br=$(stat -c %s "$f.br"); else br=$raw; fi
  total_raw=$((total_raw + raw)); total_gz=$((total_gz + gz)); total_br=$((total_br + br))
  case "$f" in *.wasm) wasm_br=$((wasm_br + br)) ;; esac
  # Language bundles (i18n/<tag>.json) are fetched only by a reader of that language.
  case "${f#"$dir"/}" in i18n/*) lang_gz=$((lang_gz + gz)); [ "$gz" -gt "$lang_max" ] && lang_max=$gz ;; esac
  if [ -f "$f.br" ]; then shown=$br; else shown=-; fi
  printf '%-48s %12d %12d %12s\n' "${f#"$dir"/}" "$raw" "$gz" "$shown"
done < <(find "$dir" -type f ! -name '*.br' ! -name '*.gz' -print0 | sort -z)
printf '%-48s %12d %12d %12d\n' "TOTAL" "$total_raw" "$total_gz" "$total_br"
awk -v b="$total_gz" 'BEGIN { printf "dist total gzipped: %.1f KB (goal 300 KB)\n", b / 1000 }'
awk -v b="$total_br" -v w="$wasm_br" 'BEGIN { if (w > 0) printf "dist total brotli (precompressed twins): %.1f KB; main wasm %.1f KB brotli (goal 300 KB, issue 20)\n", b / 1000, w / 1000 }'
awk -v b="$total_gz" -v l="$lang_gz" -v m="$lang_max" 'BEGIN { if (l > 0) printf "one page loads: %.1f KB in English, at most %.1f KB in another language (bundles are fetched on demand)\n", (b - l) / 1000, (b - l + m) / 1000 }'
