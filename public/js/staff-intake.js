// The staff's "Catat laporan" form (/staf/laporan/baru): shows only the details of the
// source chosen (social media, SP4N-LAPOR!, letter). Without this script every group is
// shown and the server keeps only the chosen source's fields.
(function () {
  'use strict';
  var form = document.querySelector('form.staff-intake');
  if (!form) return;
  var groups = form.querySelectorAll('.source-details');
  function chosen() {
    var checked = form.querySelector('input[name="source"]:checked');
    return checked ? checked.value : '';
  }
  function update() {
    var source = chosen();
    for (var i = 0; i < groups.length; i++) {
      groups[i].hidden = groups[i].getAttribute('data-source') !== source;
    }
  }
  form.addEventListener('change', function (event) {
    if (event.target && event.target.name === 'source') update();
  });
  update();
})();
