// The page script's key-inventory table: reads the keywarden-keys data block (if the report has one)
// and renders it with DOM APIs and textContent only, as the findings table does: an alias such as
// `</script><img src=x onerror=…>` stays text. Its own ids (k-*) and sort attribute (data-ksort) so
// it never collides with the findings table. Sets data-keys-ready on <html> when drawn.
export const KEYS_SCRIPT = String.raw`(function () {
  'use strict';
  var doc = document;
  var $ = function (id) { return doc.getElementById(id); };
  var block = $('keywarden-keys');
  if (!block) return;

  function load(done) {
    var encoding = block.getAttribute('data-encoding');
    if (!encoding) { done(JSON.parse(block.textContent)); return; }
    if (typeof DecompressionStream === 'undefined') { $('k-count').textContent = 'This browser cannot inflate the embedded key inventory (no DecompressionStream).'; return; }
    var bin = atob(JSON.parse(block.textContent));
    var bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream(encoding.split('+')[0])))
      .text()
      .then(function (text) { done(JSON.parse(text)); }, function (err) { $('k-count').textContent = 'The embedded key inventory cannot be read: ' + err; });
  }
  load(start);

  function start(data) {
    var items = data.rows.map(function (values, i) {
      var k = { i: i, text: null };
      data.columns.forEach(function (c, j) { k[c] = values[j]; });
      return k;
    });
    function cmp(a, b) { return a < b ? -1 : a > b ? 1 : 0; }
    function searchText(k) {
      if (k.text === null) k.text = [k.id, k.name, k.provider, k.account, k.region, k.container, k.manager, k.purpose, k.spec, k.protection, k.state].join('\n').toLowerCase();
      return k.text;
    }
    var FILTERS = ['provider', 'account', 'manager', 'state'];
    FILTERS.forEach(function (col) {
      var counts = new Map();
      items.forEach(function (k) { var v = k[col] || '(none)'; counts.set(v, (counts.get(v) || 0) + 1); });
      var select = $('k-' + col);
      Array.from(counts.keys()).sort(cmp).forEach(function (v) {
        var o = doc.createElement('option');
        o.value = v;
        o.textContent = v + ' (' + counts.get(v).toLocaleString('en-US') + ')';
        select.appendChild(o);
      });
    });
    var SORTS = {
      findings: function (a, b) { return a.i - b.i; },
      name: function (a, b) { return cmp(a.name || a.id, b.name || b.id) || a.i - b.i; },
      account: function (a, b) { return cmp(a.provider, b.provider) || cmp(a.account, b.account) || cmp(a.region, b.region) || a.i - b.i; },
      spec: function (a, b) { return cmp(a.spec, b.spec) || a.i - b.i; },
      state: function (a, b) { return cmp(a.state, b.state) || a.i - b.i; },
      created: function (a, b) { return cmp(a.created, b.created) || a.i - b.i; },
      rotated: function (a, b) { return cmp(a.rotated, b.rotated) || a.i - b.i; },
      expires: function (a, b) { return cmp(a.expires, b.expires) || a.i - b.i; }
    };
    var state = { sort: 'findings', desc: false, page: 0, size: 50 };
    var matched = items;
    var MAX_ALL = 5000;

    function apply() {
      var q = $('k-search').value.trim().toLowerCase();
      var active = FILTERS.map(function (col) { return { col: col, v: $('k-' + col).value }; }).filter(function (x) { return x.v !== ''; });
      matched = items.filter(function (k) {
        for (var j = 0; j < active.length; j++) if ((k[active[j].col] || '(none)') !== active[j].v) return false;
        return q === '' || searchText(k).indexOf(q) >= 0;
      });
      matched.sort(SORTS[state.sort]);
      if (state.desc) matched.reverse();
      state.page = 0;
      render();
    }
    function el(tag, cls, text) {
      var e = doc.createElement(tag);
      if (cls) e.className = cls;
      if (text !== undefined) e.textContent = text;
      return e;
    }
    function cell(tr, text, cls) { var td = el('td', cls, text); tr.appendChild(td); return td; }
    function day(iso) { return iso ? String(iso).slice(0, 10) : ''; }
    function row(k) {
      var tr = el('tr', 'key-row');
      var f = cell(tr, '');
      if (k.findings > 0) f.appendChild(el('span', 'sev sev-' + k.worst, k.findings.toLocaleString('en-US') + ' · ' + k.worst));
      else f.appendChild(el('span', 'muted small', 'none'));
      var res = cell(tr, '');
      if (k.name) { res.appendChild(el('b', 'alias', k.name)); res.appendChild(el('br')); }
      res.appendChild(el('span', 'id mono small', k.id));
      cell(tr, k.provider + ' · ' + k.account + (k.region ? ' · ' + k.region : ''), 'id small');
      cell(tr, k.container, 'id small');
      cell(tr, [k.manager, k.purpose].filter(Boolean).join(' · '), 'small');
      cell(tr, [k.spec, k.protection].filter(Boolean).join(' · '), 'small');
      cell(tr, k.state, 'small');
      cell(tr, day(k.created), 'small');
      cell(tr, [day(k.rotated), k.rotation].filter(Boolean).join(' · '), 'small');
      cell(tr, day(k.expires), 'small');
      cell(tr, k.tags > 0 ? String(k.tags) : '', 'num small');
      return tr;
    }
    function render() {
      var size = state.size === 'all' ? Math.min(MAX_ALL, Math.max(1, matched.length)) : state.size;
      var pages = Math.max(1, Math.ceil(matched.length / size));
      if (state.page >= pages) state.page = pages - 1;
      var first = state.page * size;
      var slice = matched.slice(first, first + size);
      var frag = doc.createDocumentFragment();
      slice.forEach(function (k) { frag.appendChild(row(k)); });
      $('k-rows').replaceChildren(frag);
      $('k-empty').hidden = matched.length > 0;
      var n = function (v) { return v.toLocaleString('en-US'); };
      $('k-count').textContent = matched.length === 0 ? 'No key matches (of ' + n(items.length) + ').'
        : 'Showing ' + n(first + 1) + '–' + n(first + slice.length) + ' of ' + n(matched.length) + ' matching keys (' + n(items.length) + ' in total).';
      $('k-page').textContent = 'Page ' + n(state.page + 1) + ' of ' + n(pages);
      $('k-prev').disabled = state.page === 0;
      $('k-next').disabled = state.page >= pages - 1;
      doc.querySelectorAll('th[data-ksort]').forEach(function (th) {
        var key = th.getAttribute('data-ksort');
        th.setAttribute('aria-sort', key === state.sort ? (state.desc ? 'descending' : 'ascending') : 'none');
      });
    }
    var timer = 0;
    $('k-search').addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(apply, 120); });
    FILTERS.forEach(function (col) { $('k-' + col).addEventListener('change', apply); });
    $('k-size').addEventListener('change', function () { var v = $('k-size').value; state.size = v === 'all' ? 'all' : Number(v); state.page = 0; render(); });
    $('k-prev').addEventListener('click', function () { state.page--; render(); });
    $('k-next').addEventListener('click', function () { state.page++; render(); });
    $('k-reset').addEventListener('click', function () {
      $('k-search').value = '';
      FILTERS.forEach(function (col) { $('k-' + col).value = ''; });
      state.sort = 'findings'; state.desc = false;
      apply();
    });
    doc.querySelectorAll('th[data-ksort]').forEach(function (th) {
      th.addEventListener('click', function () {
        var key = th.getAttribute('data-ksort');
        if (state.sort === key) state.desc = !state.desc; else { state.sort = key; state.desc = false; }
        apply();
      });
    });
    // Printing lists every matching key (up to MAX_ALL), then restores the page size.
    var sizeBeforePrint = null;
    window.addEventListener('beforeprint', function () {
      if (sizeBeforePrint) return;
      sizeBeforePrint = { size: state.size, page: state.page };
      state.size = 'all'; state.page = 0;
      render();
    });
    window.addEventListener('afterprint', function () {
      if (sizeBeforePrint) { state.size = sizeBeforePrint.size; state.page = sizeBeforePrint.page; sizeBeforePrint = null; render(); }
    });
    $('k-controls').hidden = false;
    apply();
    doc.documentElement.setAttribute('data-keys-ready', 'true');
  }
})();
`;
