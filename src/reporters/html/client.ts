// The report page's only script (allowed by its CSP hash). It reads the embedded JSON data blocks and
// renders the findings table with DOM APIs and textContent only: data never reaches innerHTML, so an
// alias such as `<img src=x onerror=…>` stays text. Plain ES2019 so any current browser runs it.
export const CLIENT_SCRIPT = String.raw`(function () {
  'use strict';
  var doc = document;
  var $ = function (id) { return doc.getElementById(id); };
  var view = JSON.parse($('keywarden-view').textContent);

  // Large reports embed their JSON deflated and base64-encoded (a JSON string); inflate it locally.
  function load(done) {
    var el = $('keywarden-report');
    var encoding = el.getAttribute('data-encoding');
    if (!encoding) { done(JSON.parse(el.textContent)); return; }
    if (typeof DecompressionStream === 'undefined') { fail('This browser cannot inflate the embedded results (no DecompressionStream); open keywarden.json instead.'); return; }
    var bin = atob(JSON.parse(el.textContent));
    var bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream(encoding.split('+')[0])))
      .text()
      .then(function (text) { done(JSON.parse(text)); }, function (err) { fail('The embedded results cannot be read: ' + err); });
  }
  function fail(message) { $('f-count').textContent = message; }

  load(start);

  function start(report) {
    var SEV = { critical: 0, high: 1, medium: 2, low: 3, info: 4 };
    var STATUS = { fail: 0, unknown: 1, suppressed: 2 };
    var STATUS_LABEL = { fail: 'fail', unknown: 'not evaluated', suppressed: 'waived' };
    var rules = new Map();
    report.rules.forEach(function (r) { rules.set(r.id, r); });

    var items = report.findings.map(function (f, i) {
      var rule = rules.get(f.ruleId);
      var fw = f.frameworks || (rule && rule.frameworks) || {};
      var fams = [];
      Object.keys(fw).forEach(function (k) { var fam = view.families[k] || k; if (fams.indexOf(fam) < 0) fams.push(fam); });
      return { f: f, i: i, rule: rule, fams: fams, life: f.lifecycle ? f.lifecycle.state : 'no history', text: null };
    });

    function searchText(it) {
      if (it.text === null) {
        var f = it.f, r = f.resource;
        it.text = [f.ruleId, it.rule ? it.rule.title : '', r.id, r.name || '', r.account, r.region || '', r.type || '', f.message,
          f.principal || '', f.reason || '', f.fingerprint].join('\n').toLowerCase();
      }
      return it.text;
    }

    var FILTERS = [
      { id: 'f-severity', get: function (it) { return [it.f.severity]; }, order: function (a, b) { return (SEV[a] - SEV[b]) || 0; } },
      { id: 'f-status', get: function (it) { return [it.f.status]; }, label: function (v) { return STATUS_LABEL[v] || v; } },
      { id: 'f-provider', get: function (it) { return [it.f.resource.provider]; } },
      { id: 'f-account', get: function (it) { return [it.f.resource.account]; } },
      { id: 'f-framework', get: function (it) { return it.fams; } },
      { id: 'f-lifecycle', get: function (it) { return [it.life]; } },
      { id: 'f-kind', get: function (it) { return [it.f.kind]; } }
    ];

    function fillOptions(filter) {
      var counts = new Map();
      items.forEach(function (it) { filter.get(it).forEach(function (v) { counts.set(v, (counts.get(v) || 0) + 1); }); });
      var values = Array.from(counts.keys()).sort(filter.order || function (a, b) { return a < b ? -1 : a > b ? 1 : 0; });
      var select = $(filter.id);
      values.forEach(function (v) {
        var o = doc.createElement('option');
        o.value = v;
        o.textContent = (filter.label ? filter.label(v) : v) + ' (' + counts.get(v).toLocaleString('en-US') + ')';
        select.appendChild(o);
      });
    }
    FILTERS.forEach(fillOptions);

    var SORTS = {
      severity: function (a, b) { return a.i - b.i; },
      status: function (a, b) { return (STATUS[a.f.status] - STATUS[b.f.status]) || a.i - b.i; },
      rule: function (a, b) { return cmp(a.f.ruleId, b.f.ruleId) || a.i - b.i; },
      resource: function (a, b) { return cmp(a.f.resource.name || a.f.resource.id, b.f.resource.name || b.f.resource.id) || a.i - b.i; },
      account: function (a, b) { return cmp(a.f.resource.account, b.f.resource.account) || cmp(a.f.resource.region || '', b.f.resource.region || '') || a.i - b.i; },
      seen: function (a, b) { return cmp(a.f.lifecycle ? a.f.lifecycle.firstSeen : '', b.f.lifecycle ? b.f.lifecycle.firstSeen : '') || a.i - b.i; }
    };
    function cmp(a, b) { return a < b ? -1 : a > b ? 1 : 0; }

    var state = { sort: 'severity', desc: false, page: 0, size: 50 };
    var matched = items;
    var MAX_ALL = 5000;

    function apply() {
      var q = $('f-search').value.trim().toLowerCase();
      var active = FILTERS.map(function (fl) { return { fl: fl, v: $(fl.id).value }; }).filter(function (x) { return x.v !== ''; });
      var out = [];
      for (var k = 0; k < items.length; k++) {
        var it = items[k], ok = true;
        for (var j = 0; j < active.length && ok; j++) ok = active[j].fl.get(it).indexOf(active[j].v) >= 0;
        if (ok && q !== '' && searchText(it).indexOf(q) < 0) ok = false;
        if (ok) out.push(it);
      }
      out.sort(SORTS[state.sort]);
      if (state.desc) out.reverse();
      matched = out;
      state.page = 0;
      render();
      // The search text the rows reflect (searching is debounced): tests and tools wait on it.
      $('f-rows').setAttribute('data-query', q);
    }

    function cell(tr, text, cls) {
      var td = doc.createElement('td');
      if (cls) td.className = cls;
      td.textContent = text;
      tr.appendChild(td);
      return td;
    }

    function el(tag, cls, text) {
      var e = doc.createElement(tag);
      if (cls) e.className = cls;
      if (text !== undefined) e.textContent = text;
      return e;
    }

    function row(it) {
      var f = it.f, r = f.resource;
      var tr = el('tr', 'finding row-' + f.status);
      tr.tabIndex = 0;
      var sev = cell(tr, '');
      sev.appendChild(el('span', 'sev sev-' + f.severity, f.severity));
      var st = cell(tr, '');
      st.appendChild(el('span', 'badge st-' + f.status, STATUS_LABEL[f.status] || f.status));
      var ruleTd = cell(tr, '');
      ruleTd.appendChild(el('code', '', f.ruleId));
      if (it.rule) { ruleTd.appendChild(el('br')); ruleTd.appendChild(el('span', 'muted small', it.rule.title)); }
      var res = cell(tr, '');
      if (r.name) { res.appendChild(el('b', 'alias', r.name)); res.appendChild(el('br')); }
      res.appendChild(el('span', 'id mono small', r.id));
      cell(tr, r.provider + ' · ' + r.account + (r.region ? ' · ' + r.region : ''), 'id small');
      cell(tr, f.message, 'msg');
      cell(tr, it.life, 'small');
      tr.addEventListener('click', function () { toggle(tr, it); });
      tr.addEventListener('keydown', function (ev) { if (ev.key === 'Enter') toggle(tr, it); });
      return tr;
    }

    function fact(dl, label, value) {
      if (value === undefined || value === null || value === '') return;
      dl.appendChild(el('dt', '', label));
      var dd = el('dd', '');
      if (typeof value === 'string') dd.textContent = value; else dd.appendChild(value);
      dl.appendChild(dd);
    }

    function detail(it) {
      var f = it.f, rule = it.rule;
      var box = el('div', 'detail');
      var dl = el('dl', 'meta');
      fact(dl, 'Message', f.message);
      fact(dl, 'Not evaluated because', f.reason);
      if (f.waiver) fact(dl, 'Waiver', f.waiver.reason + (f.waiver.owner ? ' · owner ' + f.waiver.owner : '') + (f.waiver.expires ? ' · expires ' + f.waiver.expires : ''));
      fact(dl, 'Principal', f.principal);
      if (f.window) fact(dl, 'Window (UTC)', f.window.start + ' → ' + f.window.end);
      fact(dl, 'Resource', f.resource.id + (f.resource.type ? ' (' + f.resource.type + ')' : ''));
      fact(dl, 'Remediation', f.remediation || (rule && rule.remediation));
      if (rule && rule.description) fact(dl, 'Rule', rule.description);
      var fw = f.frameworks || (rule && rule.frameworks) || {};
      var fwText = Object.keys(fw).sort().map(function (k) { return k + ' ' + fw[k].join(', '); }).join(' · ');
      fact(dl, 'Frameworks', fwText);
      var refs = rule && rule.references ? rule.references : [];
      if (refs.length > 0) {
        var ul = el('ul', 'refs');
        refs.forEach(function (ref) {
          var li = el('li');
          if (/^https?:\/\//i.test(ref)) {
            var a = el('a', '', ref);
            a.setAttribute('href', ref);
            a.setAttribute('rel', 'noopener noreferrer');
            a.setAttribute('target', '_blank');
            li.appendChild(a);
          } else li.textContent = ref;
          ul.appendChild(li);
        });
        fact(dl, 'References', ul);
      }
      if (f.lifecycle) fact(dl, 'History', f.lifecycle.state + ' · first seen ' + f.lifecycle.firstSeen + ' · last seen ' + f.lifecycle.lastSeen);
      fact(dl, 'Fingerprint', f.fingerprint);
      box.appendChild(dl);
      box.appendChild(el('h4', '', 'Evidence'));
      box.appendChild(el('pre', 'evidence', JSON.stringify(f.evidence, null, 2)));
      return box;
    }

    function toggle(tr, it) {
      var next = tr.nextSibling;
      if (next && next.className === 'detail-row') { next.remove(); tr.classList.remove('open'); return; }
      var d = el('tr', 'detail-row');
      var td = el('td');
      td.colSpan = 7;
      td.appendChild(detail(it));
      d.appendChild(td);
      tr.after(d);
      tr.classList.add('open');
    }

    function render() {
      var size = state.size === 'all' ? Math.min(MAX_ALL, Math.max(1, matched.length)) : state.size;
      var pages = Math.max(1, Math.ceil(matched.length / size));
      if (state.page >= pages) state.page = pages - 1;
      var start = state.page * size;
      var slice = matched.slice(start, start + size);
      var body = $('f-rows');
      var frag = doc.createDocumentFragment();
      slice.forEach(function (it) { frag.appendChild(row(it)); });
      body.replaceChildren(frag);
      $('f-empty').hidden = matched.length > 0;
      var n = function (v) { return v.toLocaleString('en-US'); };
      $('f-count').textContent = matched.length === 0 ? 'No finding matches (of ' + n(items.length) + ').'
        : 'Showing ' + n(start + 1) + '–' + n(start + slice.length) + ' of ' + n(matched.length) + ' matching findings (' + n(items.length) + ' in total).';
      $('f-page').textContent = 'Page ' + n(state.page + 1) + ' of ' + n(pages);
      $('f-prev').disabled = state.page === 0;
      $('f-next').disabled = state.page >= pages - 1;
      doc.querySelectorAll('th[data-sort]').forEach(function (th) {
        var key = th.getAttribute('data-sort');
        th.setAttribute('aria-sort', key === state.sort ? (state.desc ? 'descending' : 'ascending') : 'none');
      });
    }

    var timer = 0;
    $('f-search').addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(apply, 120); });
    FILTERS.forEach(function (fl) { $(fl.id).addEventListener('change', apply); });
    $('f-size').addEventListener('change', function () { var v = $('f-size').value; state.size = v === 'all' ? 'all' : Number(v); state.page = 0; render(); });
    $('f-prev').addEventListener('click', function () { state.page--; render(); });
    $('f-next').addEventListener('click', function () { state.page++; render(); });
    $('f-reset').addEventListener('click', function () {
      $('f-search').value = '';
      FILTERS.forEach(function (fl) { $(fl.id).value = ''; });
      state.sort = 'severity'; state.desc = false;
      apply();
    });
    doc.querySelectorAll('th[data-sort]').forEach(function (th) {
      th.addEventListener('click', function () {
        var key = th.getAttribute('data-sort');
        if (state.sort === key) state.desc = !state.desc; else { state.sort = key; state.desc = false; }
        apply();
      });
    });
    // Printing shows every collapsed section (compliance details, parameters, evidence) and every
    // matching finding up to MAX_ALL rows, then restores the page as it was.
    var reopened = [];
    var sizeBeforePrint = null;
    window.addEventListener('beforeprint', function () {
      doc.querySelectorAll('details:not([open])').forEach(function (d) { d.open = true; reopened.push(d); });
      if (sizeBeforePrint) return; // already printing (a second beforeprint)
      sizeBeforePrint = { size: state.size, page: state.page };
      state.size = 'all'; state.page = 0;
      render();
    });
    window.addEventListener('afterprint', function () {
      reopened.forEach(function (d) { d.open = false; });
      reopened = [];
      if (sizeBeforePrint) { state.size = sizeBeforePrint.size; state.page = sizeBeforePrint.page; sizeBeforePrint = null; render(); }
    });
    $('f-controls').hidden = false;
    apply();
    doc.documentElement.setAttribute('data-ready', 'true');
  }
})();
`;
