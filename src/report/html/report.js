(function () {
  'use strict';
  // Report data is only ever put on the page with textContent, never parsed as HTML.
  var D = JSON.parse(document.getElementById('report-data').textContent);
  var SEV = { error: ['\u2716', 'Error'], warning: ['\u25B2', 'Warning'], info: ['\u2139', 'Info'] };
  var CHUNK = 50;
  var CLAIMS_SHOWN = 5;
  var form = document.getElementById('filters');
  var list = document.getElementById('finding-list');
  var countEl = document.getElementById('count');
  var search = document.getElementById('search');
  var ruleSel = document.getElementById('filter-rule');
  var sourceSel = document.getElementById('filter-source');
  var pick = document.getElementById('source-pick');
  var view = document.getElementById('source-view');
  var matching = [];
  var rendered = 0;
  var current = -1;
  var more = null;
  var hay = [];
  var observer = 'IntersectionObserver' in window ? new IntersectionObserver(function (entries) {
    entries.forEach(function (e) { if (e.isIntersecting) { renderMore(); } });
  }, { rootMargin: '400px' }) : null;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function plural(n, word) { return n + ' ' + word + (n === 1 ? '' : 's'); }
  function sourcePath(i) { return D.sources[i] ? D.sources[i].path : '?'; }

  function haystack(i) {
    if (hay[i] === undefined) {
      var f = D.findings[i];
      var parts = [f.message, f.entity, f.rule, f.predicate, f.period || '', f.reason || ''];
      f.values.forEach(function (v) {
        parts.push(v.value);
        v.claims.forEach(function (c) { parts.push(c.before + c.text + c.after, sourcePath(c.source)); });
      });
      hay[i] = parts.join('\n').toLowerCase();
    }
    return hay[i];
  }
  function checked(name) {
    return Array.prototype.map.call(form.querySelectorAll('input[name="' + name + '"]:checked'), function (i) { return i.value; });
  }

  function apply() {
    var sev = checked('severity');
    var st = checked('status');
    var rule = ruleSel.value;
    var src = sourceSel.value === '' ? -1 : Number(sourceSel.value);
    var terms = search.value.toLowerCase().split(/\s+/).filter(Boolean);
    matching = [];
    D.findings.forEach(function (f, i) {
      if (sev.indexOf(f.severity) < 0 || st.indexOf(f.status) < 0) { return; }
      if (rule !== '' && f.rule !== rule) { return; }
      if (src >= 0 && f.sources.indexOf(src) < 0) { return; }
      for (var t = 0; t < terms.length; t++) { if (haystack(i).indexOf(terms[t]) < 0) { return; } }
      matching.push(i);
    });
    list.textContent = '';
    rendered = 0;
    current = -1;
    more = null;
    renderMore();
    countEl.textContent = matching.length + ' of ' + plural(D.findings.length, 'finding') + ' shown';
    countEl.setAttribute('data-shown', String(matching.length));
    if (!matching.length) {
      list.appendChild(el('p', 'note', D.findings.length ? 'No finding matches these filters.' : 'No contradictions found: the sources agree on everything the rules check.'));
    }
  }

  function clearFilters() {
    Array.prototype.forEach.call(form.querySelectorAll('input[type=checkbox]'), function (i) { i.checked = true; });
    ruleSel.value = '';
    sourceSel.value = '';
    search.value = '';
  }

  function groupCount(g) {
    var n = 0;
    matching.forEach(function (i) { if (D.findings[i].group === g) { n++; } });
    return n;
  }

  function renderMore() {
    if (more) { if (observer) { observer.unobserve(more); } more.remove(); more = null; }
    var end = Math.min(matching.length, rendered + CHUNK);
    var container = list.lastElementChild && list.lastElementChild.classList.contains('group') ? list.lastElementChild : null;
    for (; rendered < end; rendered++) {
      var f = D.findings[matching[rendered]];
      if (!container || Number(container.getAttribute('data-group')) !== f.group) {
        container = el('section', 'group');
        container.setAttribute('data-group', String(f.group));
        var h = el('h3', null, D.groups[f.group].entity);
        h.appendChild(el('span', 'muted', ' \u2014 ' + plural(groupCount(f.group), 'finding')));
        container.appendChild(h);
        list.appendChild(container);
      }
      container.appendChild(findingView(f, rendered));
    }
    if (rendered < matching.length) {
      more = el('button', 'more', 'Show ' + Math.min(CHUNK, matching.length - rendered) + ' more findings (' + (matching.length - rendered) + ' not shown yet)');
      more.type = 'button';
      more.addEventListener('click', renderMore);
      list.appendChild(more);
      if (observer) { observer.observe(more); }
    }
  }

  function sevBadge(s) {
    var b = el('span', 'sev sev-' + s);
    var icon = el('span', null, (SEV[s] || ['', ''])[0]);
    icon.setAttribute('aria-hidden', 'true');
    b.appendChild(icon);
    b.appendChild(document.createTextNode(' ' + (SEV[s] || ['', s])[1]));
    return b;
  }

  function findingView(f, pos) {
    var a = el('article', 'finding');
    a.setAttribute('data-severity', f.severity);
    a.id = 'f-' + f.id;
    a.tabIndex = -1;
    a.setAttribute('data-pos', String(pos));
    a.setAttribute('aria-labelledby', 'h-' + f.id);
    var h = el('h4');
    h.id = 'h-' + f.id;
    h.appendChild(sevBadge(f.severity));
    h.appendChild(el('span', 'status status-' + f.status, f.status.charAt(0).toUpperCase() + f.status.slice(1)));
    h.appendChild(el('code', 'rule', f.rule));
    h.appendChild(el('span', 'message', f.message));
    a.appendChild(h);
    var meta = el('p', 'meta');
    meta.appendChild(document.createTextNode('Finding ' + (pos + 1) + ' of ' + matching.length + ' \u00B7 ' + f.predicate + (f.period ? ' \u00B7 period ' + f.period : '') + ' \u00B7 '));
    var link = el('a', 'permalink', 'Link to this finding');
    link.href = '#f-' + f.id;
    meta.appendChild(link);
    a.appendChild(meta);
    var values = el('div', 'values');
    f.values.forEach(function (v) {
      var box = el('section', 'value');
      box.appendChild(el('h5', null, '\u201C' + v.value + '\u201D \u2014 ' + plural(v.source_count, 'source')));
      var ul = el('ul');
      // Quotes past the first few are built on demand: a finding in a large
      // corpus can have hundreds.
      var quote = function (c) {
        var li = el('li');
        var q = el('blockquote');
        q.appendChild(document.createTextNode(c.before));
        q.appendChild(el('mark', null, c.text));
        q.appendChild(document.createTextNode(c.after));
        li.appendChild(q);
        var loc = el('a', 'loc', sourcePath(c.source) + ':' + c.line + ':' + c.column);
        loc.href = '#sources';
        loc.addEventListener('click', function (e) { e.preventDefault(); showSource(c.source, c.at); });
        li.appendChild(loc);
        ul.appendChild(li);
      };
      v.claims.slice(0, CLAIMS_SHOWN).forEach(quote);
      box.appendChild(ul);
      if (v.claims.length > CLAIMS_SHOWN) {
        var all = el('button', 'show-all', 'Show all ' + v.claims.length + ' quotes');
        all.type = 'button';
        all.addEventListener('click', function () {
          v.claims.slice(CLAIMS_SHOWN).forEach(quote);
          all.remove();
        });
        box.appendChild(all);
      }
      values.appendChild(box);
    });
    a.appendChild(values);
    if (f.explanation) {
      var ex = el('p', 'explain');
      ex.appendChild(el('strong', null, 'Why this is a contradiction: '));
      ex.appendChild(document.createTextNode(f.explanation));
      a.appendChild(ex);
    }
    if (f.reason) {
      var r = el('p', 'reason');
      r.appendChild(el('strong', null, 'Suppressed: '));
      r.appendChild(document.createTextNode(f.reason));
      a.appendChild(r);
    }
    return a;
  }

  function go(pos) {
    if (pos < 0 || pos >= matching.length) { return; }
    while (rendered <= pos) { renderMore(); }
    var f = D.findings[matching[pos]];
    var node = document.getElementById('f-' + f.id);
    if (!node) { return; }
    var old = list.querySelector('.finding.current');
    if (old) { old.classList.remove('current'); }
    node.classList.add('current');
    current = pos;
    node.focus({ preventScroll: true });
    node.scrollIntoView({ block: 'start' });
    try { history.replaceState(null, '', '#f-' + f.id); } catch (e) { /* file:// may refuse; the link still works */ }
  }
  function step(d) {
    if (!matching.length) { return; }
    go(current < 0 ? (d > 0 ? 0 : matching.length - 1) : Math.max(0, Math.min(matching.length - 1, current + d)));
  }

  function fromHash() {
    var h;
    try { h = decodeURIComponent(location.hash.slice(1)); } catch (e) { return; }
    if (h.indexOf('f-') !== 0) { return; }
    var id = h.slice(2);
    var idx = -1;
    for (var i = 0; i < D.findings.length; i++) { if (D.findings[i].id === id) { idx = i; break; } }
    if (idx < 0) { return; }
    var pos = matching.indexOf(idx);
    if (pos < 0) { clearFilters(); apply(); pos = matching.indexOf(idx); }
    go(pos);
  }

  function showSource(i, at) {
    pick.value = String(i);
    view.textContent = '';
    var s = D.sources[i];
    var t = D.texts[i];
    if (!s || !t) { return; }
    var h = el('h3', 'path', s.path);
    view.appendChild(h);
    view.appendChild(el('p', 'muted', (s.date ? 'Dated ' + s.date + ' \u00B7 ' : '') + plural(t.marks.length, 'highlighted claim') + ', ' + t.marks.filter(function (m) { return m[2] >= 0; }).length + ' in a contradiction'));
    if (t.text === null) {
      view.appendChild(el('p', 'note', 'This source\u2019s text is not embedded: the report holds at most ' + Math.round(D.text_budget / 1048576) + ' MiB of source text. Its findings above still quote every sentence; run crosscheck on fewer sources to read it here.'));
      return;
    }
    var pre = el('div', 'text');
    var pos = 0;
    var target = null;
    t.marks.forEach(function (m) {
      if (m[0] > pos) { pre.appendChild(document.createTextNode(t.text.slice(pos, m[0]))); }
      var mk = el('mark', m[2] >= 0 ? 'claim conflict' : 'claim');
      mk.title = m[3] + (m[2] >= 0 ? ' (in a contradiction)' : '');
      if (m[2] >= 0 && D.findings[m[2]]) {
        var a = el('a', null, t.text.slice(m[0], m[1]));
        a.href = '#f-' + D.findings[m[2]].id;
        mk.appendChild(a);
      } else {
        mk.textContent = t.text.slice(m[0], m[1]);
      }
      if (m[0] === at) { target = mk; mk.classList.add('current'); mk.tabIndex = -1; }
      pre.appendChild(mk);
      pos = m[1];
    });
    if (pos < t.text.length) { pre.appendChild(document.createTextNode(t.text.slice(pos))); }
    view.appendChild(pre);
    if (at !== undefined) {
      var dest = target || view;
      dest.focus({ preventScroll: true });
      dest.scrollIntoView({ block: 'center' });
    }
  }

  form.addEventListener('change', apply);
  search.addEventListener('input', apply);
  form.addEventListener('submit', function (e) { e.preventDefault(); });
  form.addEventListener('reset', function (e) { e.preventDefault(); clearFilters(); apply(); });
  pick.addEventListener('change', function () { showSource(Number(pick.value)); });
  list.addEventListener('focusin', function (e) {
    var a = e.target.closest ? e.target.closest('.finding') : null;
    if (a) { current = Number(a.getAttribute('data-pos')); }
  });
  document.addEventListener('keydown', function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey) { return; }
    var tag = e.target && e.target.tagName;
    if (tag === 'INPUT' || tag === 'SELECT' || tag === 'TEXTAREA') {
      if (e.key === 'Escape') { e.target.blur(); }
      return;
    }
    if (e.key === 'j' || e.key === 'n') { e.preventDefault(); step(1); }
    else if (e.key === 'k' || e.key === 'p') { e.preventDefault(); step(-1); }
    else if (e.key === '/') { e.preventDefault(); search.focus(); }
  });
  window.addEventListener('hashchange', fromHash);
  window.addEventListener('beforeprint', function () {
    while (rendered < matching.length) { renderMore(); }
    Array.prototype.forEach.call(list.querySelectorAll('button.show-all'), function (b) { b.click(); });
  });

  apply();
  if (D.sources.length) { showSource(0); }
  fromHash();
})();
