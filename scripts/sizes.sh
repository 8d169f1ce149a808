#!/usr/bin/env bash
# Prints each file in a dist folder with its raw and gzipped (-9) size, and the totals.
set -euo pipefail
dir="${1:-dist}"
[ -d "$dir" ] || { echo "sizes: no $dir/ — run make build first" >&2; exit 1; }
total_raw=0; total_gz=0; lang_gz=0; lang_max=0
printf '%-48s %12s %12s\n' "file" "bytes" "gzip bytes"
while IFS= read -r -d '' f; do
  raw=$(stat -c %s "$f"); gz=$(gzip -9 -c "$f" | wc -c)
  total_raw=$((total_raw + raw)); total_gz=$((total_gz + gz))
  # Language bundles (i18n/<tag>.json) are fetched only by a reader of that language.
  case "${f#"$dir"/}" in i18n/*) lang_gz=$((lang_gz + gz)); [ "$gz" -gt "$lang_max" ] && lang_max=$gz ;; esac
  printf '%-48s %12d %12d\n' "${f#"$dir"/}" "$raw" "$gz"
done < <(find "$dir" -type f -print0 | sort -z)
printf '%-48s %12d %12d\n' "TOTAL" "$total_raw" "$total_gz"
awk -v b="$total_gz" 'BEGIN { printf "dist total gzipped: %.1f KB (goal 300 KB)\n", b / 1000 }'
awk -v b="$total_gz" -v l="$lang_gz" -v m="$lang_max" 'BEGIN { if (l > 0) printf "one page loads: %.1f KB in English, at most %.1f KB in another language (bundles are fetched on demand)\n", (b - l) / 1000, (b - l + m) / 1000 }'
