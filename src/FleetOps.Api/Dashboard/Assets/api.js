'use strict';
// The JSON API as the dashboard calls it. The key (taken once from ?code=, as Azure Functions takes it, or from the
// key form) is kept in this tab's sessionStorage only and sent as x-functions-key, the header both hosts take.
var FO = window.FO = { pages: {} };
(function () {
  var KEY = 'fleetops.key';

  FO.key = {
    get: function () { try { return sessionStorage.getItem(KEY) || ''; } catch (e) { return ''; } },
    set: function (key) { if (key) sessionStorage.setItem(KEY, key); else sessionStorage.removeItem(KEY); }
  };

  // A key in the address is taken, then removed from the address bar and the history entry.
  (function takeCode() {
    var url = new URL(location.href);
    var code = url.searchParams.get('code');
    if (!code) return;
    FO.key.set(code);
    url.searchParams.delete('code');
    history.replaceState(null, '', url.pathname + url.search + url.hash);
  })();

  // "/api/runs/{id}/report": every value escaped as one path segment, as the typed client does.
  FO.path = function () {
    return '/api/' + Array.prototype.map.call(arguments, encodeURIComponent).join('/');
  };

  FO.query = function (path, params) {
    var q = new URLSearchParams();
    Object.keys(params || {}).forEach(function (k) {
      var v = params[k];
      if (v !== null && v !== undefined && v !== '') q.append(k, String(v));
    });
    var s = q.toString();
    return s ? path + '?' + s : path;
  };

  // GET or POST JSON; a refusal throws an Error whose message is the problem's detail (status and body attached).
  FO.api = async function (path, options) {
    options = options || {};
    var headers = { accept: 'application/json' };
    var key = FO.key.get();
    if (key) headers['x-functions-key'] = key;
    var init = { method: options.method || 'GET', headers: headers, cache: 'no-store', credentials: 'omit' };
    if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      init.body = JSON.stringify(options.body);
    }
    var response = await fetch(path, init);
    var text = await response.text();
    var body = null;
    try { body = text ? JSON.parse(text) : null; } catch (e) { body = null; }
    if (!response.ok) {
      var error = new Error((body && (body.detail || body.title)) || ('HTTP ' + response.status));
      error.status = response.status;
      error.body = body;
      throw error;
    }
    return body;
  };

  // A link that opens a route in a new page: the key goes as ?code= (both hosts take it), since a link sends no header.
  FO.keyedHref = function (path) {
    var key = FO.key.get();
    if (!key) return path;
    return path + (path.indexOf('?') >= 0 ? '&' : '?') + 'code=' + encodeURIComponent(key);
  };
})();
