'use strict';
// Monitors: by name, 25 a page (the server pages), each with its state and counts from its summary.
(function () {
  var h = FO.h;

  FO.pages.monitors = function (main) {
    var region = h('div', { id: 'monitors' });
    var pager = FO.pager('Monitor pages', async function (continuation) {
      var body = await FO.api(FO.query(FO.path('monitors'), { limit: 25, continuationToken: continuation }));
      // At most 25 summaries, each the same small size whatever the monitor's fleet.
      var rows = await Promise.all(body.monitors.map(function (m) {
        return FO.api(FO.path('monitors', m.name, 'summary')).catch(function () { return { name: m.name, state: 'unknown' }; });
      }));
      region.replaceChildren(FO.table('Monitors', [
        { title: 'Monitor', cell: function (m) { return FO.link(m.name, '#/monitors/' + encodeURIComponent(m.name)); } },
        { title: 'State', cell: function (m) { return FO.state(m.state); } },
        { title: 'Up', cell: function (m) { return FO.num(m.counts && m.counts.up); }, num: true },
        { title: 'Down', cell: function (m) { return FO.num(m.counts && m.counts.down); }, num: true },
        { title: 'Unknown', cell: function (m) { return FO.num(m.counts && m.counts.unknown); }, num: true },
        { title: 'Targets', cell: function (m) { return FO.num(m.counts && m.counts.total); }, num: true },
        { title: 'Last cycle', cell: function (m) { return m.runtime && m.runtime.cycleAt ? FO.age(m.runtime.cycleAt) + ' ago' : '–'; }, num: true }
      ], rows, 'No monitors.'));
      return body.continuationToken || null;
    });
    main.append(h('h2', { text: 'Monitors' }), region, pager.element);
    return { refresh: pager.refresh };
  };
})();
