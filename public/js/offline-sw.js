// The report form's service worker, served at /sw.js by src/offline/ with SW_VERSION and
// SW_PRECACHE set before this text (a hash of the files it caches: a change to any of
// them changes this script, so the browser installs the new version and its cache).
//
// Scope /lapor: /lapor opens offline from the cache; a report sent while the network
// fails is kept in IndexedDB under its idempotency key and sent again when the connection
// returns, with the same key, so the server makes it once (issue 24). Nothing else on the
// site passes through here.
/* global SW_VERSION, SW_PRECACHE, idbKeyval */
'use strict';
importScripts('/static/vendor/idb-keyval.js');

var CACHE = 'lapor-' + SW_VERSION;
var SHELL = ['/lapor', '/lapor/antrean'];
var stores = {
  draft: idbKeyval.createStore('epengaduan-draft', 'draft'),
  queue: idbKeyval.createStore('epengaduan-queue', 'queue'),
  sent: idbKeyval.createStore('epengaduan-sent', 'sent'),
};

/** A page a signed-in staff member gets is no-store: it is never kept on the device. */
function keepable(response) {
  return response.ok && response.type === 'basic' && !response.redirected && !/no-store/.test(response.headers.get('Cache-Control') || '');
}

self.addEventListener('install', function (event) {
  event.waitUntil(
    caches.open(CACHE).then(function (cache) {
      // 'no-cache': revalidated, so a new version never caches an old file from the HTTP cache.
      return Promise.all(
        SHELL.concat(SW_PRECACHE).map(function (url) {
          return fetch(url, { cache: 'no-cache', credentials: 'same-origin' }).then(function (response) {
            if (keepable(response)) return cache.put(url, response);
          });
        })
      );
    }).then(function () {
      return self.skipWaiting();
    })
  );
});

self.addEventListener('activate', function (event) {
  event.waitUntil(
    caches.keys().then(function (names) {
      return Promise.all(
        names.filter(function (n) { return n.indexOf('lapor-') === 0 && n !== CACHE; }).map(function (n) { return caches.delete(n); })
      );
    }).then(function () {
      // The open /lapor tab is served from now on, so its first send can already be queued.
      return self.clients.claim();
    })
  );
});

self.addEventListener('fetch', function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method === 'POST' && url.pathname === '/lapor') {
    event.respondWith(send(request));
  } else if (request.method === 'GET' && request.mode === 'navigate' && SHELL.indexOf(url.pathname) >= 0) {
    event.respondWith(networkFirst(request, url.pathname));
  } else if (request.method === 'GET' && SW_PRECACHE.indexOf(url.pathname) >= 0) {
    event.respondWith(caches.match(url.pathname, { cacheName: CACHE }).then(function (hit) { return hit || fetch(request); }));
  }
});

function networkFirst(request, path) {
  return fetch(request).then(function (response) {
    if (keepable(response)) {
      var copy = response.clone();
      caches.open(CACHE).then(function (cache) { return cache.put(path, copy); });
    }
    return response;
  }, function (err) {
    return caches.match(path, { cacheName: CACHE }).then(function (hit) {
      if (hit) return hit;
      throw err;
    });
  });
}

/** The form as stored: fields as text, files as blobs with their names. */
function readForm(request) {
  return request.formData().then(function (data) {
    var entries = [];
    data.forEach(function (value, name) {
      entries.push(typeof value === 'string' ? [name, value] : [name, { blob: value, name: value.name, type: value.type }]);
    });
    return entries;
  });
}

function field(entries, name) {
  for (var i = 0; i < entries.length; i++) if (entries[i][0] === name && typeof entries[i][1] === 'string') return entries[i][1];
  return '';
}

/** Forgets the draft of this key: its report is sent or queued, and nothing personal stays twice. */
function forgetDraft(key) {
  return idbKeyval.get('current', stores.draft).then(function (draft) {
    if (draft && draft.key === key) return idbKeyval.del('current', stores.draft);
  });
}

function send(request) {
  var copy = request.clone();
  return fetch(request).then(function (response) {
    // 303 to /lapor/terkirim: the report is made (or was, for a repeat of the key).
    if (response.type === 'opaqueredirect' || (response.redirected && new URL(response.url).pathname === '/lapor/terkirim')) {
      readForm(copy).then(function (entries) { return forgetDraft(field(entries, 'idempotency_key')); }).catch(function () {});
    }
    return response;
  }, function () {
    // No answer: offline, or the connection dropped. The server may even have made the
    // report; the replay's same key then gets the first answer instead of a second report.
    return readForm(copy).then(function (entries) {
      var key = field(entries, 'idempotency_key') || String(Date.now());
      var item = { key: key, title: field(entries, 'title'), entries: entries, queuedAt: Date.now(), state: 'waiting' };
      return idbKeyval.set(key, item, stores.queue)
        .then(function () { return forgetDraft(key); })
        .then(function () {
          tell({ type: 'queued', key: key, title: item.title });
          if (self.registration.sync) self.registration.sync.register('lapor-queue').catch(function () {});
          return Response.redirect('/lapor/antrean', 303);
        });
    });
  });
}

function tell(message) {
  return self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then(function (list) {
    list.forEach(function (client) { client.postMessage(message); });
  });
}

var flushing = null;
/** Sends every queued report, one at a time; resolves true when nothing waits any more. */
function flush() {
  if (!flushing) {
    flushing = drain().then(function (done) { flushing = null; return done; }, function (err) { flushing = null; throw err; });
  }
  return flushing;
}

function drain() {
  return idbKeyval.values(stores.queue).then(function (items) {
    var waiting = items.filter(function (i) { return i.state === 'waiting'; });
    var chain = Promise.resolve(true);
    waiting.forEach(function (item) {
      chain = chain.then(function (ok) { return ok ? replay(item) : false; });
    });
    return chain;
  });
}

/** A fresh CSRF token: the queued form's may belong to a session that has since changed. */
function csrfToken() {
  return fetch('/lapor', { cache: 'no-store', credentials: 'same-origin' }).then(function (response) {
    return response.text();
  }).then(function (html) {
    var m = /name="_csrf" value="([^"]+)"/.exec(html);
    return m ? m[1] : '';
  });
}

function replay(item) {
  return csrfToken().then(function (token) {
    var body = new FormData();
    item.entries.forEach(function (entry) {
      var name = entry[0], value = entry[1];
      if (name === '_csrf') body.append(name, token);
      else if (typeof value === 'string') body.append(name, value);
      else body.append(name, value.blob, value.name);
    });
    // The token goes in the body only, like the form's: sent in a header too, the body's field would be refused as unknown.
    return fetch('/lapor', { method: 'POST', body: body, credentials: 'same-origin' });
  }).then(function (response) {
    if (response.ok && new URL(response.url).pathname === '/lapor/terkirim') {
      return response.text().then(function (html) {
        var m = /data-testid="tracking-code">([^<]+)</.exec(html);
        var code = m ? m[1].trim() : '';
        return idbKeyval.del(item.key, stores.queue)
          .then(function () { return idbKeyval.set(item.key, { code: code, sentAt: Date.now() }, stores.sent); })
          .then(function () { return tell({ type: 'sent', key: item.key, code: code }); })
          .then(function () { return true; });
      });
    }
    // Refused as written (a field the server does not accept): back to the draft, to fix by hand.
    if (response.status >= 400 && response.status < 500 && [403, 408, 429].indexOf(response.status) < 0) {
      var files = item.entries.filter(function (e) { return typeof e[1] !== 'string' && e[1].name; }).map(function (e) { return e[1]; });
      var fields = {};
      item.entries.forEach(function (e) { if (typeof e[1] === 'string') fields[e[0]] = e[1]; });
      var draft = { key: item.key, fields: fields, files: files, savedAt: item.queuedAt };
      // A report begun since then stays the draft; this one waits beside it (report-draft.js offers it next).
      return idbKeyval.get('current', stores.draft)
        .then(function (current) { return idbKeyval.set(current && current.key !== item.key ? item.key : 'current', draft, stores.draft); })
        .then(function () { return idbKeyval.del(item.key, stores.queue); })
        .then(function () { return tell({ type: 'refused', key: item.key, title: item.title }); })
        .then(function () { return true; });
    }
    return false;
  }, function () {
    return false;
  });
}

self.addEventListener('sync', function (event) {
  if (event.tag !== 'lapor-queue') return;
  // A rejection asks the browser to try again later.
  event.waitUntil(flush().then(function (done) { if (!done) throw new Error('still offline'); }));
});

var retrying = null;
/**
 * A page's `online` event can come before the connection carries anything (a radio still
 * waking, a captive portal, or the worker's own network state updated a moment after the
 * page's): when a flush fails, it is tried again after 1, 2, 4, 8 and 16 s while the asking
 * page keeps the worker alive, before it is left to the next sync, visit or `online` event.
 */
function flushPatiently() {
  if (!retrying) {
    var attempt = function (n) {
      return flush().then(function (done) {
        if (done || n >= 5) return done;
        return new Promise(function (resolve) { setTimeout(resolve, 1000 * Math.pow(2, n)); }).then(function () { return attempt(n + 1); });
      });
    };
    retrying = attempt(0).then(function (done) { retrying = null; return done; }, function (err) { retrying = null; throw err; });
  }
  return retrying;
}

self.addEventListener('message', function (event) {
  if (event.data && event.data.type === 'flush') event.waitUntil(flushPatiently());
});
