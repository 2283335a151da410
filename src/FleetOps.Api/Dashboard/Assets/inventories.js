'use strict';
// Inventories: stored inventories by name; one inventory's hosts, groups and format, and a selector tester that asks
// the server (GET /api/inventories/{name}?selector=), so it counts exactly as a sweep or rollout would select.
(function () {
  var h = FO.h;

  function nameOf(item) { return typeof item === 'string' ? item : item.name; }

  FO.pages.inventories = function (main) {
    var region = h('div', { id: 'inventories' });
    var pager = FO.pager('Inventory pages', async function (continuation) {
      var body = await FO.api(continuation ? FO.query(FO.path('inventories'), { continuation: continuation }) : FO.path('inventories'));
      region.replaceChildren(FO.table('Inventories', [
        { title: 'Inventory', cell: function (i) { return FO.link(nameOf(i), '#/inventories/' + encodeURIComponent(nameOf(i))); } }
      ], body.inventories, 'No inventories stored.'));
      return body.continuation || null;
    });
    main.append(h('h2', { text: 'Inventories' }), region, pager.element);
    return { refresh: pager.refresh };
  };

  FO.pages.inventory = function (main, name) {
    var facts = h('div', { id: 'inventory' });
    var selector = h('input', { id: 'selector', type: 'text', spellcheck: 'false', placeholder: 'group=web,zone!=b' });
    var answer = h('p', { class: 'message', role: 'status', id: 'selector-result' });
    var form = h('form', { class: 'filters', onsubmit: async function (e) {
      e.preventDefault();
      if (!selector.value.trim()) { FO.message(answer, 'Type a selector first.', true); return; }
      try {
        var body = await FO.api(FO.query(FO.path('inventories', name), { selector: selector.value }));
        FO.message(answer, FO.num(body.selected) + ' of ' + FO.num(body.hosts) + ' hosts selected by ' + selector.value.trim());
      } catch (err) { FO.message(answer, err.message, true); }
    } }, [h('label', { for: 'selector', text: 'Selector' }), selector, h('button', { type: 'submit', text: 'Count selected hosts' })]);
    main.append(h('h2', {}, ['Inventory ', h('code', { text: name })]), facts, h('h3', { text: 'Selector tester' }), form, answer);
    return {
      refresh: async function () {
        var i = await FO.api(FO.path('inventories', name));
        facts.replaceChildren(FO.facts([
          ['Format', i.format],
          ['Hosts', FO.num(i.hosts)],
          ['Groups', (i.groups || []).join(', ') || 'none'],
          ['Updated', i.updatedAt ? FO.time(i.updatedAt) + ' (' + FO.age(i.updatedAt) + ' ago)' : '–']
        ]));
      },
      // Stored inventories change rarely: read once, and again only on demand.
      once: true
    };
  };
})();
