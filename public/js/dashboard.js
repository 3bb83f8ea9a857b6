// The dashboard's charts (Chart.js, served from our own origin) and live figures. The
// tables are the page; charts and live updates are added when scripts run.
(function () {
  'use strict';
  var data = document.getElementById('dashboard-data');
  if (!data) return;
  var model = JSON.parse(data.getAttribute('data-model') || '{}');

  // A chart's box stays hidden until its chart is drawn: without scripts the tables say it all.
  function chart(id, config) {
    var canvas = document.getElementById(id);
    if (!canvas || typeof Chart !== 'function') return null;
    var box = canvas.parentNode;
    box.hidden = false;
    return new Chart(canvas, config);
  }
  // Long OPD names on two or three lines instead of one cut short.
  function wrap(label) {
    var words = String(label).split(' ');
    var lines = [];
    var line = '';
    words.forEach(function (w) {
      if (line && (line + ' ' + w).length > 32) { lines.push(line); line = w; } else { line = line ? line + ' ' + w : w; }
    });
    if (line) lines.push(line);
    return lines;
  }
  var blue = '#0b4f8a';
  var orange = '#b45309';
  if (model.trend) {
    chart('trend-chart', {
      type: 'line',
      data: {
        labels: model.trend.labels,
        datasets: [
          { label: model.trend.receivedLabel, data: model.trend.received, borderColor: blue, backgroundColor: blue, tension: 0.2 },
          { label: model.trend.answeredLabel, data: model.trend.answered, borderColor: orange, backgroundColor: orange, borderDash: [6, 4], tension: 0.2 },
        ],
      },
      options: { responsive: true, maintainAspectRatio: false, animation: false, plugins: { legend: { position: 'bottom' } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
    });
  }
  // The ranked OPD, the most often late on top: the share on time (top axis, %) and the
  // median working days to an answer (bottom axis), one pair of bars per OPD.
  if (model.opd && model.opd.labels.length) {
    var opdCanvas = document.getElementById('opd-chart');
    var labels = model.opd.labels.map(wrap);
    // Every OPD gets the same room (the chart's rows are equal): its two bars, or the longest
    // name's lines, whichever is taller. Set through the style object (allowed by the page's
    // CSP, unlike a style attribute).
    var lines = labels.reduce(function (most, l) { return Math.max(most, l.length); }, 1);
    if (opdCanvas) opdCanvas.parentNode.style.height = (labels.length * Math.max(44, lines * 15 + 16) + 100) + 'px';
    chart('opd-chart', {
      type: 'bar',
      data: {
        labels: labels,
        datasets: [
          { label: model.opd.shareLabel, data: model.opd.share, backgroundColor: blue, xAxisID: 'share', maxBarThickness: 16 },
          { label: model.opd.medianLabel, data: model.opd.median, backgroundColor: orange, xAxisID: 'days', maxBarThickness: 16 },
        ],
      },
      options: {
        indexAxis: 'y', responsive: true, maintainAspectRatio: false, animation: false,
        plugins: { legend: { position: 'bottom' } },
        scales: {
          share: { position: 'top', min: 0, max: 100, title: { display: true, text: model.opd.shareAxis }, ticks: { callback: function (v) { return v + '%'; } } },
          days: { position: 'bottom', beginAtZero: true, title: { display: true, text: model.opd.medianAxis }, grid: { drawOnChartArea: false } },
          y: { ticks: { autoSkip: false } },
        },
      },
    });
  }

  // Live: when reports change, the figures are fetched again, at most every 10 seconds.
  // The server shares computed figures between viewers for a while (src/dashboard/cache.ts);
  // this fetch runs 10 s after the change, and asks for figures at most 5 s old, so they
  // were computed after the change, whichever server process answers.
  var live = document.getElementById('dashboard-live');
  if (!live || typeof io !== 'function' || !model.api) return;
  var timer = null;
  var socket = io({ transports: ['websocket', 'polling'] });
  socket.on('reports.changed', function () {
    if (timer) return;
    timer = setTimeout(refresh, 10000);
  });
  function refresh() {
    timer = null;
    fetch(model.api, { headers: { accept: 'application/json', 'cache-control': 'max-age=5' }, credentials: 'same-origin' })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (body) {
        if (!body) return;
        // The text of each figure changes; its link to the reports behind it stays.
        function put(cell, text) {
          if (!cell) return;
          (cell.querySelector('a') || cell).textContent = text;
        }
        body.agencies.forEach(function (a) {
          var row = document.querySelector('[data-agency="' + a.code + '"]');
          if (!row) return;
          Object.keys(a.display || {}).forEach(function (key) {
            put(row.querySelector('[data-figure="' + key + '"]'), a.display[key]);
          });
        });
        if (body.total) {
          Object.keys(body.total.display || {}).forEach(function (key) {
            put(document.querySelector('[data-summary="' + key + '"]'), body.total.display[key]);
          });
        }
        // When the figures were computed, in Jakarta time as the page first said it.
        var asOf = body.asOf ? new Date(body.asOf) : new Date();
        var time = asOf.toLocaleTimeString(document.documentElement.lang === 'en' ? 'en-GB' : 'id-ID', { timeZone: 'Asia/Jakarta', hour: '2-digit', minute: '2-digit', second: '2-digit' });
        live.textContent = live.getAttribute('data-updated') + ' ' + time + ' WIB. ' + (live.getAttribute('data-live') || '');
      })
      .catch(function () { /* the next change tries again */ });
  }
})();
