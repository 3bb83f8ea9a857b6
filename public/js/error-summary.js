// Progressive enhancement for the error summary every form shows when it comes back with
// errors (views/partials/errorSummary.hbs). Without this file the summary and its links
// work as plain HTML; with it, focus starts on the summary, so keyboard and screen reader
// users begin at the list of what to fix, and a link in it moves focus to its field,
// opening a closed <details> around it.
(function () {
  'use strict';
  var summary = document.querySelector('[data-error-summary]');
  if (!summary) return;

  // A field in error inside a closed <details> would stay out of sight.
  Array.prototype.forEach.call(document.querySelectorAll('[aria-invalid="true"]'), openAround);

  summary.focus();

  summary.addEventListener('click', function (event) {
    var link = event.target.closest ? event.target.closest('a[href^="#"]') : null;
    if (!link) return;
    var target = document.getElementById(decodeURIComponent(link.getAttribute('href').slice(1)));
    if (!target) return;
    // A group of choices (a fieldset) takes focus on its first control.
    var control = /^(INPUT|SELECT|TEXTAREA|BUTTON)$/.test(target.tagName)
      ? target
      : target.querySelector('input:not([type=hidden]), select, textarea, button');
    if (!control) return;
    event.preventDefault();
    openAround(control);
    // The label (or the group's legend) above the field is what tells what it is.
    var label = (control.id && document.querySelector('label[for="' + control.id + '"]')) || target.querySelector('legend') || control;
    label.scrollIntoView({ block: 'start' });
    control.focus({ preventScroll: true });
  });

  function openAround(element) {
    for (var el = element.parentElement; el; el = el.parentElement) {
      if (el.tagName === 'DETAILS') el.open = true;
    }
  }
})();
