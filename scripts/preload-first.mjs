// Trunk post_build hook: moves Trunk's <link rel="modulepreload"> and <link rel="preload"> (the JS
// loader, its snippets, the wasm) from the end of <head> to just after the stylesheet (the first
// view's CSS is still asked for first), so the browser starts fetching the wasm before it parses
// public/boot.js — a classic script that must run before the first paint and so blocks the parser.
// On the phone profile this starts the wasm about 0.3 s earlier (docs/size.md). Re-runnable: TRUNK_STAGING_DIR=dist node scripts/preload-first.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) { console.error('preload-first: TRUNK_STAGING_DIR is not set (run through trunk)'); process.exit(1); }
const file = join(dir, 'index.html');
let html = readFileSync(file, 'utf8');
// Trunk writes them as <link rel="modulepreload|preload" …>, on one line after its loader script.
const LINK = /<link\b(?=[^>]*\brel="(?:modulepreload|preload)")[^>]*>/g;
const links = html.match(LINK) ?? [];
if (links.length === 0) {
  // Trunk always writes them (the loader, the wasm): their absence means its output changed.
  console.error('preload-first: no <link rel="modulepreload"> or <link rel="preload"> in index.html'); process.exit(1);
}
// Out of every line; a line left with nothing but blanks goes too (re-runs leave no blank lines).
html = html.split('\n').flatMap((line) => {
  const rest = line.replace(LINK, '');
  return rest !== line && rest.trim() === '' ? [] : [rest];
}).join('\n');
const csp = html.search(/http-equiv="Content-Security-Policy"/);
const anchor = /<link rel="stylesheet"[^>]*>/;
const at = html.search(anchor);
// After the stylesheet, which comes after the CSP meta tag (the policy applies to what follows it).
if (csp < 0 || at < csp) { console.error('preload-first: no stylesheet link after the CSP meta tag in index.html'); process.exit(1); }
html = html.replace(anchor, (m) => `${m}\n    ${links.join('\n    ')}`);
writeFileSync(file, html);
console.log(`preload-first: ${links.length} preload link(s) moved before the first script`);
