// The playground's service worker: the hosted page opens with no network after one visit.
// The build writes BUILD (a hash of every file it ships) and FILES (those files, relative to
// this script) below (scripts/post-build.sh), so each deployment gets its own cache and the
// caches of earlier builds are dropped once it takes over.
const BUILD = '__RMI_BUILD__';
const FILES = ['__RMI_FILES__'];
const PREFIX = 'rmi-playground-';
const CACHE = PREFIX + BUILD;
const SCOPE = new URL('./', self.location.href);
const INDEX = new URL('index.html', SCOPE).href;

self.addEventListener('install', (event) => {
  // Every file or none: a half-filled cache would open a page whose wasm is missing.
  event.waitUntil(
    caches.open(CACHE)
      .then((cache) => cache.addAll(FILES.map((file) => new Request(new URL(file, SCOPE), { cache: 'reload' }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(names.filter((name) => name.startsWith(PREFIX) && name !== CACHE).map((name) => caches.delete(name))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== SCOPE.origin || !url.href.startsWith(SCOPE.href)) return;
  if (request.mode === 'navigate') {
    // A page: the network first (a new build shows at once), this build's copy offline. The
    // playground's own address (with any parameters) is index.html; another page of the site
    // (the example for authors) is offline only if it was kept, never the playground instead.
    const isPlayground = url.pathname === SCOPE.pathname || url.href.split('?')[0] === INDEX;
    event.respondWith(
      fetch(request).catch(() =>
        caches.match(isPlayground ? INDEX : request, { cacheName: CACHE, ignoreSearch: true }).then((cached) => cached ?? Response.error()),
      ),
    );
    return;
  }
  // Everything else is named by its build (hashed files) or part of it: the cache first.
  event.respondWith(
    caches.match(request, { cacheName: CACHE, ignoreSearch: true }).then((cached) => cached ?? fetch(request)),
  );
});
