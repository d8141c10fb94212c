// The service worker of the installable app: keeps the shared files (styles, scripts, icons) and an offline page, so
// the app opens without a connection. Pages themselves are never cached (they hold people's stories); the story
// being written is kept by offline-drafts.js on the device until it is sent.
'use strict';
var CACHE = 'significant-v1';
var SHELL = [
  '/public/css/app.css',
  '/public/js/app.js',
  '/public/js/stories.js',
  '/public/offline.html',
  '/public/favicon.svg',
  '/public/icon-192.png',
];

self.addEventListener('install', function (event) {
  event.waitUntil(
    caches
      .open(CACHE)
      .then(function (cache) {
        return cache.addAll(SHELL);
      })
      .then(function () {
        return self.skipWaiting();
      }),
  );
});

self.addEventListener('activate', function (event) {
  event.waitUntil(
    caches
      .keys()
      .then(function (keys) {
        return Promise.all(
          keys
            .filter(function (k) {
              return k !== CACHE;
            })
            .map(function (k) {
              return caches.delete(k);
            }),
        );
      })
      .then(function () {
        return self.clients.claim();
      }),
  );
});

self.addEventListener('fetch', function (event) {
  var request = event.request;
  if (request.method !== 'GET') return;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    // Pages come from the network; without one, the offline page says what happens to a story being written.
    event.respondWith(
      fetch(request).catch(function () {
        return caches.match('/public/offline.html');
      }),
    );
    return;
  }
  if (url.pathname.indexOf('/public/') === 0) {
    // Shared files: the network first (so a new version shows), the cache when offline.
    event.respondWith(
      fetch(request)
        .then(function (response) {
          if (response.ok) {
            var copy = response.clone();
            caches.open(CACHE).then(function (cache) {
              cache.put(request, copy);
            });
          }
          return response;
        })
        .catch(function () {
          return caches.match(request);
        }),
    );
  }
});
