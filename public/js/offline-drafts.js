// Offline drafts for the story form: when the connection drops, what the person writes is kept on this device
// (localStorage) and a submit is held there too; once the connection is back it is sent, as the form would have sent
// it. Without JavaScript, or online, the form posts as usual. The copy is removed as soon as the server has it.
(function () {
  'use strict';
  var form = document.querySelector('form.story-form');
  if (!form || !window.localStorage || !window.fetch) return;
  var key = 'significant:story:' + form.getAttribute('action');
  var status = form.querySelector('.offline-status');
  var say = function (name) {
    if (status) status.textContent = form.getAttribute('data-offline-' + name) || '';
  };

  function snapshot(action) {
    var pairs = [];
    var data = new FormData(form);
    data.forEach(function (value, name) {
      if (typeof value === 'string') pairs.push([name, value]);
    });
    if (action) pairs.push(['action', action]);
    return { pairs: pairs, pending: !!action, saved_at: new Date().toISOString() };
  }
  function keep(entry) {
    try {
      localStorage.setItem(key, JSON.stringify(entry));
      return true;
    } catch {
      return false;
    }
  }
  function kept() {
    try {
      return JSON.parse(localStorage.getItem(key) || 'null');
    } catch {
      return null;
    }
  }
  function forget() {
    localStorage.removeItem(key);
  }
  function restore(entry) {
    entry.pairs.forEach(function (pair) {
      if (pair[0] === '_csrf' || pair[0] === 'action') return;
      var fields = form.querySelectorAll('[name="' + pair[0].replace(/"/g, '') + '"]');
      Array.prototype.forEach.call(fields, function (field) {
        if (field.type === 'radio' || field.type === 'checkbox') field.checked = field.value === pair[1] || field.checked;
        else field.value = pair[1];
      });
    });
  }

  function actionOf(entry) {
    var found = entry.pairs.filter(function (pair) {
      return pair[0] === 'action';
    })[0];
    return found ? found[1] : null;
  }

  var sending = false;
  function send() {
    var entry = kept();
    if (!entry || !entry.pending || sending || !navigator.onLine) return;
    sending = true;
    say('sending');
    var body = new URLSearchParams();
    entry.pairs.forEach(function (pair) {
      body.append(pair[0], pair[1]);
    });
    fetch(form.getAttribute('action'), { method: 'POST', body: body, credentials: 'same-origin', redirect: 'follow' })
      .then(function (response) {
        sending = false;
        if (response.ok && response.redirected) {
          forget();
          say('sent');
          window.location.assign(response.url);
        } else {
          // The server answered with the form again (a field to fix, an expired page): the person sends it by hand.
          entry.pending = false;
          keep(entry);
          say('failed');
        }
      })
      .catch(function () {
        sending = false;
        say('saved');
      });
  }

  form.addEventListener('submit', function (event) {
    if (navigator.onLine) {
      forget();
      return;
    }
    event.preventDefault();
    var submitter = event.submitter;
    keep(snapshot(submitter && submitter.name === 'action' ? submitter.value : 'draft'));
    say('saved');
  });
  // While offline every change is kept, so closing the page loses nothing.
  form.addEventListener('input', function () {
    if (navigator.onLine) return;
    var before = kept();
    var entry = snapshot(null);
    if (before && before.pending) entry = snapshot(actionOf(before) || 'draft');
    keep(entry);
  });
  window.addEventListener('offline', function () {
    keep(snapshot(null));
    say('offline');
  });
  window.addEventListener('online', send);

  var earlier = kept();
  if (earlier) {
    restore(earlier);
    say(earlier.pending ? 'saved' : 'restored');
    send();
  }
})();
