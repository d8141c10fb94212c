// Progressive enhancement for taking a quote: text selected in the story or source fills the quote field, which a
// person can still trim by hand. Without JavaScript the field holds a copy of the whole text to trim.
(function () {
  'use strict';
  var text = document.querySelector('[data-quote-text]');
  var field = document.querySelector('#field-text');
  var status = document.querySelector('#quote-status');
  if (!text || !field) return;
  function take() {
    var selection = window.getSelection();
    if (!selection || selection.isCollapsed || selection.rangeCount === 0) return;
    var range = selection.getRangeAt(0);
    if (!text.contains(range.commonAncestorContainer)) return;
    var passage = selection.toString().replace(/\s+/g, ' ').trim();
    if (passage.length < 3) return;
    field.value = passage;
    if (status) status.textContent = status.getAttribute('data-taken') || '';
  }
  text.addEventListener('mouseup', take);
  text.addEventListener('keyup', take);
  text.addEventListener('touchend', take);
  if (status) status.textContent = status.getAttribute('data-hint') || '';
})();
