'use strict';
// A monitor's status page: its state and counts, current incidents (targets down), targets by state (100 a page,
// paged by the server), uptime per target over a window, a 90-day bar per target, heartbeat, maintenance windows, and recent events.
(function () {
  var h = FO.h;

  function targetColumns() {
    return [
      { title: 'Target', cell: function (t) { return t.name; } },
      { title: 'Address', cell: function (t) { return t.address; } },
      { title: 'State', cell: function (t) { return FO.state(t.state); } },
      { title: 'Since', cell: function (t) { return t.since ? FO.age(t.since) : '–'; }, num: true },
      { title: 'Latency', cell: function (t) { return FO.ms(t.latencyMs); }, num: true },
      { title: 'Last error', cell: function (t) { return t.error ? (t.failingCheck ? t.failingCheck + ': ' : '') + t.error : ''; } }
    ];
  }

  function overview(m) {
    var r = m.runtime || {}, d = m.definition || {}, c = m.counts || {};
    return FO.facts([
      ['State', FO.state(m.state)],
      ['Targets', FO.num(c.up) + ' up, ' + FO.num(c.down) + ' down, ' + FO.num(c.unknown) + ' unknown of ' + FO.num(c.total)],
      ['Schedule', d.interval ? 'every ' + d.interval : d.schedule || '–'],
      ['Cycle', FO.num(r.cycle) + (r.cycleAt ? ', ' + FO.age(r.cycleAt) + ' ago' : '') + (r.phase ? ' (' + r.phase + ')' : '')],
      ['Next due', r.nextDue ? FO.time(r.nextDue) : '–'],
      ['Late / skipped cycles', FO.num(r.lateCycles) + ' / ' + FO.num(r.skippedCycles)],
      ['In maintenance now', r.maintenance ? 'yes' : 'no'],
      ['Maintenance windows', (d.maintenance || []).map(function (w) {
        return w.cron ? w.cron + ' for ' + w.duration : (w.from || '…') + ' → ' + (w.until || '…');
      }).join('; ') || 'none'],
      ['Heartbeat', m.heartbeat ? 'expected every ' + (d.heartbeat && d.heartbeat.period) + (m.heartbeat.waitingSince ? ', waiting since ' + FO.time(m.heartbeat.waitingSince) : '') : 'none'],
      r.problem ? ['Problem', r.problem] : null
    ]);
  }

  FO.pages.monitor = function (main, name) {
    var head = h('div', { id: 'monitor-overview' });
    var incidents = h('div', { id: 'monitor-incidents' });
    var state = h('select', { id: 'targets-state', onchange: function () { targets.reset(); } },
      [['', 'all'], ['down', 'down'], ['up', 'up'], ['unknown', 'unknown']].map(function (o) { return h('option', { value: o[0], text: o[1] }); }));
    var targetsRegion = h('div', { id: 'monitor-targets' });
    var windowSelect = h('select', { id: 'uptime-window', onchange: function () { uptime.reset(); } },
      ['24h', '7d', '30d', '365d', '1h'].map(function (w) { return h('option', { value: w, text: w }); }));
    var uptimeRegion = h('div', { id: 'monitor-uptime' });
    var barsRegion = h('div', { id: 'monitor-uptime-days' });
    var eventsRegion = h('div', { id: 'monitor-events' });
    var result = h('p', { class: 'message', role: 'status' });
    var pause = h('button', { type: 'button', id: 'monitor-pause', text: 'Pause monitor', onclick: function () { act('pause'); } });
    var resume = h('button', { type: 'button', id: 'monitor-resume', text: 'Resume monitor', onclick: function () { act('resume'); } });

    var targets = FO.pager('Target pages', async function (continuation) {
      var body = await FO.api(FO.query(FO.path('monitors', name, 'targets'), { state: state.value, limit: 100, continuationToken: continuation }));
      targetsRegion.replaceChildren(FO.table('Targets' + (state.value ? ' ' + state.value : ''), targetColumns(), body.targets, 'No targets on this page.'));
      return body.continuationToken || null;
    });
    var uptime = FO.pager('Uptime pages', async function (continuation) {
      var body = await FO.api(FO.query(FO.path('monitors', name, 'uptime'), { window: windowSelect.value, limit: 100, continuationToken: continuation }));
      var o = body.overall || {};
      uptimeRegion.replaceChildren(
        h('p', {}, ['Overall over ' + body.window + ': ', h('strong', { text: FO.pct(o.uptimePercent) }),
          ', p50 ' + FO.ms(o.p50Ms) + ', p95 ' + FO.ms(o.p95Ms) + ' (' + FO.num(o.cycles) + ' checks)']),
        FO.table('Uptime per target over ' + body.window, [
          { title: 'Target', cell: function (t) { return t.name; } },
          { title: 'Uptime', cell: function (t) {
            var u = t.uptime.uptimePercent;
            return h('span', {}, [h('meter', { min: 0, max: 100, low: 99, high: 99.9, optimum: 100, value: u === null ? 0 : u, 'aria-label': 'uptime of ' + t.name }), ' ', FO.pct(u)]); } },
          { title: 'Checks', cell: function (t) { return FO.num(t.uptime.cycles); }, num: true },
          { title: 'p50', cell: function (t) { return FO.ms(t.uptime.p50Ms); }, num: true },
          { title: 'p95', cell: function (t) { return FO.ms(t.uptime.p95Ms); }, num: true }
        ], body.targets, 'No figures yet.'));
      return body.continuationToken || null;
    });

    // 90 daily segments per target, 50 targets a page: the server sums each day, the page only draws.
    var bars = FO.pager('Daily uptime pages', async function (continuation) {
      var body = await FO.api(FO.query(FO.path('monitors', name, 'uptime', 'days'), { days: 90, limit: 50, continuationToken: continuation }));
      barsRegion.replaceChildren(FO.table('Uptime per day over the last ' + body.days + ' days (UTC), by target', [
        { title: 'Target', cell: function (t) { return t.name; } },
        { title: body.days + ' days', cell: function (t) { return FO.uptimeBar(t.name, t.days); } },
        { title: 'Average', cell: function (t) { return FO.pct(FO.uptimeSummary(t.days).mean); }, num: true },
        { title: 'Lowest day', cell: function (t) { var w = FO.uptimeSummary(t.days).worst; return w ? FO.pct(w.uptimePercent) + ' on ' + w.day : '–'; } },
        { title: 'Days without data', cell: function (t) { return FO.num(FO.uptimeSummary(t.days).missing); }, num: true }
      ], FO.uptimeDays(body), 'No targets yet.'));
      return body.continuationToken || null;
    });

    async function act(action) {
      try {
        await FO.api(FO.path('monitors', name, action), { method: 'POST' });
        FO.message(result, action + ': done');
        FO.tick();
      } catch (e) { FO.message(result, action + ': ' + e.message, true); }
    }

    main.append(h('h2', {}, ['Monitor ', h('code', { text: name })]), head, h('div', { class: 'controls' }, [pause, resume, result]),
      h('h3', { text: 'Current incidents' }), incidents,
      h('h3', { text: 'Targets' }), h('div', { class: 'filters' }, [h('label', { for: 'targets-state', text: 'Show targets' }), state]), targetsRegion, targets.element,
      h('h3', { text: 'Uptime' }), h('div', { class: 'filters' }, [h('label', { for: 'uptime-window', text: 'Window' }), windowSelect]), uptimeRegion, uptime.element,
      h('h3', { text: 'Uptime, last 90 days' }), FO.uptimeLegend(), barsRegion, bars.element,
      h('h3', { text: 'Recent events' }), eventsRegion);

    // Uptime (which the server sums over every target of the window) and events change slowly: read apart from the
    // tick, at most every 10 s, so they never hold up the state, incidents and targets.
    var slowBusy = false, slowAt = 0;
    function slow() {
      if (slowBusy || Date.now() - slowAt < 10000) return;
      slowBusy = true;
      slowAt = Date.now();
      var started = performance.now();
      var events = FO.api(FO.query(FO.path('monitors', name, 'events'), { limit: 15 })).catch(function () { return { events: [] }; });
      Promise.all([uptime.refresh(), events, bars.refresh()]).then(function (done) {
        eventsRegion.replaceChildren(FO.table('Recent events, newest first', [
          { title: 'At', cell: function (e) { return FO.time(e.at); } },
          { title: 'Event', cell: function (e) { return e.kind; } },
          { title: 'Target', cell: function (e) { return e.target || ''; } },
          { title: 'Change', cell: function (e) { return e.from || e.to ? (e.from || '') + ' → ' + (e.to || '') : ''; } },
          { title: 'Detail', cell: function (e) { return e.message || e.notifier || ''; } }
        ], done[1].events, 'No events yet.'));
        FO.measure.slowMs = performance.now() - started;
        uptimeRegion.setAttribute('data-loaded', String(++slowLoads));
        barsRegion.setAttribute('data-loaded', String(slowLoads));
      }).catch(function (e) {
        uptimeRegion.replaceChildren(h('p', { class: 'message error', text: 'Could not read uptime: ' + e.message }));
      }).finally(function () { slowBusy = false; });
    }
    var slowLoads = 0;

    return {
      refresh: async function () {
        var read = await Promise.all([
          FO.api(FO.path('monitors', name, 'summary')),
          FO.api(FO.query(FO.path('monitors', name, 'targets'), { state: 'down', limit: 20 })),
          targets.refresh()]);
        var m = read[0], down = read[1];
        head.replaceChildren(overview(m));
        head.setAttribute('data-state', m.state);
        pause.disabled = m.paused;
        resume.disabled = !m.paused;
        incidents.replaceChildren(FO.table('Targets down now' + (down.continuationToken ? ' (first 20)' : ''), targetColumns(), down.targets, 'No incidents: no target is down.'));
        slow();
      }
    };
  };
})();
