// The service worker: precaches the app shell, versioned by a hash of its files (written in at
// build time), and serves it cache-first so the app starts with no network. API calls are
// never cached. A new version waits until the app's pages are closed; it is never forced on a
// person in the middle of a form.
const VERSION = '@MOTCUA_CACHE_VERSION@';
const CACHE = 'motcua-shell-' + VERSION;
const SHELL = ['./', 'index.html', '@MOTCUA_APP_JS@', '@MOTCUA_JS@', '@MOTCUA_WASM@', '@MOTCUA_DATA@',
               'manifest.webmanifest', 'icon.svg'];

// Content-hashed names never change, so the copy the page just downloaded (in the HTTP cache,
// where the server lets it stay a year) is the right one: each file crosses the link once. The
// other names are revalidated, which costs a 304 when nothing changed.
const HASHED = /\.[0-9a-f]{16}\.[a-z]+$/;
self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) =>
    cache.addAll(SHELL.map((url) => new Request(url, { cache: HASHED.test(url) ? 'default' : 'no-cache' })))));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys())
      if (key.startsWith('motcua-shell-') && key !== CACHE) await caches.delete(key);
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin || url.pathname.startsWith('/v1/'))
    return; // the network, untouched
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    const key = event.request.mode === 'navigate' ? 'index.html' : event.request;
    const hit = await cache.match(key, { ignoreSearch: true });
    if (hit) return hit;
    try {
      return await fetch(event.request);
    } catch (e) {
      return new Response('Ngoại tuyến / Offline', { status: 503, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
    }
  })());
});
