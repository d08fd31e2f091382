"""The dashboard page's inline stylesheet and script (one file, nothing fetched).

Fonts are the reader's own (the common Chinese system faces, then any sans-serif):
no web font, no ``url(...)``, no ``@import``. The script only switches tabs and
filters the reporting grid; without it every section shows, one after another.
"""

from __future__ import annotations

FONT_STACK = (
    '"Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC", '
    '"Hiragino Sans GB", "WenQuanYi Micro Hei", "SimHei", sans-serif'
)

CSS = (
    """
:root { --ink: #1f2933; --muted: #5f6b7a; --line: #d9dee5; --soft: #f4f6f9; --accent: #b3261e;
  --done: #3F73B5; --green: #3E9B4F; --yellow: #E8A317; --red: #D64545; --missing: #8E7CC3;
  --grey: #9E9E9E; }
* { box-sizing: border-box; }
html { font-family: FONTS; color: var(--ink); background: #eef1f5; }
body { margin: 0; font-size: 14px; line-height: 1.55; }
header.masthead { background: #fff; border-top: 6px solid var(--accent);
  border-bottom: 1px solid var(--line); padding: 14px 28px 10px; }
.masthead .kicker { color: var(--accent); font-weight: bold; letter-spacing: .08em; margin: 0; }
.masthead h1 { margin: 2px 0 4px; font-size: 22px; }
.masthead .meta { color: var(--muted); margin: 0; }
nav.tabs { display: flex; gap: 4px; padding: 0 28px; background: #fff;
  border-bottom: 1px solid var(--line); position: sticky; top: 0; z-index: 2; }
nav.tabs button { font: inherit; font-size: 15px; border: 0; background: none; cursor: pointer;
  padding: 9px 16px; border-bottom: 3px solid transparent; color: var(--muted); }
nav.tabs button[aria-selected="true"] { color: var(--ink); font-weight: bold;
  border-bottom-color: var(--accent); }
main { padding: 16px 28px 8px; max-width: 1400px; margin: 0 auto; }
.panel > h2 { font-size: 18px; margin: 6px 0 12px; border-left: 4px solid var(--accent);
  padding-left: 8px; }
.js .panel { display: none; }
.js .panel.active { display: block; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 12px 16px;
  margin: 0 0 14px; break-inside: avoid; }
.card h3 { font-size: 16px; margin: 0 0 8px; }
.card h4 { font-size: 14px; margin: 10px 0 4px; }
.headline { font-size: 17px; font-weight: bold; margin: 0; }
.notice { background: #fff6e0; border: 1px solid #f0d28a; border-radius: 6px; padding: 8px 14px;
  margin: 0 0 14px; }
.tiles { display: flex; flex-wrap: wrap; gap: 10px; margin: 12px 0 0; }
.tile { flex: 1 1 110px; border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px;
  border-top: 5px solid var(--grey); background: #fff; }
.tile b { display: block; font-size: 26px; line-height: 1.2; }
.tile span { color: var(--muted); }
.tile.expected { border-top-color: var(--ink); }
.tile.zero b, .tile.zero span { color: #9aa3ae; }
.why { display: block; color: var(--muted); font-size: 12px; }
.cols { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 14px; }
.chart-cols { grid-template-columns: minmax(0, 2fr) minmax(0, 3fr); align-items: start; }
.cards { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 14px; }
.cards .card { margin: 0; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { border: 1px solid var(--line); padding: 4px 7px; text-align: left; vertical-align: top; }
thead th { background: var(--soft); white-space: nowrap; }
td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.gap { white-space: nowrap; }
tr.part td:first-child { padding-left: 22px; color: var(--muted); }
.muted { color: var(--muted); }
.light { display: inline-block; min-width: 3.2em; text-align: center; border-radius: 10px;
  padding: 0 8px; color: #fff; font-size: 12px; font-weight: bold; white-space: nowrap; }
.light-done { background: var(--done); } .light-green { background: var(--green); }
.light-yellow { background: var(--yellow); color: #3b2a00; } .light-red { background: var(--red); }
.light-missing { background: var(--missing); } .light-grey { background: var(--grey); }
.tile.light-done, .tile.light-green, .tile.light-yellow, .tile.light-red, .tile.light-missing,
.tile.light-grey { background: #fff; color: var(--ink); }
.tile.light-done { border-top-color: var(--done); } .tile.light-green { border-top-color: var(--green); }
.tile.light-yellow { border-top-color: var(--yellow); } .tile.light-red { border-top-color: var(--red); }
.tile.light-missing { border-top-color: var(--missing); } .tile.light-grey { border-top-color: var(--grey); }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 0 0 8px; }
dl.facts dt { color: var(--muted); } dl.facts dd { margin: 0; }
svg.chart { display: block; max-width: 100%; height: auto; margin: 4px auto; }
svg.chart * { stroke-linejoin: round; stroke-linecap: butt; }
.filters { display: flex; flex-wrap: wrap; gap: 12px; align-items: center; margin: 0 0 10px; }
.filters select { font: inherit; padding: 3px 6px; }
.gridwrap { overflow-x: auto; }
table.grid { font-size: 12px; }
table.grid th, table.grid td { padding: 3px 5px; }
table.grid thead th { white-space: normal; min-width: 3.2em; text-align: center; }
table.grid td.cell { text-align: center; white-space: nowrap; }
table.grid th.unit, table.grid td.unit { white-space: nowrap; position: sticky; left: 0;
  background: #fff; text-align: left; }
table.grid thead th.unit { background: var(--soft); }
.s-on_time { color: #2d7a3d; } .s-late { background: #fff1cc; }
.s-overdue { background: #fbd9d6; color: #8a1c14; font-weight: bold; }
.s-invalid { background: #e9e1f7; } .s-not_due, .s-none { color: #9aa3ae; }
ul.infos { margin: 4px 0 0; padding-left: 1.2em; }
details summary { cursor: pointer; color: var(--muted); margin-top: 6px; }
footer { color: var(--muted); font-size: 12px; padding: 10px 28px 24px; text-align: center; }
@media (max-width: 900px) { .cols, .cards { grid-template-columns: 1fr; } }
@media print {
  @page { size: A4; margin: 14mm 12mm; }
  html, body { background: #fff; font-size: 10.5pt; }
  nav.tabs, .filters, .noprint { display: none !important; }
  header.masthead { border: 0; border-top: 4px solid var(--accent); padding: 6px 0; }
  main { padding: 0; max-width: none; }
  .js .panel, .panel { display: block !important; }
  .panel + .panel { break-before: page; }
  .card, svg.chart, tr, .tile { break-inside: avoid; }
  .card.wide { break-inside: auto; }
  h2, h3, h4 { break-after: avoid; }
  .card { border-color: #bbb; }
  .cols { display: block; }
  .cols.chart-cols { display: grid; gap: 8px; }
  .chart-cols table { font-size: 8pt; }
  svg.chart { max-height: 240mm; }
  /* Two indicator cards side by side; inline blocks never split across pages. */
  .cards { display: block; }
  .cards .card { display: inline-block; width: 49.3%; vertical-align: top; margin: 0 0 8px;
    padding: 8px 10px; font-size: 9pt; }
  .cards .card:nth-child(odd) { margin-right: 1%; }
  .cards table { font-size: 8pt; }
  thead { display: table-header-group; }
  table { font-size: 9pt; }
  table.grid { font-size: 7.5pt; }
  .gridwrap { overflow: visible; }
  table.grid tr[hidden] { display: table-row; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
""".replace("FONTS", FONT_STACK).strip()
    + "\n"
)

# Plain ES5-level DOM code: tabs (with the address's #hash), the grid's filters by unit and
# kind, and every <details> opened before printing so a printout keeps all it shows.
JS = (
    """
(function () {
  var root = document.documentElement;
  root.classList.add('js');
  var tabs = Array.prototype.slice.call(document.querySelectorAll('nav.tabs button'));
  var panels = Array.prototype.slice.call(document.querySelectorAll('section.panel'));
  function show(id) {
    var found = panels.some(function (p) { return p.id === id; });
    if (!found) { id = panels.length ? panels[0].id : ''; }
    panels.forEach(function (p) { p.classList.toggle('active', p.id === id); });
    tabs.forEach(function (t) {
      t.setAttribute('aria-selected', t.getAttribute('data-tab') === id ? 'true' : 'false');
    });
  }
  tabs.forEach(function (t) {
    t.addEventListener('click', function () {
      var id = t.getAttribute('data-tab');
      show(id);
      if (history.replaceState) { history.replaceState(null, '', '#' + id); }
    });
  });
  show(location.hash ? location.hash.slice(1) : '');
  var kind = document.getElementById('filter-kind');
  var unit = document.getElementById('filter-unit');
  var shown = document.getElementById('filter-count');
  var rows = Array.prototype.slice.call(document.querySelectorAll('table.grid tbody tr'));
  function filter() {
    var k = kind ? kind.value : '';
    var u = unit ? unit.value : '';
    var n = 0;
    rows.forEach(function (r) {
      var ok = (!k || r.getAttribute('data-kind') === k) && (!u || r.getAttribute('data-unit') === u);
      r.hidden = !ok;
      if (ok) { n += 1; }
    });
    if (shown) { shown.textContent = String(n); }
  }
  if (kind) { kind.addEventListener('change', filter); }
  if (unit) { unit.addEventListener('change', filter); }
  filter();
  window.addEventListener('beforeprint', function () {
    Array.prototype.forEach.call(document.querySelectorAll('details'), function (d) {
      d.setAttribute('open', '');
    });
  });
})();
""".strip()
    + "\n"
)

__all__ = ["CSS", "FONT_STACK", "JS"]
