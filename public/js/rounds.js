// Progressive enhancement for the group page: keeps "n of m members have voted" current through server-sent events.
(function () {
  'use strict';
  var count = document.querySelector('[data-live]');
  if (!count || typeof window.EventSource !== 'function') return;
  var source = new EventSource(count.getAttribute('data-live'));
  source.onmessage = function (event) {
    try {
      var data = JSON.parse(event.data);
      if (data && typeof data.text === 'string' && count.textContent !== data.text) count.textContent = data.text;
    } catch {
      source.close();
    }
  };
  window.addEventListener('pagehide', function () {
    source.close();
  });
})();
