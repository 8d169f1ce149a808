// Service worker: after one visit the app loads and recomputes with the network off.
// scripts/sw-precache.mjs (Trunk post_build hook) fills in FILES — every file of this build except
// this one — and VERSION, a hash of their names and bytes: each deploy changes this file, so the
// browser installs the new worker, which caches the new files and deletes the old cache.
// Relative to this file's directory (its scope), so any sub-path works. Debug builds list no files:
// then the worker serves nothing and `trunk serve` always shows the newest build.
const VERSION = 'unbuilt';
const FILES = [];

const SCOPE = new URL('./', self.location.href).href;
const PREFIX = `collab-risk ${SCOPE} `; // several deploys on one origin keep apart
const CACHE = PREFIX + VERSION;
const URLS = new Set(FILES.map((f) => new URL(f, SCOPE).href));
const INDEX = new URL('index.html', SCOPE).href;

self.addEventListener('install', (event) => {
  // 'no-cache': revalidate with the host, so a stale HTTP-cached index.html never pairs with new files.
  event.waitUntil(caches.open(CACHE)
    .then((cache) => cache.addAll([...URLS].map((u) => new Request(u, { cache: 'no-cache' }))))
    .then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((k) => k.startsWith(PREFIX) && k !== CACHE).map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  // A query is no part of the key: the page's (?embed=1, ?present=1) or a file's version tag
  // (i18n/<tag>.json?v=…, the version of this very build, whose files this cache holds).
  url.hash = '';
  url.search = '';
  const isPage = request.mode === 'navigate' && (url.href === SCOPE || url.href === INDEX);
  const key = isPage ? INDEX : url.href;
  if (!URLS.has(key)) return; // not ours: the network, as without a worker
  event.respondWith(caches.open(CACHE)
    .then((cache) => cache.match(key))
    .then((hit) => hit || fetch(request)));
});
