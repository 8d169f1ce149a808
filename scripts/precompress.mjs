// Trunk post_build hook, last: writes FILE.br (Brotli, quality 11) and FILE.gz (gzip, level 9) next to
// every compressible file of a release build, so a host that serves precompressed files (nginx
// gzip_static / brotli_static, README "Hosting") sends the smallest bytes without compressing on each
// request. Runs after sw-precache.mjs, so sw.js is compressed with its final file list, and the twins
// are never in that list (the service worker caches the decoded file once). Debug builds get none.
// Re-runnable on a built dist/: TRUNK_STAGING_DIR=dist node scripts/precompress.mjs
import { readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';
import { join, extname } from 'node:path';

/** Files whose bytes compress; images such as PNG are compressed already. */
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.wasm', '.json', '.svg', '.webmanifest', '.txt']);
/** The twins this script writes, which no file list (precache, sizes) counts as files of their own. */
const TWIN = /\.(br|gz)$/;

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) { console.error('precompress: TRUNK_STAGING_DIR is not set (run through trunk)'); process.exit(1); }
if (process.env.TRUNK_PROFILE === 'debug') { console.log('precompress: debug build, no twins'); process.exit(0); }

let files = 0, raw = 0, br = 0, gz = 0;
for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
  if (!e.isFile() || TWIN.test(e.name) || !COMPRESSIBLE.has(extname(e.name))) continue;
  const path = join(e.parentPath ?? e.path, e.name);
  const bytes = readFileSync(path);
  const text = extname(e.name) !== '.wasm';
  const brotli = brotliCompressSync(bytes, { params: {
    [constants.BROTLI_PARAM_QUALITY]: 11,
    [constants.BROTLI_PARAM_MODE]: text ? constants.BROTLI_MODE_TEXT : constants.BROTLI_MODE_GENERIC,
    [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
  } });
  const gzip = gzipSync(bytes, { level: 9 });
  writeFileSync(`${path}.br`, brotli);
  writeFileSync(`${path}.gz`, gzip);
  files += 1; raw += bytes.length; br += brotli.length; gz += gzip.length;
}
console.log(`precompress: ${files} file(s), ${(raw / 1000).toFixed(1)} KB → brotli ${(br / 1000).toFixed(1)} KB, gzip ${(gz / 1000).toFixed(1)} KB`);
