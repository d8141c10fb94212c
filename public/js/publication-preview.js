// Progressive enhancement of the publication page: while a facilitator types, the preview frame shows the report again
// (the form's "Show preview" button, sent into the frame, after a pause in typing). Without JavaScript the button does it.
(function () {
  'use strict';
  var form = document.querySelector('form[data-live-preview]');
  var button = form && form.querySelector('button[formtarget]');
  if (!form || !button || typeof form.requestSubmit !== 'function') return;
  var timer = null;
  function refresh() {
    timer = null;
    form.requestSubmit(button);
  }
  function later() {
    if (timer) window.clearTimeout(timer);
    timer = window.setTimeout(refresh, 900);
  }
  form.addEventListener('input', later);
  form.addEventListener('change', later);
})();
