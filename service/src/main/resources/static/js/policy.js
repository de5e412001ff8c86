// The policy page: the version in force with its rules, the kept versions with a line diff between
// any two, and the explanation of an action, rule by rule.
(function () {
  'use strict';

  const { el, fmtTime, shortVersion, api, renderSimulation, live } = window.autonoc;

  // A line diff by longest common subsequence: policies are a few hundred lines, so the
  // quadratic table is small. Each line comes back as [' ' | '-' | '+', text].
  function diffLines(a, b) {
    const n = a.length;
    const m = b.length;
    const lcs = Array.from({ length: n + 1 }, () => new Uint16Array(m + 1));
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    const out = [];
    let i = 0;
    let j = 0;
    while (i < n && j < m) {
      if (a[i] === b[j]) { out.push([' ', a[i]]); i++; j++; }
      else if (lcs[i + 1][j] >= lcs[i][j + 1]) out.push(['-', a[i++]]);
      else out.push(['+', b[j++]]);
    }
    while (i < n) out.push(['-', a[i++]]);
    while (j < m) out.push(['+', b[j++]]);
    return out;
  }

  // A rule's retry: for a DENY, whether the agent may ask for the same call again after a pause;
  // for an approval, whether a person's refusal answers only the moment (untrusted data, the
  // day's spend). An approval's refusal is for good unless the rule says so, and that goes unsaid.
  const RETRY_WORDS = {
    DENY: { later: ', for the moment', never: ', for good' },
    REQUIRE_APPROVAL: { later: ', a refusal for the moment' },
  };
  const retryWords = r => (RETRY_WORDS[r.effect] || {})[r.retry || ''] || '';

  async function loadCurrent() {
    const p = await api('GET', '/api/policy');
    document.getElementById('current-summary').replaceChildren(
      el('strong', { text: p.name }), ' · version ', el('code', { title: p.version, text: shortVersion(p.version) }),
      ' · ' + p.ruleCount + ' rules');
    document.querySelector('#rules tbody').replaceChildren(...p.rules.map(r => el('tr', { 'data-rule': r.id },
      el('td', {}, el('code', { text: r.id })),
      el('td', { text: (r.tools || []).join(', ') || 'any' }),
      el('td', {}, r.condition ? el('code', { text: r.condition }) : 'always'),
      el('td', { text: r.effect + (r.role ? ' (' + r.role + ')' : '') + retryWords(r) }),
      el('td', { class: 'muted', text: r.message }))));
  }

  async function loadVersions() {
    const versions = await api('GET', '/api/policy/versions');
    document.querySelector('#versions tbody').replaceChildren(...versions.map(v => el('tr', { 'data-version': v.version },
      el('td', {}, el('code', { title: v.version, text: shortVersion(v.version) }), v.current ? el('span', { class: 'pill ok', text: ' in force' }) : null),
      el('td', { text: v.name }),
      el('td', { class: 'num', text: String(v.ruleCount) }),
      el('td', { text: v.keptBy || '–' }),
      el('td', { text: v.keptAt ? fmtTime(v.keptAt) : '–' }))));
    for (const [id, pick] of [['diff-from', versions.length > 1 ? versions.length - 2 : 0], ['diff-to', versions.length - 1]]) {
      const select = document.getElementById(id);
      select.replaceChildren(...versions.map((v, i) => el('option', { value: v.version, selected: i === pick,
        text: shortVersion(v.version) + ' · ' + v.name + (v.current ? ' (in force)' : '') })));
    }
  }

  document.getElementById('diff-form').addEventListener('submit', async ev => {
    ev.preventDefault();
    const from = document.getElementById('diff-from').value;
    const to = document.getElementById('diff-to').value;
    const [a, b] = await Promise.all([
      api('GET', '/api/policy/versions/' + encodeURIComponent(from)),
      api('GET', '/api/policy/versions/' + encodeURIComponent(to))
    ]);
    const lines = diffLines(a.text.split('\n'), b.text.split('\n'));
    const changed = lines.filter(l => l[0] !== ' ').length;
    const summary = document.getElementById('diff-summary');
    summary.textContent = changed ? changed + ' lines differ' : 'the two versions are the same';
    summary.hidden = false;
    // the changed lines with three lines of context each side; long unchanged runs folded
    const near = lines.map((l, i) => lines.slice(Math.max(0, i - 3), i + 4).some(x => x[0] !== ' '));
    const shown = [];
    let folded = 0;
    lines.forEach(([k, text], i) => {
      if (!near[i]) { folded++; return; }
      if (folded) { shown.push(el('span', { class: 'folded', text: '  … ' + folded + ' unchanged lines\n' })); folded = 0; }
      shown.push(el('span', { class: k === '+' ? 'added' : k === '-' ? 'removed' : 'same', text: k + ' ' + text + '\n' }));
    });
    const pre = document.getElementById('diff');
    pre.replaceChildren(...shown);
    pre.hidden = changed === 0;
  });

  document.getElementById('explain-form').addEventListener('submit', async ev => {
    ev.preventDefault();
    const error = document.getElementById('explain-error');
    const result = document.getElementById('explain-result');
    error.hidden = true;
    let action;
    try {
      action = JSON.parse(document.getElementById('explain-action').value);
    } catch (e) {
      error.textContent = 'The action is not JSON: ' + e.message;
      error.hidden = false;
      return;
    }
    try {
      const e = await api('POST', '/api/policy/explain', action);
      document.getElementById('explain-decision').replaceChildren(
        'Decision: ', el('strong', { 'data-role': 'effect', text: e.decision.effect }),
        e.decision.requiredRole ? ' (' + e.decision.requiredRole + ')' : '');
      const fired = e.rules.filter(r => r.verdict === 'FIRED' || r.verdict === 'ERROR');
      document.getElementById('explain-rules').replaceChildren(
        ...fired.map(r => el('li', { class: r.decided ? 'decided' : '' }, el('code', { text: r.id }), ' ' + r.contributed + ': ' + r.message)),
        el('li', { class: 'muted', text: (e.rules.length - fired.length) + ' other rules did not apply' }));
      result.hidden = false;
    } catch (e) {
      error.textContent = e.message;
      error.hidden = false;
    }
  });

  loadCurrent();
  loadVersions();
  live(async () => renderSimulation(await api('GET', '/api/simulation')));
})();
