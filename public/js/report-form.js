// Progressive enhancement for /lapor. The form works without this file: the desa list
// shows every desa grouped by kecamatan, and the map point is typed by hand.
(function () {
  'use strict';
  var kecamatan = document.getElementById('f-kecamatan');
  var desa = document.getElementById('f-desa');
  if (kecamatan && desa) {
    var groups = Array.prototype.slice.call(desa.querySelectorAll('optgroup'));
    var narrow = function () {
      var chosen = kecamatan.value;
      groups.forEach(function (group) {
        var match = !chosen || group.getAttribute('data-kecamatan') === chosen;
        group.hidden = !match;
        group.disabled = !match;
      });
      var selected = desa.options[desa.selectedIndex];
      if (selected && selected.parentNode.disabled) desa.value = '';
    };
    kecamatan.addEventListener('change', narrow);
    narrow();
  }

  var button = document.getElementById('use-location');
  var lat = document.getElementById('f-lat');
  var lng = document.getElementById('f-lng');
  if (button && lat && lng && 'geolocation' in navigator) {
    button.hidden = false;
    button.addEventListener('click', function () {
      button.disabled = true;
      navigator.geolocation.getCurrentPosition(
        function (pos) {
          lat.value = pos.coords.latitude.toFixed(6);
          lng.value = pos.coords.longitude.toFixed(6);
          button.disabled = false;
        },
        function () {
          button.disabled = false;
        },
        { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 }
      );
    });
  }
})();
