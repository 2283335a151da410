'use strict';
// A rollout's page: where it stands (GET /api/runs/{id}, every tick), its waves, its controls (approve / reject with
// who and why, pause, resume, cancel, retune), and from its report the timeline and each node's state, 50 rows a page.
(function () {
  var h = FO.h;
  var ENDED = ['Completed', 'Failed', 'Terminated'];
  var PAGE = 50;

  function waves(r) {
    var sizes = r.waveSizes || [];
    return FO.table('Waves', [
      { title: 'Wave', cell: function (w) { return String(w.n); }, num: true },
      { title: 'Nodes', cell: function (w) { return FO.num(w.size); }, num: true },
      { title: 'State', cell: function (w) { return FO.state(w.state); } }
    ], sizes.map(function (size, i) {
      var n = i + 1;
      var state = n < r.wave || (n === r.wave && ['completed', 'rolled-back'].indexOf(r.state) >= 0) ? 'completed'
        : n === r.wave ? r.state : 'pending';
      return { n: n, size: size, state: state };
    }), 'No waves planned yet.');
  }

  function nodeState(n) {
    if (n.excluded) return 'excluded';
    if (n.rollback) return n.rollback.ok ? 'rolled-back' : 'rollback-failed';
    if (!n.action) return 'pending';
    if (!n.action.ok) return 'failed';
    if (n.gate && !n.gate.lastOk) return 'unhealthy';
    return 'done';
  }

  FO.rollout = function (region, id) {
    var summary = h('div', { id: 'rollout-summary' });
    var who = h('input', { id: 'control-by', type: 'text', autocomplete: 'name' });
    var why = h('input', { id: 'control-reason', type: 'text' });
    var concurrency = h('input', { id: 'retune-concurrency', type: 'number', min: 1, inputmode: 'numeric' });
    var result = h('p', { class: 'message', role: 'status', id: 'control-result' });
    var buttons = {};
    ['approve', 'reject', 'pause', 'resume', 'cancel'].forEach(function (action) {
      buttons[action] = h('button', { type: 'button', id: 'control-' + action, class: action === 'cancel' || action === 'reject' ? 'danger' : null,
        text: action[0].toUpperCase() + action.slice(1), onclick: function () { control(action); } });
    });
    var retune = h('button', { type: 'button', id: 'control-retune', text: 'Retune', onclick: function () { control('retune'); } });
    var controls = h('div', { class: 'controls' }, [h('fieldset', {}, [h('legend', { text: 'Control' }),
      h('label', { for: 'control-by', text: 'Who' }), who, h('label', { for: 'control-reason', text: 'Why' }), why,
      buttons.approve, buttons.reject, buttons.pause, buttons.resume, buttons.cancel,
      h('label', { for: 'retune-concurrency', text: 'Concurrency' }), concurrency, retune]), result]);
    var wavesRegion = h('div', { id: 'rollout-waves' });
    var timeline = h('div', { id: 'rollout-timeline' });
    var filter = h('select', { id: 'nodes-filter', onchange: function () { page = 0; drawNodes(); } },
      ['all', 'pending', 'done', 'failed', 'unhealthy', 'excluded', 'rolled-back'].map(function (s) { return h('option', { value: s, text: s }); }));
    var nodes = h('div', { id: 'rollout-nodes' });
    var info = h('span', { class: 'muted' });
    var prev = h('button', { type: 'button', text: 'Previous nodes', onclick: function () { page--; drawNodes(); } });
    var next = h('button', { type: 'button', text: 'Next nodes', onclick: function () { page++; drawNodes(); } });
    region.replaceChildren(summary, controls, h('h3', { text: 'Waves' }), wavesRegion, h('h3', { text: 'Timeline' }), timeline,
      h('h3', { text: 'Nodes' }), h('div', { class: 'filters' }, [h('label', { for: 'nodes-filter', text: 'Show nodes' }), filter]),
      nodes, h('div', { class: 'pager', role: 'group', 'aria-label': 'Node pages' }, [prev, info, next]));

    var page = 0, report = null, seen = null, readAt = 0;

    async function control(action) {
      var body = action === 'retune'
        ? { concurrency: concurrency.value ? Number(concurrency.value) : undefined, by: who.value || undefined }
        : { by: who.value || undefined, reason: why.value || undefined };
      try {
        await FO.api(FO.path('runs', id, action), { method: 'POST', body: body });
        FO.message(result, action + ': accepted');
        FO.tick();
      } catch (e) {
        FO.message(result, action + ': ' + e.message, true);
      }
    }

    function drawNodes() {
      var rows = (report ? report.nodes : []).filter(function (n) { return filter.value === 'all' || nodeState(n) === filter.value; });
      var pages = Math.max(1, Math.ceil(rows.length / PAGE));
      page = Math.min(Math.max(page, 0), pages - 1);
      nodes.replaceChildren(FO.table('Nodes ' + (page * PAGE + 1) + '–' + Math.min(rows.length, (page + 1) * PAGE) + ' of ' + FO.num(rows.length), [
        { title: 'Node', cell: function (n) { return n.name; } },
        { title: 'Address', cell: function (n) { return n.address; } },
        { title: 'Wave', cell: function (n) { return n.wave ? String(n.wave) : '–'; }, num: true },
        { title: 'State', cell: function (n) { return FO.state(nodeState(n)); } },
        { title: 'Detail', cell: function (n) {
          var a = n.rollback || n.action;
          return n.excluded || (a && a.error) || (n.gate && n.gate.lastError) || (a ? 'HTTP ' + (a.status || '–') + ', ' + a.attempts + ' attempt(s)' : ''); } }
      ], rows.slice(page * PAGE, (page + 1) * PAGE), 'No nodes.'));
      info.textContent = 'page ' + (page + 1) + ' of ' + pages;
      prev.disabled = page === 0;
      next.disabled = page >= pages - 1;
    }

    function drawTimeline() {
      var entries = (report && report.timeline ? report.timeline : []).slice(-30).reverse();
      timeline.replaceChildren(FO.table('Timeline, newest first (last 30)', [
        { title: 'At', cell: function (e) { return FO.time(e.at); } },
        { title: 'Event', cell: function (e) { return e.event; } },
        { title: 'Wave', cell: function (e) { return e.wave ? String(e.wave) : ''; }, num: true },
        { title: 'By', cell: function (e) { return e.by || ''; } },
        { title: 'Detail', cell: function (e) { return e.detail || ''; } }
      ], entries, 'Nothing yet.'));
    }

    return {
      refresh: async function (run) {
        var r = run.rollout || {};
        var ended = ENDED.indexOf(run.runtimeStatus) >= 0;
        summary.replaceChildren(FO.facts([
          ['State', FO.runState(run)],
          ['Wave', FO.num(r.wave) + ' of ' + FO.num(r.waves)],
          ['Waiting for', r.waitingFor || '–'],
          ['Nodes', FO.progress(r.nodesDone, r.nodesTotal, 'nodes done')],
          ['Failed nodes', FO.num(r.nodesFailed)],
          ['Gate failures', FO.num(r.gateFailures)],
          ['Excluded by pre-flight', FO.num(r.excluded)],
          ['Rolled back', FO.num(r.rolledBack)],
          ['Concurrency', FO.num(r.concurrency)],
          ['Budgets', 'actions ' + (r.actionBudget || '–') + ', gate ' + (r.gateBudget || '–')],
          r.reason ? ['Reason', r.reason] : null
        ]));
        summary.setAttribute('data-state', r.state || '');
        buttons.approve.disabled = buttons.reject.disabled = r.state !== 'waiting-approval';
        buttons.pause.disabled = ended || r.state === 'paused';
        buttons.resume.disabled = ended || r.state !== 'paused';
        buttons.cancel.disabled = retune.disabled = ended;
        wavesRegion.replaceChildren(waves(r));
        // The report (every node) is read when the run changed, at most every 4 s while it runs.
        if (run.lastUpdatedAt !== seen && (report === null || ended || Date.now() - readAt >= 4000)) {
          seen = run.lastUpdatedAt;
          readAt = Date.now();
          report = await FO.api(FO.path('runs', id, 'report'));
          drawTimeline();
          drawNodes();
        }
      }
    };
  };
})();
