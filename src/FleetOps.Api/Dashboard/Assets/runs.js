'use strict';
// Runs: newest first, 25 a page (the server pages by continuation), refreshed every tick.
(function () {
  var h = FO.h;

  function progressOf(run) {
    if (run.rollout) return FO.progress(run.rollout.nodesDone, run.rollout.nodesTotal, 'nodes done of ' + run.id);
    if (run.progress) return FO.progress(run.progress.targetsDone, run.progress.targetsTotal, 'targets done of ' + run.id);
    if (run.summary) return FO.progress(run.summary.targets, run.summary.targets, 'targets done of ' + run.id);
    return '–';
  }

  FO.runState = function (run) {
    var state = h('span', {}, [FO.state(run.runtimeStatus)]);
    if (run.rollout && run.rollout.state) state.append(' ', FO.state(run.rollout.state));
    return state;
  };

  FO.pages.runs = function (main) {
    var region = h('div', { id: 'runs' });
    var filter = h('select', { id: 'runs-status', onchange: function () { pager.reset(); } }, [
      h('option', { value: '', text: 'all' }), h('option', { value: 'Running,Pending,Suspended', text: 'in progress' }),
      h('option', { value: 'Completed', text: 'completed' }), h('option', { value: 'Failed,Terminated', text: 'failed or terminated' })]);
    var pager = FO.pager('Runs pages', async function (continuation) {
      var body = await FO.api(FO.query(FO.path('runs'), { limit: 25, status: filter.value, continuation: continuation }));
      region.replaceChildren(FO.table('Runs, newest first', [
        { title: 'Run', cell: function (r) { return FO.link(r.id, '#/runs/' + encodeURIComponent(r.id)); } },
        { title: 'Kind', cell: function (r) { return r.kind; } },
        { title: 'State', cell: FO.runState },
        { title: 'Progress', cell: progressOf },
        { title: 'Age', cell: function (r) { return FO.age(r.createdAt); }, num: true },
        { title: 'Updated', cell: function (r) { return FO.age(r.lastUpdatedAt) + ' ago'; }, num: true }
      ], body.runs, 'No runs on this page.'));
      return body.continuation || null;
    });
    main.append(h('h2', { text: 'Runs' }),
      h('div', { class: 'filters' }, [h('label', { for: 'runs-status', text: 'Show' }), filter]),
      region, pager.element);
    return { refresh: pager.refresh };
  };
})();
