// The print button of printable pages (no inline script under our CSP). It shows only
// where this script runs: without it the button could do nothing (the browser's own Print works).
(function () {
  'use strict';
  var button = document.querySelector('[data-print]');
  if (!button) return;
  var box = button.closest('[data-print-box]');
  if (box) box.hidden = false;
  button.addEventListener('click', function () { window.print(); });
})();
