'use strict';
// Building blocks: elements made as nodes (never from HTML text: the policy refuses HTML sinks), tables, pagers,
// states shown as words (never by colour alone), ages and numbers.
(function () {
  // h('button', { type: 'button', text: 'Go', onclick: f }, [children])
  FO.h = function (tag, props, children) {
    var el = document.createElement(tag);
    Object.keys(props || {}).forEach(function (k) {
      var v = props[k];
      if (v === null || v === undefined || v === false) return;
      if (k === 'text') el.textContent = String(v);
      else if (k.slice(0, 2) === 'on') el.addEventListener(k.slice(2), v);
      else if (k === 'value') el.value = v;
      else if (k === 'disabled') el.disabled = !!v;
      else el.setAttribute(k, v === true ? '' : String(v));
    });
    (children || []).forEach(function (c) {
      if (c === null || c === undefined || c === false) return;
      el.append(c instanceof Node ? c : document.createTextNode(String(c)));
    });
    return el;
  };
  var h = FO.h;

  FO.num = function (n) { return n === null || n === undefined ? '–' : Number(n).toLocaleString('en-US'); };
  FO.pct = function (n) { return n === null || n === undefined ? '–' : (Math.floor(n * 100) / 100).toFixed(2) + ' %'; };
  FO.ms = function (n) { return n === null || n === undefined ? '–' : (n < 10 ? n.toFixed(1) : Math.round(n)) + ' ms'; };

  FO.age = function (iso) {
    if (!iso) return '–';
    var s = Math.max(0, (Date.now() - new Date(iso).getTime()) / 1000);
    if (s < 60) return Math.floor(s) + ' s';
    if (s < 3600) return Math.floor(s / 60) + ' min';
    if (s < 86400) return Math.floor(s / 3600) + ' h';
    return Math.floor(s / 86400) + ' d';
  };
  FO.time = function (iso) { return iso ? new Date(iso).toISOString().replace('T', ' ').slice(0, 19) + 'Z' : '–'; };

  // A state as a word in a badge; the class only adds colour.
  FO.state = function (text) {
    var name = String(text || 'unknown').toLowerCase().replace(/[^a-z-]/g, '');
    return h('span', { class: 'state state-' + name, 'data-state': name, text: text || 'unknown' });
  };

  FO.progress = function (done, total, label) {
    var p = h('progress', { max: Math.max(total || 0, 1), value: done || 0, 'aria-label': label });
    return h('span', {}, [p, ' ', FO.num(done) + ' / ' + FO.num(total)]);
  };

  // columns: [{ title, cell(row) → Node|string, num }]
  FO.table = function (caption, columns, rows, empty) {
    if (!rows.length) return h('p', { class: 'muted', text: empty || 'None.' });
    var head = h('tr', {}, columns.map(function (c) { return h('th', { scope: 'col', class: c.num ? 'num' : null, text: c.title }); }));
    var body = rows.map(function (r) {
      return h('tr', {}, columns.map(function (c) { return h('td', { class: c.num ? 'num' : null }, [c.cell(r)]); }));
    });
    return h('table', {}, [h('caption', { text: caption }), h('thead', {}, [head]), h('tbody', {}, body)]);
  };

  FO.facts = function (pairs) {
    var dl = h('dl', { class: 'facts' });
    pairs.forEach(function (p) { if (p) dl.append(h('dt', { text: p[0] }), h('dd', {}, [p[1]])); });
    return dl;
  };

  // Pages by continuation token, kept on a stack so "previous" goes back exactly. load(token) → Promise<next token>.
  FO.pager = function (label, load) {
    var stack = [], current = null, next = null;
    var info = h('span', { class: 'muted' });
    var prev = h('button', { type: 'button', text: 'Previous page', onclick: function () { current = stack.pop() || null; refresh(); } });
    var more = h('button', { type: 'button', text: 'Next page', onclick: function () { stack.push(current); current = next; refresh(); } });
    async function refresh() {
      next = await load(current);
      prev.disabled = stack.length === 0;
      more.disabled = !next;
      info.textContent = 'page ' + (stack.length + 1);
    }
    return {
      element: h('div', { class: 'pager', role: 'group', 'aria-label': label }, [prev, info, more]),
      refresh: refresh,
      reset: function () { stack = []; current = null; return refresh(); }
    };
  };

  FO.link = function (text, hash) { return h('a', { href: hash, text: text }); };
  FO.message = function (el, text, isError) {
    el.textContent = text;
    el.className = 'message' + (isError ? ' error' : '');
  };
})();
