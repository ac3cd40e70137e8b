// Linli's service worker: makes the app start with no network after one visit.
//
// - Precaches the app shell. The list and the version below are written into
//   the built copy by scripts/finish-dist.sh, so every build that changes any
//   file changes this file too, which is how the browser learns of an update.
// - Navigations: network first (a fresh index.html when the network answers
//   in time), the cached shell otherwise.
// - Hashed assets never change under their name: cache first.
// - Never touches /api/ (the sync engine handles being offline itself) nor
//   any request that is not a GET.
// - A new version installs and then waits until the page asks it to take over
//   (the "update available" banner), so no page is swapped mid-task.

const BUILD = "__LINLI_BUILD__";
const PRECACHE = __LINLI_PRECACHE__;
const CACHE_PREFIX = "linli-shell-";
const CACHE = CACHE_PREFIX + BUILD;
const SHELL = "/index.html";
// On a weak mobile link a navigation can hang for a long time; past this the
// cached shell is shown instead, and the network answer still refreshes it.
const NAVIGATION_TIMEOUT_MS = 4000;
const HASHED_ASSET = /-[0-9a-f]{8,16}(_bg)?\.(js|wasm|css)$/;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll(PRECACHE.map(precacheRequest))),
  );
});

// A hashed file never changes under its name, so a copy the browser already
// has (the page fetched the shell, and maybe a module, before this worker
// installed) is the right one and is not fetched twice on a slow link. Any
// other file is fetched anew, past the browser's cache.
function precacheRequest(url) {
  return new Request(url, { cache: HASHED_ASSET.test(url) ? "default" : "reload" });
}

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(
        names.filter((name) => name.startsWith(CACHE_PREFIX) && name !== CACHE).map((name) => caches.delete(name)),
      );
      // The first install takes the open page at once, so it works offline
      // from this visit on.
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("message", (event) => {
  if (event.data === "skip-waiting") self.skipWaiting();
  // Which build is this? Answered on the message's port; the tests ask it.
  if (event.data === "build" && event.ports[0]) event.ports[0].postMessage(BUILD);
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith("/api/")) return;

  if (request.mode === "navigate") {
    event.respondWith(networkFirstShell(request, event));
  } else {
    event.respondWith(cacheFirst(request));
  }
});

async function networkFirstShell(request, event) {
  const cache = await caches.open(CACHE);
  const fromNetwork = fetch(request).then((response) => {
    // Every route is index.html (client routing), so keep the newest copy as the shell.
    if (response.ok) event.waitUntil(cache.put(SHELL, response.clone()));
    return response;
  });
  const timedOut = new Promise((resolve) => setTimeout(resolve, NAVIGATION_TIMEOUT_MS, null));
  try {
    const response = await Promise.race([fromNetwork, timedOut]);
    if (response) return response;
  } catch (_offline) {
    // Fall through to the cached shell.
  }
  const cached = await cache.match(SHELL);
  return cached || fromNetwork;
}

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request, { ignoreSearch: true });
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok && HASHED_ASSET.test(new URL(request.url).pathname)) {
    await cache.put(request, response.clone());
  }
  return response;
}
