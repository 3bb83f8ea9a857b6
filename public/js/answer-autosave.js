// Autosave of a draft answer while staff type, showing the template blanks the server
// still finds in it. Without JavaScript the "Simpan draf" button does the same. A save refused as stale (someone else saved first) is shown and
// autosave stops, so nobody's text is overwritten.
(function () {
  'use strict';
  var form = document.querySelector('form[data-autosave]');
  if (!form || !window.fetch) return;
  var body = form.querySelector('textarea[name="body"]');
  var planned = form.querySelector('input[name="plannedAt"]');
  var status = document.getElementById('autosave-status');
  // The server's findings on the text as saved: template blanks left in it (src/answers/blanks.ts).
  var blanks = document.getElementById('autosave-blanks');
  var token = form.querySelector('input[name="_csrf"]').value;
  var api = form.getAttribute('data-autosave');
  var timer = null;
  var stopped = false;

  function field(name) {
    var input = form.querySelector('input[name="' + name + '"]');
    if (!input) {
      input = document.createElement('input');
      input.type = 'hidden';
      input.name = name;
      form.appendChild(input);
    }
    return input;
  }

  function say(key) {
    if (status) status.textContent = status.getAttribute('data-' + key) || '';
  }

  function save() {
    if (stopped || body.value.trim().length < 20) return;
    var id = field('id').value;
    var payload = { body: body.value, plannedAt: planned && planned.value ? planned.value : null };
    if (id) payload.version = Number(field('version').value);
    fetch(id ? api + '/' + id : api, {
      method: id ? 'PUT' : 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': token, Accept: 'application/json' },
      body: JSON.stringify(payload)
    }).then(function (res) {
      if (res.status === 409) { stopped = true; say('stale'); return null; }
      if (!res.ok) { say('failed'); return null; }
      return res.json();
    }).then(function (draft) {
      if (!draft) return;
      field('id').value = String(draft.id);
      field('version').value = String(draft.version);
      say('saved');
      if (blanks) {
        blanks.textContent = draft.blanksMessage || '';
        blanks.hidden = !draft.blanksMessage;
        // The notice from the page's last load described the old text.
        var stale = document.querySelector('[data-testid="answer-blanks"]');
        if (stale) stale.hidden = true;
      }
    }).catch(function () { say('failed'); });
  }

  function schedule() {
    if (timer) clearTimeout(timer);
    timer = setTimeout(save, 3000);
  }
  body.addEventListener('input', schedule);
  if (planned) planned.addEventListener('change', schedule);
})();
