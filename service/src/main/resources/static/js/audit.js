// The audit page: filter the ledger, verify it, take away the export and the public key, and fetch
// an inclusion proof of one entry against a signed checkpoint.
(function () {
  'use strict';

  const { el, fmtTime, fmtValue, api, renderSimulation, live } = window.autonoc;
  const form = document.getElementById('filter');
  if (!form) {
    live(async () => renderSimulation(await api('GET', '/api/simulation')));
    return;
  }
  let next = null;
  let query = '';

  function summary(e) {
    const p = e.payload || {};
    const bits = [];
    for (const k of ['tool', 'effect', 'verdict', 'outcome', 'mode', 'reason', 'summary', 'kind']) {
      if (p[k] !== undefined && p[k] !== null && p[k] !== '') bits.push(k + ': ' + fmtValue(p[k]));
    }
    if (p.rule_ids && p.rule_ids.length) bits.push('rules: ' + p.rule_ids.join(', '));
    return bits.join(' · ');
  }

  function row(e) {
    const caseCell = e.caseId && e.caseId !== '-'
      ? el('a', { href: '/cases/' + encodeURIComponent(e.caseId), text: e.caseId }) : el('span', { class: 'muted', text: '–' });
    return el('tr', { 'data-sequence': String(e.sequence) },
      el('td', { class: 'num', text: String(e.sequence) }),
      el('td', { text: fmtTime(e.simTime) }),
      el('td', {}, el('code', { text: e.type })),
      el('td', {}, caseCell),
      el('td', { text: e.element || '–' }),
      el('td', { text: e.actor }),
      el('td', { class: 'muted', text: summary(e) }));
  }

  async function load(append) {
    const error = document.getElementById('entries-error');
    error.hidden = true;
    try {
      const params = new URLSearchParams(query);
      params.set('limit', '100');
      if (append && next) params.set('after', String(next));
      const page = await api('GET', '/api/audit?' + params.toString());
      const body = document.querySelector('#entries tbody');
      const rows = page.entries.map(row);
      if (append) body.append(...rows); else body.replaceChildren(...rows);
      next = page.nextAfter;
      document.getElementById('more').hidden = !next;
    } catch (e) {
      error.textContent = e.message;
      error.hidden = false;
    }
  }

  form.addEventListener('submit', ev => {
    ev.preventDefault();
    const params = new URLSearchParams();
    for (const [k, v] of new FormData(form)) {
      if (String(v).trim()) params.set(k, String(v).trim());
    }
    query = params.toString();
    load(false);
  });
  document.getElementById('more').addEventListener('click', () => load(true));

  document.getElementById('verify').addEventListener('click', async () => {
    const out = document.getElementById('verify-result');
    const button = document.getElementById('verify');
    button.disabled = true;
    try {
      const v = await api('GET', '/api/audit/verify');
      out.className = v.intact ? 'note' : 'error';
      out.textContent = v.intact
        ? 'Intact: ' + v.entriesChecked + ' entries checked, every checkpoint\'s signature holds.'
        : 'NOT intact at entry ' + v.firstBadSequence + ': ' + v.detail;
    } catch (e) {
      out.className = 'error';
      out.textContent = 'Could not verify: ' + e.message;
    } finally {
      out.hidden = false;
      button.disabled = false;
    }
  });

  // the smallest signed checkpoint that covers the entry; one is signed now if none does yet
  async function checkpointCovering(sequence) {
    const covering = (await api('GET', '/api/audit/checkpoints')).filter(c => c.treeSize >= sequence);
    if (covering.length) return covering.reduce((a, b) => (a.treeSize <= b.treeSize ? a : b));
    const made = await api('POST', '/api/audit/checkpoints');
    if (made.treeSize < sequence) throw new Error('entry ' + sequence + ' is not in the ledger yet');
    return made;
  }

  let proofUrl = null;
  document.getElementById('proof-form').addEventListener('submit', async ev => {
    ev.preventDefault();
    const error = document.getElementById('proof-error');
    const result = document.getElementById('proof-result');
    error.hidden = true;
    result.hidden = true;
    const sequence = parseInt(document.getElementById('proof-sequence').value, 10);
    try {
      const checkpoint = await checkpointCovering(sequence);
      const proof = await api('GET', '/api/audit/proofs/inclusion?sequence=' + sequence + '&treeSize=' + checkpoint.treeSize);
      const bundle = { proof, checkpoint };
      document.getElementById('proof-facts').replaceChildren(
        el('dt', { text: 'entry' }), el('dd', { text: String(proof.sequence) }),
        el('dt', { text: 'checkpoint' }), el('dd', { text: 'tree of ' + proof.treeSize + ' entries, signed ' + fmtTime(checkpoint.time) }),
        el('dt', { text: 'root hash' }), el('dd', {}, el('code', { text: proof.rootHash })),
        el('dt', { text: 'leaf hash' }), el('dd', {}, el('code', { text: proof.leafHash })),
        el('dt', { text: 'audit path' }), el('dd', { text: proof.proof.length + ' hashes' }));
      if (proofUrl) URL.revokeObjectURL(proofUrl);
      proofUrl = URL.createObjectURL(new Blob([JSON.stringify(bundle, null, 2)], { type: 'application/json' }));
      const link = document.getElementById('proof-download');
      link.href = proofUrl;
      link.download = 'inclusion-proof-' + proof.sequence + '.json';
      result.hidden = false;
    } catch (e) {
      error.textContent = e.message;
      error.hidden = false;
    }
  });

  load(false);
  live(async () => renderSimulation(await api('GET', '/api/simulation')));
})();
