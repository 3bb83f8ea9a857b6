// Live queue updates for staff pages. Without JavaScript or a socket the page still
// works; it just does not know about changes until it is reloaded.
(function () {
  'use strict';
  var notice = document.getElementById('live-notice');
  if (!notice || typeof io !== 'function') return;
  var watched = notice.getAttribute('data-code');
  var me = Number(notice.getAttribute('data-user'));
  var socket = io({ transports: ['websocket', 'polling'] });
  // Changes come in lists: the server sends those of a moment together.
  socket.on('reports.changed', function (changes) {
    var news = changes.some(function (change) {
      if (!watched) return true;
      // One's own change (an autosave, say) is already on this page.
      return change.code === watched && change.by !== me;
    });
    if (news) notice.hidden = false;
  });
  var button = notice.querySelector('button');
  if (button) button.addEventListener('click', function () { window.location.reload(); });
})();
