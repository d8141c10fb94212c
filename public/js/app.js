// Registers the service worker of the installable app (public/sw.js); the site works the same without it.
(function () {
  'use strict';
  if (!('serviceWorker' in navigator) || !window.isSecureContext) return;
  window.addEventListener('load', function () {
    navigator.serviceWorker.register('/public/sw.js', { scope: '/' }).catch(function () {
      /* Without the worker the app still works online; nothing to tell the person. */
    });
  });
})();
