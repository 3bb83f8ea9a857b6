// The draft checker as staff type (src/answers/check/): the text on the screen goes to
// POST /api/v1/staff/answer-check a moment after the last key, and the checklist beside the
// editor is refilled with the server's verdicts. Nothing is saved here (answer-autosave.js
// saves). Without JavaScript, "Simpan draf" saves and the page shows the same checklist.
(function () {
  'use strict';
  var box = document.querySelector('[data-check-api]');
  var form = box && box.closest('form');
  if (!form || !window.fetch) return;
  var body = form.querySelector('textarea[name="body"]');
  var planned = form.querySelector('input[name="plannedAt"]');
  var token = form.querySelector('input[name="_csrf"]').value;
  // The report's code is in the form's own address: /staf/laporan/{code}/jawaban.
  var code = decodeURIComponent((form.getAttribute('action').match(/\/staf\/laporan\/([^/]+)\//) || [])[1] || '');
  var summary = box.querySelector('[data-check-summary]');
  var list = box.querySelector('[data-check-list]');
  var lead = box.querySelector('[data-check-lead]');
  var timer = null;
  var sent = 0;

  function render(result) {
    summary.textContent = result.summary;
    summary.className = 'answer-check-summary ' + (result.blocked ? 'is-blocking' : result.warnings ? 'is-warning' : 'is-ok');
    while (list.firstChild) list.removeChild(list.firstChild);
    result.rules.forEach(function (rule) {
      var state = rule.ok ? 'ok' : rule.blocking ? 'blocking' : 'warning';
      var item = document.createElement('li');
      item.className = 'check-' + state;
      item.setAttribute('data-rule', rule.rule);
      var mark = document.createElement('span');
      mark.className = 'check-mark';
      mark.setAttribute('aria-hidden', 'true');
      mark.textContent = rule.ok ? '\u2713' : '!';
      var label = document.createElement('strong');
      label.textContent = rule.label;
      item.appendChild(mark);
      item.appendChild(document.createTextNode(' '));
      item.appendChild(label);
      item.appendChild(document.createTextNode(' ' + rule.message));
      list.appendChild(item);
    });
    if (lead && box.getAttribute('data-live-lead')) lead.textContent = box.getAttribute('data-live-lead');
  }

  function check() {
    var mine = ++sent;
    fetch(box.getAttribute('data-check-api'), {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': token, Accept: 'application/json' },
      body: JSON.stringify({ text: body.value, reportCode: code, plannedAt: planned && planned.value ? planned.value : null })
    }).then(function (res) {
      return res.ok ? res.json() : null;
    }).then(function (result) {
      // An answer to an older text that arrives late is not shown over a newer one.
      if (result && mine === sent) render(result);
    }).catch(function () { /* The saved text's checklist stays; saving shows it again. */ });
  }

  function schedule() {
    if (timer) clearTimeout(timer);
    timer = setTimeout(check, 800);
  }
  body.addEventListener('input', schedule);
  if (planned) planned.addEventListener('change', schedule);
})();
