// Fengqiao service worker: keeps the app shell (pages, wasm, JS, CSS, icons) of one build so
// the app opens with no network. The server writes this build's id in place of __BUILD__, so a
// new deploy installs a new cache and removes the old one.
const BUILD = "__BUILD__";
const CACHE = `fq-shell-${BUILD}`;
// The build's boot files (the server lists them: the app's JS, wasm and CSS and the split
// loader), then the icons.
const ASSETS = [
  ...__BOOT_FILES__,
  "/manifest.webmanifest",
  "/icons/icon.svg",
  "/icons/icon-192.png",
];
// The pages a signed-in person must be able to open offline, fetched as soon as they sign in.
// Every other page they open online is kept too, as it was last seen, so it reopens offline.
// Pages carry the person's data: they are removed at sign-out.
const PAGES = ["/", "/record"];
// Never kept: the sign-in page belongs to nobody.
const NOT_KEPT = ["/login"];
// Every lazily loaded page's wasm chunk of this build. They are fetched once the worker has
// taken control — after the first page has loaded and without delaying the worker's control of
// it, so a sign-in right after the first load is still seen — because a page whose chunk is not
// on the device cannot open offline (a lazy route would fail to load its code).
const CHUNKS = __LAZY_FILES__;
const NAVIGATION_TIMEOUT_MS = 4000;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(ASSETS))
      .then(() => self.skipWaiting())
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((n) => n.startsWith("fq-shell-") && n !== CACHE).map((n) => caches.delete(n))))
      .then(() => cachePages())
      .then(() => self.clients.claim())
      .then(() => caches.open(CACHE))
      .then((cache) => cache.addAll(CHUNKS))
  );
});

// Fetches the signed-in pages with the session cookie and keeps those that rendered.
async function cachePages() {
  const cache = await caches.open(CACHE);
  await Promise.all(
    PAGES.map(async (path) => {
      try {
        const response = await fetch(path, { credentials: "same-origin", cache: "no-store" });
        if (response.ok && !response.redirected) await cache.put(path, response);
      } catch (_) {
        // Offline or signed out: keep what is cached.
      }
    })
  );
}

// Removes every kept page (anything but this build's files), so the next person on a shared
// phone never sees the last one's.
async function clearPages() {
  const cache = await caches.open(CACHE);
  const keys = await cache.keys();
  await Promise.all(
    keys
      .filter((request) => {
        const path = new URL(request.url).pathname;
        return !path.startsWith("/pkg/") && !ASSETS.includes(path);
      })
      .map((request) => cache.delete(request))
  );
}

function isKept(url) {
  return !NOT_KEPT.includes(url.pathname);
}

function timeout(ms) {
  return new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), ms));
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;

  if (request.method !== "GET") {
    if (url.pathname === "/api/session/logout") {
      event.waitUntil(clearPages());
    } else if (url.pathname === "/api/session/login") {
      // Once signed in, keep the pages for offline use.
      event.respondWith(
        fetch(request).then((response) => {
          if (response.ok) event.waitUntil(cachePages());
          return response;
        })
      );
    }
    return;
  }
  // The API is the outbox's business: never answer it from a cache.
  if (url.pathname.startsWith("/api/")) return;

  if (request.mode === "navigate") {
    event.respondWith(navigate(event, request, url));
    return;
  }
  if (ASSETS.includes(url.pathname) || url.pathname.startsWith("/pkg/")) {
    // Cache first: these files belong to this build and never change within it. A file that
    // is not cached is fetched (and kept: a lazily loaded page then opens offline too); a wasm
    // or JS request is never answered with a page.
    event.respondWith(
      caches.match(url.pathname).then(
        (hit) =>
          hit ||
          fetch(request).then((response) => {
            if (response.ok) {
              const copy = response.clone();
              event.waitUntil(caches.open(CACHE).then((cache) => cache.put(url.pathname, copy)));
            }
            return response;
          })
      )
    );
  }
});

// Network first, so an online person always gets fresh pages; the page as last seen when the
// network fails or is too slow. A page never opened online cannot be shown under its own
// address (its HTML would not match the app that takes it over), so the person is sent home,
// which goes on to that page inside the app, drawn from what the device keeps.
async function navigate(event, request, url) {
  try {
    const response = await Promise.race([fetch(request), timeout(NAVIGATION_TIMEOUT_MS)]);
    if (response.ok && !response.redirected && isKept(url)) {
      const copy = response.clone();
      event.waitUntil(caches.open(CACHE).then((cache) => cache.put(url.pathname + url.search, copy)));
    }
    return response;
  } catch (_) {
    const cache = await caches.open(CACHE);
    const cached =
      (await cache.match(url.pathname + url.search)) || (await cache.match(url.pathname));
    if (cached) return cached;
    if (url.pathname !== "/" && (await cache.match("/"))) {
      return Response.redirect(`/?offline=${encodeURIComponent(url.pathname + url.search)}`, 302);
    }
    return new Response(
      "<!doctype html><meta charset=utf-8><meta name=viewport content='width=device-width'><p style='font:18px sans-serif;padding:16px'>网络不可用，且本机尚无离线页面。请联网后打开一次枫桥。<br>No network, and no offline copy yet: open Fengqiao once while online.</p>",
      { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } }
    );
  }
}
