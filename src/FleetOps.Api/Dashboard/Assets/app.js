'use strict';
// The router (#/runs, #/runs/{id}, #/monitors, #/monitors/{name}, #/inventories, #/inventories/{name}) and the tick:
// the page on screen refreshes every 2 s while the tab is visible, one refresh at a time.
(function () {
  var main = document.getElementById('main');
  var status = document.getElementById('status');
  var keyState = document.getElementById('key-state');
  var INTERVAL = 2000;
  var page = null, timer = null, busy = false, generation = 0;

  FO.measure = { firstRenderMs: null, lastUpdateMs: null, updatesMs: [], updates: 0 };

  function route() {
    var parts = (location.hash || '#/runs').replace(/^#\/?/, '').split('/').map(decodeURIComponent);
    var top = parts[0] || 'runs', id = parts.slice(1).join('/');
    document.querySelectorAll('nav a').forEach(function (a) {
      if (a.getAttribute('data-nav') === top) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
    });
    if (top === 'runs') return id ? ['run', id, 'Run ' + id] : ['runs', null, 'Runs'];
    if (top === 'monitors') return id ? ['monitor', id, 'Monitor ' + id] : ['monitors', null, 'Monitors'];
    if (top === 'inventories') return id ? ['inventory', id, 'Inventory ' + id] : ['inventories', null, 'Inventories'];
    return ['runs', null, 'Runs'];
  }

  async function tick() {
    clearTimeout(timer);
    if (busy || !page || document.hidden) { timer = setTimeout(tick, INTERVAL); return; }
    busy = true;
    var mine = generation, started = performance.now();
    try {
      await page.refresh();
      if (mine !== generation) return;
      var took = performance.now() - started;
      if (FO.measure.firstRenderMs === null) FO.measure.firstRenderMs = performance.now() - FO.measure.navigatedAt;
      FO.measure.lastUpdateMs = took;
      FO.measure.updatesMs.push(took);
      FO.measure.updates++;
      main.setAttribute('data-updates', String(FO.measure.updates));
      status.textContent = 'Updated ' + new Date().toLocaleTimeString('en-GB') + (page.once ? '' : ' · refreshes every 2 s');
      status.classList.remove('error');
    } catch (e) {
      if (mine !== generation) return;
      status.textContent = e.status === 401 ? 'The API refused the key: enter the API key (or function key) above.' : 'Could not update: ' + e.message;
      status.classList.add('error');
    } finally {
      busy = false;
      if (mine === generation && !(page && page.once && FO.measure.updates > 0)) timer = setTimeout(tick, INTERVAL);
    }
  }
  FO.tick = function () { setTimeout(tick, 0); };

  function show() {
    generation++;
    busy = false;
    var r = route();
    main.replaceChildren();
    main.removeAttribute('data-updates');
    FO.measure = { firstRenderMs: null, lastUpdateMs: null, updatesMs: [], updates: 0, navigatedAt: performance.now() };
    page = FO.pages[r[0]](main, r[1]);
    document.title = r[2] + ' · FleetOps';
    main.focus({ preventScroll: true });
    tick();
  }

  document.getElementById('key-form').addEventListener('submit', function (e) {
    e.preventDefault();
    var input = document.getElementById('key-input');
    FO.key.set(input.value.trim());
    input.value = '';
    showKey();
    FO.tick();
  });
  document.getElementById('key-forget').addEventListener('click', function () { FO.key.set(''); showKey(); FO.tick(); });
  function showKey() { keyState.textContent = FO.key.get() ? 'key set for this tab' : 'no key set'; }

  document.addEventListener('visibilitychange', function () { if (!document.hidden) FO.tick(); });
  window.addEventListener('hashchange', function () { if (/^#\//.test(location.hash) || !location.hash) show(); });
  showKey();
  show();
})();
