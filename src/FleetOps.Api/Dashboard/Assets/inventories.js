'use strict';
// Inventories: stored inventories by name; one inventory's hosts, groups and format, and a selector tester that asks
// the server (GET /api/inventories/{name}?selector=), so it counts exactly as a sweep or rollout would select; the
// host list below (GET /api/inventories/{name}/hosts, 100 a page) shows the hosts the tester's selector picks.
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
    var hostsRegion = h('div', { id: 'inventory-hosts' });
    // The selector the host list shows (the tester's last one that parsed); empty: every host.
    var listed = '';
    var hosts = FO.pager('Host pages', async function (continuation) {
      var body = await FO.api(FO.query(FO.path('inventories', name, 'hosts'), { selector: listed, limit: 100, continuationToken: continuation }));
      hostsRegion.replaceChildren(FO.table('Hosts' + (listed ? ' selected by ' + listed : ''), [
        { title: 'Host', cell: function (x) { return x.name; } },
        { title: 'Address', cell: function (x) { return x.address; } },
        { title: 'Groups', cell: function (x) { return (x.groups || []).join(', '); } },
        { title: 'Labels', cell: function (x) { return Object.keys(x.labels || {}).map(function (k) { return k + '=' + x.labels[k]; }).join(', '); } }
      ], body.hosts, body.continuationToken ? 'No host on this page matches; the next page goes on.' : 'No hosts match.'));
      hostsRegion.setAttribute('data-selector', listed);
      return body.continuationToken || null;
    });
    var form = h('form', { class: 'filters', onsubmit: async function (e) {
      e.preventDefault();
      try {
        if (!selector.value.trim()) {
          listed = '';
          FO.message(answer, 'Showing every host.');
        } else {
          var body = await FO.api(FO.query(FO.path('inventories', name), { selector: selector.value }));
          listed = selector.value.trim();
          FO.message(answer, FO.num(body.selected) + ' of ' + FO.num(body.hosts) + ' hosts selected by ' + listed);
        }
        await hosts.reset();
      } catch (err) { FO.message(answer, err.message, true); }
    } }, [h('label', { for: 'selector', text: 'Selector' }), selector, h('button', { type: 'submit', text: 'Count selected hosts' })]);
    main.append(h('h2', {}, ['Inventory ', h('code', { text: name })]), facts, h('h3', { text: 'Selector tester' }), form, answer,
      h('h3', { text: 'Hosts' }), hostsRegion, hosts.element);
    return {
      refresh: async function () {
        var i = await FO.api(FO.path('inventories', name));
        facts.replaceChildren(FO.facts([
          ['Format', i.format],
          ['Hosts', FO.num(i.hosts)],
          ['Groups', (i.groups || []).join(', ') || 'none'],
          ['Updated', i.updatedAt ? FO.time(i.updatedAt) + ' (' + FO.age(i.updatedAt) + ' ago)' : '–']
        ]));
        await hosts.refresh();
      },
      // Stored inventories change rarely: read once, and again only on demand.
      once: true
    };
  };
})();
