// Tongban's service worker: the portal installs as an app, and the public pages a person has
// read (home, search, guides, the decisions register) open again without a network, where the
// app says it is offline. Signed-in pages and personal data are never kept here.
'use strict';

const CACHE = 'tongban-v1';

// Addresses whose answers are the same for everyone: safe to keep on the device.
function isPublic(url) {
  if (url.origin !== self.location.origin) return false;
  const p = url.pathname;
  return p === '/' || p === '/services' || p.startsWith('/services/') || p === '/decisions'
    || p === '/api/v1/themes' || p === '/api/v1/departments' || p.startsWith('/api/v1/services')
    || /-[0-9a-f]{8,16}(_bg)?\.(wasm|js|css)$/.test(p) || p === '/favicon.svg' || p === '/manifest.webmanifest';
}

self.addEventListener('install', () => self.skipWaiting());

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) if (name !== CACHE) await caches.delete(name);
    await self.clients.claim();
  })());
});

// Network first, so nothing is ever shown stale while online; what the network answered is
// kept, and given back when the network cannot answer.
self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (!isPublic(url)) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    try {
      const response = await fetch(request);
      // Pages hold no one's data (the app asks for that separately), so any page may be kept.
      if (response.ok) {
        await cache.put(request, response.clone());
      }
      return response;
    } catch (error) {
      const kept = await cache.match(request) || (request.mode === 'navigate' ? await cache.match('/') : undefined);
      if (kept) return kept;
      throw error;
    }
  })());
});
