/**
 * The report's only script, inlined (no network). The matrix is in the HTML; values, findings
 * and pending promotions are rendered from the embedded JSON when first opened, so a page of
 * thousands of apps is interactive as soon as the table is parsed.
 */
export const PAGE_SCRIPT = String.raw`(function () {
  'use strict';
  var table = document.getElementById('matrix');
  var form = document.getElementById('filters');
  var shown = document.getElementById('shown');
  var columns = document.getElementById('env-columns');
  var data = null;
  function load() {
    if (!data) data = JSON.parse(document.getElementById('report-data').textContent);
    return data;
  }
  function tokens(r, a) {
    var v = r.getAttribute(a);
    return v ? v.split(' ') : [];
  }
  var items = Array.prototype.map.call(table.tBodies[0].rows, function (r) {
    return { r: r, name: r.getAttribute('data-app').toLowerCase(), drift: tokens(r, 'data-drift'), findings: tokens(r, 'data-findings'), pending: tokens(r, 'data-pending') };
  });
  function has(list, env) {
    if (list.length === 0) return false;
    return !env || list.indexOf(env) >= 0 || list.indexOf('*') >= 0;
  }
  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }
  function link(d, file, line) {
    if (file < 0) return '';
    var f = d.files[file];
    // the file's name is enough beside its env; the whole path is in the link and its title
    var name = f.slice(f.lastIndexOf('/') + 1);
    var text = line > 0 ? name + ':' + line : name;
    return '<a class="prov mono" href="' + esc(d.base + f + (line > 0 ? '#L' + line : '')) + '" data-file="' + esc(f) + '" data-line="' + line + '" title="' + esc(line > 0 ? f + ':' + line : f) + '">' + esc(text) + '</a>';
  }
  function envHead(d) {
    return d.envs.map(function (e) { return '<th scope="col" data-env="' + esc(e) + '">' + esc(e) + '</th>'; }).join('');
  }
  function findingsTable(d, list, withApp, names) {
    if (list.length === 0) return '<p class="muted">No validate findings.</p>';
    var h = '<table class="findings"><thead><tr>' + (withApp ? '<th scope="col">app</th>' : '') + '<th scope="col">severity</th><th scope="col">env</th><th scope="col">rule</th><th scope="col">message</th><th scope="col">where</th></tr></thead><tbody>';
    list.forEach(function (f) {
      h += '<tr>' + (withApp ? '<td>' + esc(names[f[9]]) + '</td>' : '') + '<td class="sev-' + esc(f[0]) + '">' + esc(f[0]) + '</td><td>' + esc(f[6] || 'all') + '</td><td><code>' + esc(f[1]) + '</code></td><td>' + esc(f[2]) + (f[7] ? ' <code>' + esc(f[7]) + '</code>' : '') + (f[8] ? '<br><span class="muted">' + esc(f[8]) + '</span>' : '') + '</td><td>' + link(d, f[3], f[4]) + '</td></tr>';
    });
    return h + '</tbody></table>';
  }
  function pendingTable(d, list, withApp, names) {
    if (list.length === 0) return '<p class="muted">Nothing to promote.</p>';
    var h = '<table class="pending"><thead><tr>' + (withApp ? '<th scope="col">app</th>' : '') + '<th scope="col">from → to</th><th scope="col">key</th><th scope="col">now</th><th scope="col">promoted</th><th scope="col">edits</th></tr></thead><tbody>';
    list.forEach(function (p) {
      p[3].forEach(function (c) {
        h += '<tr>' + (withApp ? '<td>' + esc(names[p[4]]) + '</td>' : '') + '<td>' + esc(p[0]) + ' → ' + esc(p[1]) + '</td><td><code>' + esc(c[0]) + '</code></td><td><code>' + esc(c[1]) + '</code></td><td><code>' + esc(c[2]) + '</code></td><td>' + link(d, p[2], 0) + '</td></tr>';
      });
    });
    return h + '</tbody></table>';
  }
  function renderApp(i) {
    var d = load();
    var a = d.apps[i];
    var h = '<h3>Effective values of ' + esc(a.n) + '</h3><p class="muted">As Argo CD renders them, each with the file and line that set it; secrets redacted.</p>';
    h += '<table class="values"><thead><tr><th scope="col">key</th>' + envHead(d) + '</tr></thead><tbody>';
    a.v.forEach(function (row) {
      h += '<tr><th scope="row"><code>' + esc(row[0]) + '</code></th>';
      row[1].forEach(function (c, e) {
        h += c ? '<td data-env="' + esc(d.envs[e]) + '"><code>' + esc(c[0]) + '</code><br>' + link(d, c[1], c[2]) + '</td>' : '<td class="unset" data-env="' + esc(d.envs[e]) + '">not set</td>';
      });
      h += '</tr>';
    });
    h += '</tbody></table>';
    h += '<h3>Pending promotions</h3>' + pendingTable(d, a.p, false);
    h += '<h3>Findings</h3>' + findingsTable(d, a.f, false);
    return h;
  }
  function toggle(button) {
    var tr = button.closest('tr');
    var next = tr.nextElementSibling;
    var isOpen = button.getAttribute('aria-expanded') === 'true';
    if (isOpen) {
      button.setAttribute('aria-expanded', 'false');
      if (next && next.classList.contains('details')) next.hidden = true;
      return;
    }
    if (!next || !next.classList.contains('details')) {
      next = document.createElement('tr');
      next.className = 'details';
      next.id = 'details-' + tr.getAttribute('data-i');
      var td = next.insertCell();
      td.colSpan = tr.cells.length;
      td.innerHTML = renderApp(Number(tr.getAttribute('data-i')));
      tr.parentNode.insertBefore(next, tr.nextSibling);
      button.setAttribute('aria-controls', next.id);
    }
    next.hidden = false;
    button.setAttribute('aria-expanded', 'true');
  }
  table.addEventListener('click', function (ev) {
    var b = ev.target.closest('button.app');
    if (b) toggle(b);
  });
  function apply() {
    var q = form.elements.app.value.trim().toLowerCase();
    var env = form.elements.env.value;
    var drift = form.elements.drift.checked;
    var findings = form.elements.findings.checked;
    var pending = form.elements.pending.checked;
    columns.textContent = env ? '[data-env]:not([data-env="' + (window.CSS && CSS.escape ? CSS.escape(env) : env) + '"]){display:none}' : '';
    var n = 0;
    items.forEach(function (it) {
      var ok = (!q || it.name.indexOf(q) >= 0) && (!drift || has(it.drift, env)) && (!findings || has(it.findings, env)) && (!pending || has(it.pending, env));
      it.r.hidden = !ok;
      var next = it.r.nextElementSibling;
      if (next && next.classList.contains('details')) next.hidden = !ok || it.r.querySelector('button.app').getAttribute('aria-expanded') !== 'true';
      if (ok) n++;
    });
    shown.textContent = n + ' of ' + items.length + ' apps shown';
  }
  var timer = 0;
  form.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(apply, 60);
  });
  form.addEventListener('change', apply);
  form.addEventListener('submit', function (ev) { ev.preventDefault(); });
  function lazySection(id, render) {
    var el = document.getElementById(id);
    el.addEventListener('toggle', function () {
      var body = el.querySelector('.section-body');
      if (el.open && !body.hasChildNodes()) body.innerHTML = render(load());
    });
  }
  function all(d, key) {
    var out = [];
    d.apps.forEach(function (a, i) { a[key].forEach(function (x) { out.push(x.concat([i])); }); });
    return out;
  }
  function names(d) { return d.apps.map(function (a) { return a.n; }); }
  lazySection('pending-section', function (d) { return pendingTable(d, all(d, 'p'), true, names(d)); });
  lazySection('findings-section', function (d) {
    return findingsTable(d, d.apps.reduce(function (out, a, i) { return out.concat(a.f.map(function (f) { return f.slice(0, 9).concat([i]); })); }, []), true, names(d));
  });
  // filters and details answer from here on; the bench reads the mark
  if (window.performance && performance.mark) performance.mark('status-page-ready');
  document.documentElement.setAttribute('data-ready', 'true');
})();`;
