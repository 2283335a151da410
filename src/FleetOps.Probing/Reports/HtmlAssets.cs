namespace FleetOps.Probing.Reports;

/// <summary>
/// The page's only style and script, inline so the report is one self-contained file. The script just sorts tables on a
/// header click; everything is readable without it.
/// </summary>
internal static class HtmlAssets
{
    public const string Css = """
:root{--ok:#2f9e5b;--fail:#d64545;--slow:#e3a008;--bar:#4a78c2;--ink:#1f2937;--muted:#6b7280;--line:#e5e7eb;--bg:#f6f7f9;--card:#fff}
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--ink);background:var(--bg)}
main,header.top,nav,footer{max-width:1100px;margin:0 auto;padding:0 20px}
header.top{padding-top:24px}
h1{font-size:24px;margin:0;overflow-wrap:anywhere}
h2{font-size:18px;margin:0 0 12px}
h3{font-size:14px;margin:14px 0 6px;display:flex;gap:10px;align-items:baseline;flex-wrap:wrap}
.title{display:flex;align-items:center;gap:12px;flex-wrap:wrap}
.meta{color:var(--muted);margin:6px 0 16px}
code{font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:#f1f3f5;padding:1px 4px;border-radius:4px;overflow-wrap:anywhere}
.badge{display:inline-block;padding:2px 10px;border-radius:999px;font-size:12px;font-weight:600;background:#e5e7eb;color:#374151}
.badge.good{background:#dcfce7;color:#166534}.badge.bad{background:#fee2e2;color:#991b1b}.badge.busy{background:#dbeafe;color:#1e40af}
.kpis{display:grid;grid-template-columns:repeat(auto-fit,minmax(110px,1fr));gap:10px;margin-bottom:16px}
.kpi{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:10px 12px}
.kpi .v{display:block;font-size:22px;font-weight:650;font-variant-numeric:tabular-nums}
.kpi .k{color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.04em}
.kpi.ok .v{color:var(--ok)}.kpi.fail .v{color:var(--fail)}
.note{color:var(--muted)}
nav{display:flex;gap:6px 16px;flex-wrap:wrap;padding-bottom:12px}
nav a{color:var(--bar);text-decoration:none}nav a:hover{text-decoration:underline}
section{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:16px 18px;margin:0 0 16px}
.legend{display:flex;gap:16px;flex-wrap:wrap;color:var(--muted);margin-bottom:4px}
.sw{display:inline-block;width:11px;height:11px;border-radius:2px;margin-right:5px;vertical-align:-1px}
.sw.bar{background:var(--bar)}
.sw.ok,rect.ok{background:var(--ok);fill:var(--ok)}
.sw.slow,rect.slow{background:var(--slow);fill:var(--slow)}
.sw.fail,rect.fail{background:var(--fail);fill:var(--fail)}
.group{margin-bottom:8px}
.counts{font-weight:400;color:var(--muted);font-size:12px}
.counts b{font-weight:600}.counts .f{color:var(--fail)}.counts .s{color:#b45309}
svg.cells{display:block;max-width:100%;height:auto}
svg.cells rect:hover{stroke:var(--ink);stroke-width:1.5}
svg.chart{display:block;width:100%;height:auto;font-size:11px}
.chart .grid{stroke:var(--line)}.chart .axis{stroke:#9ca3af}
.chart text{fill:var(--muted)}.chart .label{fill:var(--ink);font-size:10px}
.chart .bar-ok{fill:var(--bar)}.chart .bar-failed{fill:var(--fail)}
.chart .bar:hover rect{opacity:.8}
.scroll{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:13px}
caption{text-align:left;color:var(--muted);padding-bottom:6px}
th,td{padding:5px 8px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
th{background:#f9fafb;font-weight:600;white-space:nowrap;cursor:pointer;user-select:none}
th:hover{background:#f1f3f5}
th[data-dir=asc]::after{content:" ▲";font-size:10px}th[data-dir=desc]::after{content:" ▼";font-size:10px}
tbody tr:nth-child(even){background:#fafbfc}
td{white-space:nowrap}
td.msg{white-space:normal;overflow-wrap:anywhere;min-width:260px}
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.kind{display:inline-block;padding:0 6px;border-radius:4px;background:#fee2e2;color:#991b1b;font-size:12px;white-space:nowrap}
.state-ok{color:var(--ok);font-weight:600}.state-failed{color:var(--fail);font-weight:600}
svg.share{vertical-align:middle}svg.share .track{fill:var(--line)}svg.share .fill{fill:var(--fail)}
.empty{color:var(--muted);font-style:italic;margin:4px 0}
.chips{display:flex;gap:8px;flex-wrap:wrap;margin-bottom:10px}
.chip{border:1px solid var(--line);border-radius:999px;padding:2px 10px;font-size:12px}
.chip b{font-variant-numeric:tabular-nums}
.chip.bad{border-color:#fecaca;background:#fef2f2}.chip.good{border-color:#bbf7d0;background:#f0fdf4}.chip.warn{border-color:#fde68a;background:#fffbeb}
ul.names{columns:3 200px;margin:0;padding-left:18px}
footer{color:var(--muted);font-size:12px;padding-bottom:24px}
@media print{nav{display:none}section{break-inside:avoid}}
""";

    public const string Script = """
document.querySelectorAll('table.sortable th').forEach(th => th.addEventListener('click', () => {
  const body = th.closest('table').tBodies[0], i = th.cellIndex;
  const dir = th.dataset.dir = th.dataset.dir === 'asc' ? 'desc' : 'asc';
  const key = row => { const c = row.cells[i]; return c.dataset.v !== undefined ? +c.dataset.v : c.textContent.toLowerCase(); };
  [...body.rows].sort((a, b) => { const x = key(a), y = key(b); return (x < y ? -1 : x > y ? 1 : 0) * (dir === 'asc' ? 1 : -1); })
    .forEach(row => body.appendChild(row));
}));
""";
}
