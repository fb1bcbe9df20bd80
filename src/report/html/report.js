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
  var storySel = document.getElementById('filter-story');
  var SVG = 'http://www.w3.org/2000/svg';
  var KIND = { e: 'entity', v: 'value', s: 'source' };
  var pick = document.getElementById('source-pick');
  var view = document.getElementById('source-view');
  var TEXTS = null;
  function texts() {
    if (TEXTS === null) {
      var block = document.getElementById('report-texts');
      TEXTS = block ? JSON.parse(block.textContent) : [];
    }
    return TEXTS;
  }
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
    var story = storySel ? storySel.value : '';
    var terms = search.value.toLowerCase().split(/\s+/).filter(Boolean);
    matching = [];
    D.findings.forEach(function (f, i) {
      if (sev.indexOf(f.severity) < 0 || st.indexOf(f.status) < 0) { return; }
      if (rule !== '' && f.rule !== rule) { return; }
      if (src >= 0 && f.sources.indexOf(src) < 0) { return; }
      if (story !== '' && f.story !== story) { return; }
      for (var t = 0; t < terms.length; t++) { if (haystack(i).indexOf(terms[t]) < 0) { return; } }
      matching.push(i);
    });
    list.textContent = '';
    rendered = 0;
    current = -1;
    more = null;
    renderMore();
    countEl.setAttribute('data-shown', String(matching.length));
    if (!matching.length) {
      list.appendChild(el('p', 'note', D.findings.length ? 'No finding matches these filters.' : 'No contradictions found: the sources agree on everything the rules check.'));
    }
  }

  function clearFilters() {
    Array.prototype.forEach.call(form.querySelectorAll('input[type=checkbox]'), function (i) { i.checked = true; });
    ruleSel.value = '';
    sourceSel.value = '';
    if (storySel) { storySel.value = ''; }
    search.value = '';
  }

  function groupCount(g) {
    var n = 0;
    matching.forEach(function (i) { if (D.findings[i].group === g) { n++; } });
    return n;
  }

  // Says how many findings are drawn, how many match, and how many exist.
  function count() {
    var text = rendered < matching.length ? rendered + ' of ' + plural(matching.length, 'finding') + ' shown'
      : plural(matching.length, 'finding') + ' shown';
    if (matching.length < D.findings.length) { text += ' (' + D.findings.length + ' in all; filters apply)'; }
    countEl.textContent = text;
    countEl.setAttribute('data-drawn', String(rendered));
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
        var g = D.groups[f.group];
        var h = el('h3', null, g.entity);
        h.appendChild(el('span', 'muted', ' \u2014 ' + plural(groupCount(f.group), 'finding')));
        container.appendChild(h);
        if (g.graph) { container.appendChild(graphToggle(g.graph, 'Graph of ' + g.entity, 'Entity graph')); }
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
    count();
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
    meta.appendChild(document.createTextNode('Finding ' + (pos + 1) + ' of ' + matching.length + ' \u00B7 ' + f.what + (f.period ? ' \u00B7 period ' + f.period : '') + (f.story ? ' \u00B7 ' + f.story : '') + ' \u00B7 '));
    var link = el('a', 'permalink', 'Link');
    link.href = '#f-' + f.id;
    meta.appendChild(link);
    meta.appendChild(document.createTextNode(' \u00B7 '));
    var why = el('a', 'why', 'Why is this a contradiction?');
    why.href = '#rule-' + f.rule;
    meta.appendChild(why);
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
        if (c.speaker) {
          // A quotation's speaker: the name marked, with its own link into the source.
          var who = el('p', 'speaker');
          who.appendChild(document.createTextNode('Speaker: '));
          who.appendChild(el('mark', 'speaker', c.speaker.text));
          who.appendChild(document.createTextNode(' '));
          var sloc = el('a', 'loc', sourcePath(c.source) + ':' + c.speaker.line + ':' + c.speaker.column);
          sloc.href = '#sources';
          sloc.addEventListener('click', function (e) { e.preventDefault(); showSource(c.source, c.speaker.at); });
          who.appendChild(sloc);
          li.appendChild(who);
        }
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
    a.appendChild(graphToggle(f.graph, 'Graph of this finding: ' + f.what + ' of ' + f.entity, 'Graph'));
    var tools = el('p', 'tools');
    tools.appendChild(el('span', 'muted', 'Fingerprint '));
    tools.appendChild(el('code', 'fp', f.fingerprint || f.id));
    tools.appendChild(document.createTextNode(' '));
    tools.appendChild(copyButton('Copy fingerprint', f.fingerprint || f.id));
    tools.appendChild(document.createTextNode(' '));
    tools.appendChild(copyButton('Copy crosscheck.toml lines', f.accept));
    a.appendChild(tools);
    if (f.reason) {
      var r = el('p', 'reason');
      r.appendChild(el('strong', null, 'Suppressed: '));
      r.appendChild(document.createTextNode(f.reason));
      a.appendChild(r);
    }
    return a;
  }

  function svg(tag, attrs) {
    var e = document.createElementNS(SVG, tag);
    Object.keys(attrs).forEach(function (k) { e.setAttribute(k, String(attrs[k])); });
    return e;
  }

  // The layout comes laid out from the report (src/report/html/layout.rs):
  // boxes sized for their labels in a monospace font, edges between columns,
  // no text on any line.
  function drawGraph(g, title) {
    var BOX = 26;
    var s = svg('svg', { viewBox: '0 0 ' + g.width + ' ' + g.height, width: g.width, height: g.height, role: 'img', 'class': 'focus' });
    var t = svg('title', {});
    t.textContent = title;
    s.appendChild(t);
    g.edges.forEach(function (e) {
      var a = g.nodes[e[0]];
      var b = g.nodes[e[1]];
      var x1 = a[0] + a[2];
      var y1 = a[1] + BOX / 2;
      var x2 = b[0];
      var y2 = b[1] + BOX / 2;
      var mid = (x1 + x2) / 2;
      s.appendChild(svg('path', { 'class': 'edge', d: 'M' + x1 + ' ' + y1 + ' C' + mid + ' ' + y1 + ' ' + mid + ' ' + y2 + ' ' + x2 + ' ' + y2 }));
    });
    g.nodes.forEach(function (n) {
      var kind = KIND[n[3]] || 'source';
      var group = svg('g', { 'class': 'node ' + kind });
      var tip = svg('title', {});
      tip.textContent = n[5] || n[4];
      group.appendChild(tip);
      group.appendChild(svg('rect', { x: n[0], y: n[1], width: n[2], height: BOX, rx: kind === 'entity' ? 13 : 4 }));
      var text = svg('text', { x: n[0] + 10, y: n[1] + 17 });
      text.textContent = n[4];
      group.appendChild(text);
      s.appendChild(group);
    });
    return s;
  }

  // A button that shows or hides a graph, drawn the first time it is opened.
  function graphToggle(g, title, label) {
    var wrap = el('div', 'graph-toggle');
    var b = el('button', 'graph-button', 'Show ' + label.toLowerCase());
    b.type = 'button';
    b.setAttribute('aria-expanded', 'false');
    var box = el('div', 'scroll graph');
    box.hidden = true;
    box.tabIndex = 0;
    box.setAttribute('role', 'region');
    box.setAttribute('aria-label', title);
    b.addEventListener('click', function () {
      if (!box.firstChild) {
        box.appendChild(el('p', 'muted', title + ': entity, values, and the sources stating each value (hover a box for the full text).'));
        box.appendChild(drawGraph(g, title));
      }
      box.hidden = !box.hidden;
      b.setAttribute('aria-expanded', String(!box.hidden));
      b.textContent = (box.hidden ? 'Show ' : 'Hide ') + label.toLowerCase();
    });
    wrap.appendChild(b);
    wrap.appendChild(box);
    return wrap;
  }

  function copyButton(label, text) {
    var b = el('button', 'copy', label);
    b.type = 'button';
    b.setAttribute('data-copy', text);
    return b;
  }

  // The clipboard API where the page may use it, else a selected text area.
  function copy(b) {
    var text = b.getAttribute('data-copy') || '';
    var done = function () { b.setAttribute('data-copied', 'true'); b.title = 'Copied'; };
    var fallback = function () {
      var area = el('textarea');
      area.value = text;
      area.setAttribute('readonly', '');
      area.className = 'offscreen';
      document.body.appendChild(area);
      area.select();
      try { document.execCommand('copy'); } catch (e) { /* the text stays selected for a manual copy */ }
      area.remove();
      done();
    };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(done, fallback);
    } else {
      fallback();
    }
  }

  function openRule(id) {
    var details = document.getElementById('rules-list');
    var target = document.getElementById('rule-' + id);
    if (!details || !target) { return false; }
    details.open = true;
    var old = details.querySelector('.current');
    if (old) { old.classList.remove('current'); }
    target.classList.add('current');
    target.tabIndex = -1;
    target.focus({ preventScroll: true });
    target.scrollIntoView({ block: 'start' });
    return true;
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
    if (h.indexOf('rule-') === 0) { openRule(h.slice(5)); return; }
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
    var t = texts()[i];
    if (!s || !t) { return; }
    var h = el('h3', 'path', s.path);
    view.appendChild(h);
    if (t.text !== null) {
      view.appendChild(el('p', 'muted', (s.date ? 'Dated ' + s.date + ' \u00B7 ' : '') + plural(t.marks.length, 'highlighted claim') + ', ' + t.marks.filter(function (m) { return m[2] >= 0; }).length + ' in a contradiction'));
    }
    if (t.text === null) {
      view.appendChild(el('p', 'note', 'This source\u2019s text is not embedded: the report holds at most ' + (D.text_budget / 1048576).toFixed(1) + ' MiB of source text. Its findings above still quote every sentence; run crosscheck on fewer sources to read it here.'));
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
    else if (e.key === 'g' && current >= 0) {
      var node = document.getElementById('f-' + D.findings[matching[current]].id);
      var b = node && node.querySelector(':scope > .graph-toggle > .graph-button');
      if (b) { e.preventDefault(); b.click(); }
    }
  });
  window.addEventListener('hashchange', fromHash);
  document.addEventListener('click', function (e) {
    var t = e.target;
    if (!t || !t.closest) { return; }
    var b = t.closest('button.copy');
    if (b) { copy(b); return; }
    var s = t.closest('button.story');
    if (s && storySel) {
      clearFilters();
      storySel.value = s.getAttribute('data-story');
      apply();
      document.getElementById('findings').scrollIntoView({ block: 'start' });
      return;
    }
    var r = t.closest('a[href^="#rule-"]');
    if (r && openRule(r.getAttribute('href').slice(6))) { e.preventDefault(); }
  });
  window.addEventListener('beforeprint', function () {
    while (rendered < matching.length) { renderMore(); }
    Array.prototype.forEach.call(list.querySelectorAll('button.show-all'), function (b) { b.click(); });
  });

  apply();
  // When the first findings were on the page, for the browser test to report.
  if (window.performance && performance.mark) { performance.mark('crosscheck-first-findings'); }
  // The source texts come after this script in the page: the first source is
  // shown once they are read, and the findings are drawn before.
  var firstSource = function () { if (D.sources.length && !view.firstChild) { showSource(0); } };
  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', firstSource); } else { firstSource(); }
  fromHash();
})();
