// Progressive enhancement for the projector view: the arrow keys (and Page Up/Down) follow the previous/next links, and
// each group's "n of m have voted" stays current through the live count's server-sent events.
(function () {
  'use strict';
  var keys = { ArrowRight: 'next', PageDown: 'next', ArrowLeft: 'prev', PageUp: 'prev' };
  document.addEventListener('keydown', function (event) {
    var where = keys[event.key];
    if (!where || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    var target = event.target;
    if (target && target.closest && target.closest('input, textarea, select, [contenteditable]')) return;
    var link = document.querySelector('a[data-key="' + where + '"]');
    if (!link) return;
    event.preventDefault();
    window.location.assign(link.href);
  });

  if (typeof window.EventSource !== 'function') return;
  var sources = [];
  Array.prototype.forEach.call(document.querySelectorAll('[data-live]'), function (count) {
    var source = new EventSource(count.getAttribute('data-live'));
    source.onmessage = function (event) {
      try {
        var data = JSON.parse(event.data);
        if (data && typeof data.text === 'string' && count.textContent !== data.text) count.textContent = data.text;
      } catch {
        source.close();
      }
    };
    sources.push(source);
  });
  window.addEventListener('pagehide', function () {
    sources.forEach(function (source) {
      source.close();
    });
  });
})();
