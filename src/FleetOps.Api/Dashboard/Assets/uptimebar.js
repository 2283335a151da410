'use strict';
// A status page's uptime bar: one segment per UTC day, oldest first, coloured by that day's uptime (a day without
// checks is grey and says so). Colour is never the only carrier: each segment's title names its day and uptime, the
// bar's label sums it up for screen readers, and the table beside it gives the same figures as text.
(function () {
  var h = FO.h;

  function band(u) {
    if (u === null || u === undefined) return 'none';
    if (u >= 99.9) return 'full';
    if (u >= 99) return 'high';
    if (u >= 95) return 'mid';
    return 'low';
  }

  // The summary of a target's days: mean of the days with checks, the worst day, and how many days had none.
  FO.uptimeSummary = function (days) {
    var known = days.filter(function (d) { return d.uptimePercent !== null && d.uptimePercent !== undefined; });
    var worst = known.reduce(function (w, d) { return !w || d.uptimePercent < w.uptimePercent ? d : w; }, null);
    var mean = known.length ? known.reduce(function (s, d) { return s + d.uptimePercent; }, 0) / known.length : null;
    return { mean: mean, worst: worst, missing: days.length - known.length };
  };

  FO.uptimeSummaryText = function (target, days) {
    var s = FO.uptimeSummary(days);
    if (s.mean === null) return target + ': no data in the last ' + days.length + ' days';
    return target + ': ' + FO.pct(s.mean) + ' on average over ' + days.length + ' days, lowest ' + FO.pct(s.worst.uptimePercent) +
      ' on ' + s.worst.day + (s.missing ? ', ' + s.missing + ' days without data' : '');
  };

  // The server's columns (dates; per target uptimePercent and cycles) as one { day, uptimePercent, cycles } per day.
  FO.uptimeDays = function (body) {
    return body.targets.map(function (t) {
      return { name: t.name, days: body.dates.map(function (day, i) { return { day: day, uptimePercent: t.uptimePercent[i], cycles: t.cycles[i] }; }) };
    });
  };

  FO.uptimeBar = function (target, days) {
    var segments = days.map(function (d) {
      var text = d.day + ': ' + (d.uptimePercent === null || d.uptimePercent === undefined ? 'no data' : FO.pct(d.uptimePercent) + ' (' + FO.num(d.cycles) + ' checks)');
      return h('span', { class: 'day day-' + band(d.uptimePercent), title: text, 'data-day': d.day, 'data-uptime': d.uptimePercent === null ? '' : d.uptimePercent });
    });
    return h('span', { class: 'uptime-bar', role: 'img', 'aria-label': FO.uptimeSummaryText(target, days), 'data-target': target }, segments);
  };

  FO.uptimeLegend = function () {
    return h('p', { class: 'legend muted', id: 'uptime-legend' }, ['Each segment is one UTC day, oldest first: ',
      h('span', { class: 'day day-full' }), ' at least 99.9 %, ', h('span', { class: 'day day-high' }), ' at least 99 %, ',
      h('span', { class: 'day day-mid' }), ' at least 95 %, ', h('span', { class: 'day day-low' }), ' below 95 %, ',
      h('span', { class: 'day day-none' }), ' no data. Point at a segment for its day and uptime.']);
  };
})();
