'use strict';
// A run's page: what GET /api/runs/{id} says, every tick. A sweep shows its live progress, then its summary and
// its report; a rollout is drawn by rollout.js.
(function () {
  var h = FO.h;

  function reportLinks(id) {
    var base = FO.path('runs', id, 'report');
    return h('p', {}, ['Report: ',
      h('a', { href: FO.keyedHref(base + '?format=html'), target: '_blank', rel: 'noopener noreferrer', id: 'report-html', text: 'HTML' }), ' · ',
      h('a', { href: FO.keyedHref(base + '?format=markdown'), target: '_blank', rel: 'noopener noreferrer', text: 'Markdown' }), ' · ',
      h('a', { href: FO.keyedHref(base + '?format=json'), target: '_blank', rel: 'noopener noreferrer', text: 'JSON' })]);
  }

  function sweep(region, run) {
    var p = run.progress, s = run.summary;
    var done = s ? s.targets : p ? p.targetsDone : 0, total = s ? s.targets : p ? p.targetsTotal : 0;
    var parts = [FO.facts([
      ['State', FO.runState(run)],
      ['Phase', p ? p.phase : s ? 'done' : '–'],
      ['Targets', FO.progress(done, total, 'targets done')],
      ['Batches', s ? FO.num(s.batchesDone) + ' / ' + FO.num(s.batchesTotal) : p ? FO.num(p.batchesDone) + ' / ' + FO.num(p.batchesTotal) : '–'],
      ['Passed', FO.num(s ? s.ok : p ? p.ok : null)],
      ['Failed', FO.num(s ? s.failed : p ? p.failed : null)],
      ['Started', FO.time(run.createdAt) + ' (' + FO.age(run.createdAt) + ' ago)'],
      run.failure ? ['Failure', run.failure.type + ': ' + run.failure.message] : null
    ])];
    if (s) {
      parts.push(FO.facts([['Latency p50 / p95 / p99', FO.ms(s.latency.p50Ms) + ' / ' + FO.ms(s.latency.p95Ms) + ' / ' + FO.ms(s.latency.p99Ms)]]));
      parts.push(FO.table('Errors by kind', [
        { title: 'Kind', cell: function (e) { return e[0]; } },
        { title: 'Targets', cell: function (e) { return FO.num(e[1]); }, num: true }
      ], Object.entries(s.errors || {}), 'No errors.'));
      parts.push(FO.table('First failing targets', [
        { title: 'Target', cell: function (f) { return f.name + ' (' + f.address + ')'; } },
        { title: 'Check', cell: function (f) { return f.check; } },
        { title: 'Error', cell: function (f) { return f.kind + ': ' + f.message; } }
      ], s.firstFailures || [], 'No failures.'));
      parts.push(reportLinks(run.id));
    }
    region.replaceChildren.apply(region, parts);
  }

  FO.pages.run = function (main, id) {
    var region = h('div', { id: 'run' });
    var rollout = null;
    main.append(h('h2', {}, ['Run ', h('code', { text: id })]), region);
    return {
      refresh: async function () {
        var run = await FO.api(FO.path('runs', id));
        if (run.kind === 'rollout') {
          if (!rollout) rollout = FO.rollout(region, id);
          await rollout.refresh(run);
        } else {
          sweep(region, run);
        }
        region.setAttribute('data-runtime-status', run.runtimeStatus);
      }
    };
  };
})();
