// Progressive enhancement for /lapor and /lapor/antrean (issue 24). Without this file, or
// without IndexedDB and service workers, the form works exactly as before.
//
// - The form is kept on the phone as it is typed (IndexedDB, one draft), with its photos
//   made at most 1600 px JPEG by the browser; the file input then holds the small photos,
//   so the form's own submit sends them. Reopening /lapor offers to continue or discard.
// - The draft's own idempotency key rides in the form's hidden field: every send of one
//   draft (a double tap, a replay from the queue) makes one report on the server.
// - The service worker (/sw.js, public/js/offline-sw.js) queues a send the network drops
//   and sends it when the connection returns; this script asks it to on the `online` event
//   and on every visit, and shows what it says in every open tab.
// Texts come from the server (data- attributes of this script, src/offline/messages.ts).
(function () {
  'use strict';
  var script = document.currentScript;
  var kv = window.idbKeyval;
  if (!script || !kv || !('indexedDB' in window) || !('serviceWorker' in navigator)) return;
  var text = script.dataset;
  var MAX_SIDE = 1600;
  var DRAFT_DAYS = 30;
  var stores = {
    draft: kv.createStore('epengaduan-draft', 'draft'),
    queue: kv.createStore('epengaduan-queue', 'queue'),
    sent: kv.createStore('epengaduan-sent', 'sent'),
  };
  // Fields never kept: the session's token, the key (kept beside), the bots' trap, the files (kept as blobs).
  var SKIP = { _csrf: 1, idempotency_key: 1, website: 1, files: 1, held: 1, removeHeld: 1 };

  function fill(template, values) {
    return String(template || '').replace(/\{(\w+)\}/g, function (_, k) { return values[k] == null ? '' : values[k]; });
  }

  function newKey() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join('');
    return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20);
  }

  // ---- The status line and the list of reports waiting, on both pages ----

  var form = document.querySelector('form.report-form[action="/lapor"]');
  var box = document.querySelector('[data-offline-status]');
  if (!box) {
    if (!form) return;
    box = document.createElement('div');
    box.setAttribute('data-offline-status', '');
    form.parentNode.insertBefore(box, form);
  }
  box.className = 'offline-status';
  var line = document.createElement('p');
  line.className = 'offline-line';
  line.setAttribute('role', 'status');
  line.setAttribute('data-testid', 'offline-status');
  var list = document.createElement('ul');
  list.className = 'offline-queue';
  list.setAttribute('data-testid', 'offline-queue');
  box.appendChild(line);
  box.appendChild(list);

  function say(kind, words, hint, link) {
    line.textContent = '';
    line.setAttribute('data-state', kind);
    var strong = document.createElement('strong');
    strong.textContent = words;
    line.appendChild(strong);
    if (hint) line.appendChild(document.createTextNode(' ' + hint));
    if (link) {
      var a = document.createElement('a');
      a.href = '/lapor/terkirim';
      a.textContent = text.sentLink;
      line.appendChild(document.createTextNode(' '));
      line.appendChild(a);
    }
    box.hidden = false;
  }

  function showQueue() {
    return kv.values(stores.queue).then(function (items) {
      list.textContent = '';
      items.forEach(function (item) {
        var li = document.createElement('li');
        li.textContent = fill(text.queued, { title: item.title || text.untitled });
        list.appendChild(li);
      });
      if (items.length) say('waiting', text.waiting, text.waitingHint);
      return items.length;
    });
  }

  /** Codes of reports the worker sent while no page was open: shown once, then forgotten. */
  function showSent() {
    return kv.entries(stores.sent).then(function (entries) {
      if (!entries.length) return;
      var last = entries[entries.length - 1][1];
      say('sent', fill(text.sent, { code: last.code }), '', true);
      return Promise.all(entries.map(function (e) { return kv.del(e[0], stores.sent); }));
    });
  }

  function flush() {
    navigator.serviceWorker.ready.then(function (reg) {
      if (reg.active) reg.active.postMessage({ type: 'flush' });
    });
  }

  navigator.serviceWorker.addEventListener('message', function (event) {
    var m = event.data || {};
    if (m.type === 'sent') {
      kv.del(m.key, stores.sent).then(showQueue).then(function () {
        say('sent', fill(text.sent, { code: m.code }), '', true);
      });
    } else if (m.type === 'queued') {
      showQueue();
    } else if (m.type === 'refused') {
      showQueue().then(function () { say('refused', fill(text.refused, { title: m.title || text.untitled })); });
    }
  });
  window.addEventListener('online', flush);

  navigator.serviceWorker.register('/sw.js', { scope: '/lapor' }).then(flush, function () {});
  showQueue().then(function (waiting) { if (!waiting) return showSent(); });

  if (!form) return;

  // ---- The draft ----

  var keyInput = form.querySelector('input[name="idempotency_key"]');
  var fileInput = form.querySelector('input[type="file"][name="files"]');
  // A page the server sent back with errors shows what was sent: that is the draft now.
  var returned = !!document.querySelector('[data-error-summary]');
  var held = !!document.querySelector('[data-testid="held-files"]');
  var draft = null;
  var files = [];
  var saving = false;
  var timer = null;
  var pending = Promise.resolve();

  function readFields() {
    var fields = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || SKIP[el.name] || el.type === 'hidden' || el.type === 'file' || el.type === 'submit') return;
      if ((el.type === 'checkbox' || el.type === 'radio') && !el.checked) return;
      fields[el.name] = el.value;
    });
    return fields;
  }

  function writeFields(fields) {
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || SKIP[el.name] || el.type === 'hidden' || el.type === 'file' || el.type === 'submit') return;
      if (el.type === 'checkbox' || el.type === 'radio') el.checked = fields[el.name] === el.value;
      else if (Object.prototype.hasOwnProperty.call(fields, el.name)) el.value = fields[el.name];
    });
    // report-form.js narrows the desa list when the kecamatan changes.
    var kecamatan = document.getElementById('f-kecamatan');
    if (kecamatan) kecamatan.dispatchEvent(new Event('change'));
  }

  function worthKeeping(fields) {
    if (files.length) return true;
    return ['title', 'body', 'address', 'name', 'email', 'phone', 'nik'].some(function (n) { return (fields[n] || '').trim(); });
  }

  function save() {
    clearTimeout(timer);
    if (!saving) return Promise.resolve();
    var fields = readFields();
    if (!worthKeeping(fields)) return kv.del('current', stores.draft);
    draft = { key: keyInput.value, fields: fields, files: files, savedAt: Date.now() };
    return kv.set('current', draft, stores.draft).then(function () {
      say('saved', text.saved, text.savedHint);
    });
  }

  function later() {
    clearTimeout(timer);
    timer = setTimeout(save, 400);
  }

  function setFiles(list) {
    files = list;
    if (!fileInput || typeof DataTransfer === 'undefined') return;
    var dt = new DataTransfer();
    list.forEach(function (f) { dt.items.add(f instanceof File ? f : new File([f.blob], f.name, { type: f.type })); });
    fileInput.files = dt.files;
  }

  /** A photo as at most 1600 px JPEG, turned upright by its EXIF orientation; anything else as chosen. */
  function shrink(file) {
    if (!/^image\/(jpeg|png|webp)$/.test(file.type) || !window.createImageBitmap) return Promise.resolve(file);
    return createImageBitmap(file, { imageOrientation: 'from-image' }).then(function (bitmap) {
      var scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
      // Small enough already: sent as it is (the server re-encodes every photo anyway).
      if (scale === 1 && file.size <= 1024 * 1024) {
        bitmap.close();
        return file;
      }
      var canvas = document.createElement('canvas');
      canvas.width = Math.round(bitmap.width * scale);
      canvas.height = Math.round(bitmap.height * scale);
      var ctx = canvas.getContext('2d');
      ctx.fillStyle = '#fff'; // a transparent PNG becomes a JPEG on white, not black
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      ctx.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      bitmap.close();
      return new Promise(function (resolve) { canvas.toBlob(resolve, 'image/jpeg', 0.82); }).then(function (blob) {
        if (!blob || (scale === 1 && blob.size >= file.size)) return file;
        var name = file.name.replace(/\.(jpe?g|png|webp)$/i, '') + '.jpg';
        return new File([blob], name, { type: 'image/jpeg', lastModified: file.lastModified });
      });
    }).catch(function () { return file; });
  }

  function start(existing) {
    saving = true;
    if (existing) {
      // A page the server sent back carries the key it wants next: the same one after a field
      // error, a new one when the key had made another report (src/intake/handlers.ts).
      if (returned && keyInput.value) existing.key = keyInput.value;
      else keyInput.value = existing.key;
      if (!returned) writeFields(existing.fields);
      // Photos the server holds are listed by the page; the draft's copies would go twice, so
      // they stay in the draft only (for a later visit, when the server no longer holds them).
      if (held) files = existing.files || [];
      else if (existing.files && existing.files.length && !(fileInput && fileInput.files.length)) setFiles(existing.files);
    } else {
      keyInput.value = (returned && keyInput.value) || newKey();
    }
    form.addEventListener('input', function (e) { if (e.target !== fileInput) later(); });
    form.addEventListener('change', function (e) { if (e.target !== fileInput) later(); });
    if (fileInput) {
      fileInput.addEventListener('change', function () {
        var chosen = Array.prototype.slice.call(fileInput.files);
        say('saving', text.resizing);
        pending = Promise.all(chosen.map(shrink)).then(function (small) {
          setFiles(small);
          return save();
        });
      });
    }
    form.addEventListener('submit', function (event) {
      if (form.getAttribute('data-sending')) return;
      // Photos still being made smaller: wait for them, then send the small ones.
      event.preventDefault();
      pending.then(save).then(function () {
        form.setAttribute('data-sending', '1');
        // Not yet served by the worker (its very first second), the send cannot be queued:
        // the draft stays until the thank-you page removes it (report-sent.js), so a send
        // the network drops is offered again on the next visit, under the same key.
        form.submit();
      });
    });
    save();
  }

  function offer(existing) {
    var p = document.createElement('div');
    p.className = 'draft-offer';
    p.setAttribute('data-testid', 'draft-offer');
    var words = document.createElement('p');
    words.textContent = fill(text.offer, { time: new Date(existing.savedAt).toLocaleString(document.documentElement.lang || undefined, { dateStyle: 'medium', timeStyle: 'short' }) });
    var names = (existing.files || []).map(function (f) { return f.name; }).join(', ');
    var resume = document.createElement('button');
    resume.type = 'button';
    resume.className = 'button';
    resume.textContent = text.resume;
    var discard = document.createElement('button');
    discard.type = 'button';
    discard.className = 'button button-secondary';
    discard.textContent = text.discard;
    var actions = document.createElement('p');
    actions.className = 'draft-actions';
    actions.appendChild(resume);
    actions.appendChild(discard);
    p.appendChild(words);
    if (names) {
      var f = document.createElement('p');
      f.className = 'hint';
      f.textContent = fill(text.restoredFiles, { names: names });
      p.appendChild(f);
    }
    p.appendChild(actions);
    box.insertBefore(p, line);
    // The choice comes before anything else: brought into view (a reload restores the
    // scroll position, which could leave it above the screen) and read out first.
    p.tabIndex = -1;
    p.focus();
    resume.addEventListener('click', function () {
      p.remove();
      start(existing);
      var title = document.getElementById('f-title');
      if (title) title.focus();
    });
    discard.addEventListener('click', function () {
      p.remove();
      kv.del('current', stores.draft).then(function () {
        start(null);
        say('discarded', text.discarded);
      });
    });
  }

  /** The draft to offer: the current one, or else one the server sent back while another was being written. */
  function current() {
    return kv.get('current', stores.draft).then(function (existing) {
      if (existing) return existing;
      return kv.entries(stores.draft).then(function (entries) {
        var next = entries.filter(function (e) { return e[0] !== 'current'; })[0];
        if (!next) return undefined;
        return kv.set('current', next[1], stores.draft).then(function () { return kv.del(next[0], stores.draft); }).then(function () { return next[1]; });
      });
    });
  }

  current().then(function (existing) {
    // A draft left for a month is not offered to whoever opens the form next: it is removed.
    if (existing && !(Date.now() - existing.savedAt < DRAFT_DAYS * 86400000)) {
      return kv.del('current', stores.draft).then(function () { start(null); });
    }
    if (existing && existing.key && !returned) offer(existing);
    else start(existing && existing.key ? existing : null);
  });
})();
