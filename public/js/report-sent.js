// The thank-you page after /lapor (issue 24): the draft this report was written in leaves
// the phone, now that the server has it. Only the draft of this report's key: one written
// since in another tab stays. A send made through the service worker has removed it already;
// this covers a send the worker did not carry (its very first visit, or no worker at all).
(function () {
  'use strict';
  var script = document.currentScript;
  var kv = window.idbKeyval;
  if (!script || !kv || !('indexedDB' in window)) return;
  var key = script.getAttribute('data-key');
  var drafts = kv.createStore('epengaduan-draft', 'draft');
  kv.get('current', drafts)
    .then(function (draft) {
      if (draft && draft.key === key) return kv.del('current', drafts);
    })
    .then(function () {
      // For whoever waits on it (the browser tests): the phone holds no draft of this report.
      script.setAttribute('data-done', '');
    });
})();
