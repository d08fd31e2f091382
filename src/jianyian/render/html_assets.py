"""The dashboard page's inline stylesheet and script (one file, nothing fetched).

Fonts are the reader's own (the common Chinese system faces, then any sans-serif):
no web font, no ``url(...)``, no ``@import``. The script only switches tabs and
filters the reporting grid and the tasks by unit; without it every section shows, one after another.

Every text colour meets WCAG AA on its background (4.5:1 or more: the badges' greens,
reds and greys were darkened for it). Below 900 px the columns stack; below 640 px (a
phone) the margins narrow and indicator tables reflow into labelled cards. Only the
``-webkit-`` spelling of print-color-adjust is used: older W3C Nu validators reject the
other, and Chromium and Firefox both read this one.
"""

from __future__ import annotations

FONT_STACK = (
    '"Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC", '
    '"Hiragino Sans GB", "WenQuanYi Micro Hei", "SimHei", sans-serif'
)

CSS = (
    """
:root { --ink: #1f2933; --muted: #5f6b7a; --line: #d9dee5; --soft: #f4f6f9; --accent: #b3261e;
  --done: #2f5f9e; --green: #2e7d32; --yellow: #c78a00; --red: #b3261e; --missing: #5b4a9e;
  --grey: #8a94a0; }
* { box-sizing: border-box; }
html { font-family: FONTS; color: var(--ink); background: #eef1f5; }
body { margin: 0; font-size: 14px; line-height: 1.55; }
header.masthead { background: #fff; border-top: 6px solid var(--accent);
  border-bottom: 1px solid var(--line); padding: 14px 28px 10px; }
.masthead .kicker { color: var(--accent); font-weight: bold; letter-spacing: .08em; margin: 0; }
.masthead h1 { margin: 2px 0 4px; font-size: 22px; }
.masthead .meta { color: var(--muted); margin: 0; }
nav.tabs { padding: 0 28px; background: #fff; border-bottom: 1px solid var(--line);
  position: sticky; top: 0; z-index: 2; }
nav.tabs [role="tablist"] { display: flex; gap: 4px; overflow-x: auto; }
nav.tabs button { font: inherit; font-size: 15px; border: 0; background: none; cursor: pointer;
  padding: 9px 16px; border-bottom: 3px solid transparent; color: var(--muted);
  white-space: nowrap; }
nav.tabs button[aria-selected="true"] { color: var(--ink); font-weight: bold;
  border-bottom-color: var(--accent); }
nav.tabs button:focus-visible { outline: 2px solid var(--done); outline-offset: -2px; }
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
.tile .mark { margin-right: 3px; }
.tile.light-done .mark { color: var(--done); } .tile.light-green .mark { color: var(--green); }
.tile.light-yellow .mark { color: #8a6100; } .tile.light-red .mark { color: var(--red); }
.tile.light-missing .mark { color: var(--missing); }
.tile.expected { border-top-color: var(--ink); }
.why { display: block; color: var(--muted); font-size: 12px; }
.cols { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 14px; }
.chart-cols { grid-template-columns: minmax(0, 2fr) minmax(0, 3fr); align-items: start; }
.cards { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 14px; }
.cards .card { margin: 0; }
.scroll { overflow-x: auto; max-width: 100%; }
.scroll:focus-visible { outline: 2px solid var(--done); outline-offset: 2px; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { border: 1px solid var(--line); padding: 4px 7px; text-align: left; vertical-align: top; }
thead th { background: var(--soft); white-space: nowrap; }
td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.gap { white-space: nowrap; }
td.name { min-width: 9em; }
tr.part td:first-child { padding-left: 22px; color: var(--muted); }
.muted { color: var(--muted); }
details.actions { margin: 8px 0; }
details.actions summary { cursor: pointer; font-weight: bold; }
table.actions td.aid, table.actions td.due, table.actions td.astate { white-space: nowrap; }
/* A light is a word, a shape and a colour: readable in grey and without colour. */
.light { display: inline-block; min-width: 3.6em; text-align: center; border-radius: 10px;
  padding: 0 7px; font-size: 12px; font-weight: bold; white-space: nowrap;
  border: 1px solid var(--grey); background: #f0f2f4; color: #454f5b; }
.light .mark { margin-right: 2px; font-weight: normal; }
.light.light-done { border-color: var(--done); background: #e3edf9; color: #1f4a80; }
.light.light-green { border-color: var(--green); background: #fff; color: #1e6b2a; }
.light.light-yellow { border-color: #a66f00; background: #ffe08a; color: #5c3d00; }
.light.light-red { border-color: var(--red); background: var(--red); color: #fff; }
.light.light-missing { border-style: dashed; border-color: var(--missing); background: #fff;
  color: #4b3c8a; }
.tile.light-done { border-top-color: var(--done); } .tile.light-green { border-top-color: var(--green); }
.tile.light-yellow { border-top-color: var(--yellow); } .tile.light-red { border-top-color: var(--red); }
.tile.light-missing { border-top-color: var(--missing); } .tile.light-grey { border-top-color: var(--grey); }
dl.facts { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 2px 12px;
  margin: 0 0 8px; }
dl.facts dt { color: var(--muted); } dl.facts dd { margin: 0; }
svg.chart { display: block; max-width: 100%; height: auto; margin: 4px auto; }
svg.chart * { stroke-linejoin: round; stroke-linecap: butt; }
.swipe { display: none; font-size: 12px; margin: 0 0 4px; }
.filters { display: flex; flex-wrap: wrap; gap: 12px; align-items: center; margin: 0 0 10px; }
.filters select { font: inherit; padding: 3px 6px; max-width: 100%; }
table.grid { font-size: 12px; }
table.grid th, table.grid td { padding: 3px 5px; }
table.grid thead th { white-space: normal; min-width: 3.2em; text-align: center; }
table.grid td.cell, table.grid .kind { text-align: center; white-space: nowrap; }
td.month { white-space: nowrap; }
table.grid th.unit, table.grid td.unit { white-space: nowrap; position: sticky; left: 0;
  background: #fff; text-align: left; }
table.grid thead th.unit { background: var(--soft); }
.s-on_time { color: #2d7a3d; } .s-late { background: #fff1cc; color: #6b4f00; }
.s-overdue { background: #fbd9d6; color: #8a1c14; font-weight: bold; }
.s-invalid { background: #e9e1f7; color: #4b3c8a; } .s-not_due, .s-none { color: var(--muted); }
ul.infos { margin: 4px 0 0; padding-left: 1.2em; }
details summary { cursor: pointer; color: var(--muted); margin-top: 6px; }
footer { color: var(--muted); font-size: 12px; padding: 10px 28px 24px; text-align: center; }
@media (max-width: 900px) {
  .cols, .chart-cols, .cards { grid-template-columns: minmax(0, 1fr); }
}
/* A phone: narrower margins, and each indicator row becomes a small card of labelled values. */
@media (max-width: 640px) {
  header.masthead { padding: 10px 12px 8px; }
  .masthead h1 { font-size: 19px; }
  nav.tabs { padding: 0 4px; }
  nav.tabs button { padding: 9px 11px; }
  main { padding: 12px 8px 4px; }
  .card { padding: 10px 10px; }
  .headline { font-size: 15px; }
  footer { padding: 10px 12px 20px; }
  thead th { white-space: normal; }
  table.rows thead { position: absolute; width: 1px; height: 1px; overflow: hidden;
    clip: rect(0 0 0 0); white-space: nowrap; }
  table.rows, table.rows tbody { display: block; width: 100%; }
  table.rows tr { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
    column-gap: 10px; border: 1px solid var(--line); border-radius: 6px; padding: 6px 10px;
    margin: 0 0 8px; }
  table.rows td { display: flex; gap: 8px; border: 0; padding: 1px 0; text-align: left;
    white-space: normal; min-width: 0; }
  table.rows td.name { display: block; grid-column: 1 / -1; font-weight: bold; font-size: 14px;
    margin-bottom: 2px; }
  table.rows td.gap { grid-column: 1 / -1; }
  table.rows td[data-label]::before { content: attr(data-label); flex: 0 0 4.6em;
    color: var(--muted); font-weight: normal; }
  table.rows td.gap::before { flex-basis: auto; }
  table.rows tr.part td:first-child { padding-left: 0; }
  table.grid th.unit, table.grid td.unit { white-space: normal; min-width: 6em; }
  table.grid thead th { min-width: 4.6em; }
  .swipe { display: block; }
}
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
  .scroll { overflow: visible; }
  table.grid tr[hidden] { display: table-row; }
  * { -webkit-print-color-adjust: exact; }
}
""".replace("FONTS", FONT_STACK).strip()
    + "\n"
)

# Plain ES5-level DOM code: tabs (ARIA's tab pattern, arrow keys, the address's #hash), the grid's filters by unit and
# kind, and every <details> opened before printing so a printout keeps all it shows.
JS = (
    """
(function () {
  var root = document.documentElement;
  root.classList.add('js');
  var tabs = Array.prototype.slice.call(document.querySelectorAll('[role="tab"]'));
  var panels = Array.prototype.slice.call(document.querySelectorAll('section.panel'));
  function show(id) {
    var found = panels.some(function (p) { return p.id === id; });
    if (!found) { id = panels.length ? panels[0].id : ''; }
    panels.forEach(function (p) { p.classList.toggle('active', p.id === id); });
    tabs.forEach(function (t) {
      var on = t.getAttribute('data-tab') === id;
      t.setAttribute('aria-selected', on ? 'true' : 'false');
      t.setAttribute('tabindex', on ? '0' : '-1');
    });
  }
  function choose(t) {
    var id = t.getAttribute('data-tab');
    show(id);
    if (history.replaceState) { history.replaceState(null, '', '#' + id); }
  }
  tabs.forEach(function (t, i) {
    t.addEventListener('click', function () { choose(t); });
    // The tab pattern's keys: arrows move to the neighbouring tab, Home/End to the ends.
    t.addEventListener('keydown', function (e) {
      var n = tabs.length, j = null;
      if (e.key === 'ArrowRight') { j = (i + 1) % n; }
      else if (e.key === 'ArrowLeft') { j = (i + n - 1) % n; }
      else if (e.key === 'Home') { j = 0; }
      else if (e.key === 'End') { j = n - 1; }
      if (j === null) { return; }
      e.preventDefault();
      choose(tabs[j]);
      tabs[j].focus();
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
  // The tasks tab: only the tasks and actions a unit leads or shares.
  var taskUnit = document.getElementById('task-unit');
  var taskCount = document.getElementById('task-count');
  var cards = Array.prototype.slice.call(document.querySelectorAll('article.task'));
  function has(el, u) {
    return (' ' + (el.getAttribute('data-units') || '') + ' ').indexOf(' ' + u + ' ') >= 0;
  }
  function filterTasks() {
    var u = taskUnit ? taskUnit.value : '';
    var n = 0;
    cards.forEach(function (c) {
      var ok = !u || has(c, u);
      c.hidden = !ok;
      if (ok) { n += 1; }
      Array.prototype.forEach.call(c.querySelectorAll('table.actions tbody tr'), function (r) {
        r.hidden = !!u && !has(r, u);
      });
    });
    if (taskCount) { taskCount.textContent = String(n); }
  }
  if (taskUnit) { taskUnit.addEventListener('change', filterTasks); filterTasks(); }
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
