// Trunk post_build hook: put the SHA-256 of each inline <script> into the CSP meta tag, so the page
// runs with a CSP that has no 'unsafe-inline' for scripts. Works on Trunk's staging dir.
import { readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) { console.error('csp-hash: TRUNK_STAGING_DIR is not set (run through trunk)'); process.exit(1); }
const file = join(dir, 'index.html');
let html = readFileSync(file, 'utf8');
const hashes = [];
for (const m of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)) {
  hashes.push(`'sha256-${createHash('sha256').update(m[1], 'utf8').digest('base64')}'`);
}
const placeholder = /(http-equiv="Content-Security-Policy"[^>]*script-src[^;"]*)CSP_SCRIPT_HASH/;
if (!placeholder.test(html)) { console.error('csp-hash: no CSP_SCRIPT_HASH placeholder in the CSP meta tag of index.html'); process.exit(1); }
html = html.replace(placeholder, `$1${hashes.join(' ')}`);
writeFileSync(file, html);
console.log(`csp-hash: ${hashes.length} inline script hash(es) added to the CSP`);
