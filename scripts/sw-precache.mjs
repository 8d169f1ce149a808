// Trunk post_build hook, after csp-hash.mjs: writes into the staged sw.js the files the service worker
// precaches — every file Trunk staged for dist/ except sw.js, so a new asset is included without
// listing it — and VERSION, a hash of their names and bytes (a new deploy, a new cache). Debug builds
// (`trunk serve`) list none. Re-runnable on a built dist/: TRUNK_STAGING_DIR=dist node scripts/sw-precache.mjs
import { readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join, relative, sep } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) { console.error('sw-precache: TRUNK_STAGING_DIR is not set (run through trunk)'); process.exit(1); }
const swFile = join(dir, 'sw.js');
const files = readdirSync(dir, { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile())
  .map((e) => relative(dir, join(e.parentPath ?? e.path, e.name)).split(sep).join('/'))
  // Not sw.js itself, nor the precompressed twins (precompress.mjs): the worker caches each file once,
  // decoded, whatever encoding the host sent it in; nor _headers, which hosts read and never serve.
  .filter((f) => f !== 'sw.js' && f !== '_headers' && !/\.(br|gz)$/.test(f))
  .sort();
const hash = createHash('sha256');
for (const f of files) hash.update(f).update('\0').update(readFileSync(join(dir, f))).update('\0');
const release = process.env.TRUNK_PROFILE !== 'debug';
const list = release ? files : [];
const version = release ? hash.digest('hex').slice(0, 16) : 'debug';

const VERSION_LINE = /^const VERSION = .*;$/m, FILES_LINE = /^const FILES = .*;$/m;
const sw = readFileSync(swFile, 'utf8');
if (!VERSION_LINE.test(sw) || !FILES_LINE.test(sw)) { console.error('sw-precache: no `const VERSION`/`const FILES` line in sw.js'); process.exit(1); }
writeFileSync(swFile, sw.replace(VERSION_LINE, `const VERSION = '${version}';`).replace(FILES_LINE, `const FILES = ${JSON.stringify(list)};`));
console.log(`sw-precache: ${list.length} file(s) precached, version ${version}`);
