// A form marked data-unsaved-warning: leaving the page (a link, another form, closing the
// tab) with edits typed and not sent asks first. Sending the form itself never asks: its
// buttons send what is on the screen. Without JavaScript the server does the guarding
// (the form carries the version it showed).
(function () {
  'use strict';
  var form = document.querySelector('form[data-unsaved-warning]');
  if (!form) return;
  var dirty = false;
  var sending = false;
  form.addEventListener('input', function () { dirty = true; });
  form.addEventListener('change', function () { dirty = true; });
  form.addEventListener('submit', function () { sending = true; });
  window.addEventListener('beforeunload', function (event) {
    if (!dirty || sending) return;
    event.preventDefault();
    // Older browsers show the dialog only when a value is returned.
    event.returnValue = '';
  });
})();
