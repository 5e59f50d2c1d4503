// Tongban's service worker: the portal installs as an app, and the pages anyone can read that a
// person opened (home, guides, the decisions register) open again without a network, where the
// app says it is offline. Nothing personal is kept here: no searches, no signed-in data.
'use strict';

const PAGES = 'tongban-pages-v1';
const FILES = 'tongban-files-v1';
// Built files are named by their content: a new build brings new names, and the oldest go.
const FILES_KEPT = 24;

const HASHED = /-[0-9a-f]{8,16}(_bg)?\.(wasm|js|css)$/;

// Addresses whose answers are the same for everyone, and say nothing about what was searched.
function isKept(url) {
  if (url.origin !== self.location.origin || url.search !== '') return false;
  const p = url.pathname;
  return p === '/' || /^\/services\/[A-Za-z0-9_-]+$/.test(p) || p === '/decisions'
    || p === '/api/v1/themes' || p === '/api/v1/departments' || /^\/api\/v1\/services\/[A-Za-z0-9_-]+$/.test(p)
    || p === '/favicon.svg' || p === '/manifest.webmanifest' || p === '/icon.svg';
}

self.addEventListener('install', () => self.skipWaiting());

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) if (name !== PAGES && name !== FILES) await caches.delete(name);
    await self.clients.claim();
  })());
});

async function keep(cacheName, request, response, limit) {
  const cache = await caches.open(cacheName);
  await cache.put(request, response);
  if (limit) {
    const keys = await cache.keys();
    for (const old of keys.slice(0, Math.max(0, keys.length - limit))) await cache.delete(old);
  }
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (HASHED.test(url.pathname)) {
    // Never changes: from the device when it is there, else fetched and kept.
    event.respondWith((async () => {
      const kept = await caches.match(request);
      if (kept) return kept;
      const response = await fetch(request);
      if (response.ok) event.waitUntil(keep(FILES, request, response.clone(), FILES_KEPT));
      return response;
    })());
    return;
  }
  if (!isKept(url)) return;
  // Network first, so nothing is shown stale while online; the answer goes to the page at once
  // and is kept meanwhile, to be given back when the network cannot answer.
  event.respondWith((async () => {
    try {
      const response = await fetch(request);
      const cacheable = response.ok && !(response.headers.get('cache-control') || '').includes('no-store');
      if (cacheable) event.waitUntil(keep(PAGES, request, response.clone()));
      return response;
    } catch (error) {
      const kept = await caches.match(request) || (request.mode === 'navigate' ? await caches.match('/') : undefined);
      if (kept) return kept;
      throw error;
    }
  })());
});
