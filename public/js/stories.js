// Progressive enhancement for the story form: the name field only shows while "Show my name" is chosen,
// and long text fields tell how many characters are left. Without JavaScript the form works the same.
(function () {
  'use strict';
  var form = document.querySelector('form.story-form');
  if (!form) return;

  var named = form.querySelector('#field-anonymous');
  var anonymous = form.querySelector('#field-anonymous-yes');
  var detail = form.querySelector('.choice-detail');
  function syncName() {
    if (detail) detail.hidden = !!(anonymous && anonymous.checked);
  }
  if (named && anonymous && detail) {
    named.addEventListener('change', syncName);
    anonymous.addEventListener('change', syncName);
    syncName();
  }

  var template = form.getAttribute('data-left-template') || '{left}';
  Array.prototype.forEach.call(form.querySelectorAll('textarea[maxlength]'), function (area) {
    var max = Number(area.getAttribute('maxlength'));
    if (!max) return;
    var counter = document.createElement('p');
    counter.className = 'hint char-count';
    counter.id = area.id + '-count';
    area.parentNode.insertBefore(counter, area.nextSibling);
    function update() {
      counter.textContent = template.replace('{left}', String(max - area.value.length));
    }
    area.addEventListener('input', update);
    update();
  });
})();
