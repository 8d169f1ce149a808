// The precompressed twins of the build (scripts/precompress.mjs): every compressible file of dist/ has
// FILE.br (Brotli) and FILE.gz (gzip) beside it that decode to its exact bytes, the service worker
// precaches none of them, and the app runs from a host that serves them (as nginx's brotli_static /
// gzip_static do), its worker caching each file once, decoded.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { extname, join, relative } from 'node:path';
import { startServer, launchBrowser, openPage, AppPage, DIST } from './support.mjs';

const COMPRESSIBLE = ['.html', '.js', '.css', '.wasm', '.json', '.svg', '.webmanifest'];
const files = readdirSync(DIST, { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile()).map((e) => relative(DIST, join(e.parentPath, e.name)));

let server, browser;
before(async () => { server = await startServer({ precompressed: true }); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.close(); });

test('every compressible file has a Brotli and a gzip twin with its exact bytes, and nothing else is twinned', () => {
  const originals = files.filter((f) => !/\.(br|gz)$/.test(f));
  const compressible = originals.filter((f) => COMPRESSIBLE.includes(extname(f)));
  for (const kind of ['.wasm', '.js', '.css', '.html', '.json']) {
    assert.ok(compressible.some((f) => f.endsWith(kind)), `dist/ has a ${kind} file to twin`);
  }
  for (const f of compressible) {
    const bytes = readFileSync(join(DIST, f));
    assert.ok(files.includes(`${f}.br`) && files.includes(`${f}.gz`), `${f} has both twins`);
    const br = readFileSync(join(DIST, `${f}.br`)), gz = readFileSync(join(DIST, `${f}.gz`));
    assert.ok(brotliDecompressSync(br).equals(bytes), `${f}.br decodes to ${f}`);
    assert.ok(gunzipSync(gz).equals(bytes), `${f}.gz decodes to ${f}`);
    if (bytes.length > 4096) assert.ok(br.length < gz.length && gz.length < bytes.length, `${f}: brotli < gzip < raw`);
  }
  for (const twin of files.filter((f) => /\.(br|gz)$/.test(f))) {
    assert.ok(originals.includes(twin.replace(/\.(br|gz)$/, '')), `${twin} is the twin of a file of the build`);
  }
});

test('the service worker precaches no twin (offline.test.mjs checks it lists every file of the build)', () => {
  const sw = readFileSync(join(DIST, 'sw.js'), 'utf8');
  const list = JSON.parse(sw.match(/^const FILES = (.*);$/m)[1]);
  assert.ok(list.some((f) => f.endsWith('.wasm')), 'the wasm is precached');
  assert.deepEqual(list.filter((f) => /\.(br|gz)$/.test(f) || f === '_headers'), [], 'no twin, no _headers');
});

test('the app runs from a host serving the Brotli twins, and its worker caches the decoded files', async () => {
  const { page, context, problems } = await openPage(browser, server.origin, { viewport: { width: 390, height: 844 } });
  const encodings = new Map();
  page.on('response', (r) => encodings.set(new URL(r.url()).pathname.split('/').pop(), r.headers()['content-encoding']));
  const app = new AppPage(page, server.url);
  await app.open();
  const wasm = [...encodings.keys()].find((f) => f.endsWith('.wasm'));
  assert.equal(encodings.get(wasm), 'br', 'the wasm arrived as Brotli');
  assert.equal(encodings.get(''), 'br', 'the page itself arrived as Brotli');
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 10000 });
  const cached = await page.evaluate(async () => {
    const keys = await caches.keys();
    const cache = await caches.open(keys.find((k) => k.startsWith('collab-risk ')));
    const urls = (await cache.keys()).map((r) => r.url);
    const wasmUrl = urls.find((u) => u.endsWith('.wasm'));
    const head = new Uint8Array(await (await cache.match(wasmUrl)).arrayBuffer()).slice(0, 4);
    return { twins: urls.filter((u) => /\.(br|gz)$/.test(u)), head: [...head] };
  });
  assert.deepEqual(cached.twins, [], 'no twin in the cache');
  assert.deepEqual(cached.head, [0, 0x61, 0x73, 0x6d], 'the cached wasm is decoded (\\0asm)');
  assert.deepEqual(problems.consoleErrors, []);
  assert.deepEqual(problems.foreignRequests, []);
  await context.close();
});
