// Live queue updates for staff pages. Without JavaScript or a socket the page still
// works; it just does not know about changes until it is reloaded.
(function () {
  'use strict';
  var notice = document.getElementById('live-notice');
  if (!notice || typeof io !== 'function') return;
  var watched = notice.getAttribute('data-code');
  var me = Number(notice.getAttribute('data-user'));
  var socket = io({ transports: ['websocket', 'polling'] });
  socket.on('report.changed', function (event) {
    if (watched && event.code !== watched) return;
    // One's own change (an autosave, say) is already on this page.
    if (watched && event.by === me) return;
    notice.hidden = false;
  });
  var button = notice.querySelector('button');
  if (button) button.addEventListener('click', function () { window.location.reload(); });
})();
