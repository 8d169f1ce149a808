// Trunk post_build hook: writes each non-English language as one bundle, dist/i18n/<tag>.json =
// {"ui": locales/<tag>.json, "catalog": translations of locales/catalog/<tag>.json}, minified. The
// app fetches it (relative URL, same origin) when a reader picks the language; English is built in.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) { console.error('i18n-bundles: TRUNK_STAGING_DIR is not set (run through trunk)'); process.exit(1); }
const source = process.env.TRUNK_SOURCE_DIR ?? process.cwd();
const LANGUAGES = ['zh-Hant', 'pt'];

mkdirSync(join(staging, 'i18n'), { recursive: true });
for (const tag of LANGUAGES) {
  const ui = JSON.parse(readFileSync(join(source, 'locales', `${tag}.json`), 'utf8'));
  const entries = JSON.parse(readFileSync(join(source, 'locales', 'catalog', `${tag}.json`), 'utf8'));
  const catalog = Object.fromEntries(Object.entries(entries).map(([key, { text }]) => [key, text]));
  const bundle = JSON.stringify({ ui, catalog });
  writeFileSync(join(staging, 'i18n', `${tag}.json`), bundle);
  console.log(`i18n-bundles: i18n/${tag}.json, ${bundle.length} bytes`);
}
