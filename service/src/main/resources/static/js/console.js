// The NOC console's overview: reads the JSON API whenever the service says the world changed
// (common.js, live) and renders it. Everything shown goes through textContent,
// never innerHTML: arguments, facts and notes may carry text from outside, and text is data.
(function () {
  'use strict';

  const { el, fmtTime, fmtDuration, fmtMoney, fmtValue, shortVersion, pct, fmtHours,
    probabilityWithin, PROBABILITY_NOTE, api, toast, renderSimulation, live } = window.autonoc;
  const cards = new Map(); // approval id -> card element, kept across polls so typing survives

  // --- approvals ---

  function definition(term, value) {
    return [el('dt', { text: term }), el('dd', { text: value })];
  }

  function approvalCard(a) {
    const card = el('article', { class: 'approval', 'data-approval-id': a.id, id: 'approval-' + a.id });
    const args = el('dl', { class: 'args' },
      Object.entries(a.arguments || {}).map(([k, v]) => definition(k, fmtValue(v))));
    const rules = el('ul', { class: 'rules' },
      (a.decision.reasons || []).map((reason, i) =>
        el('li', {}, el('code', { text: (a.decision.ruleIds || [])[i] || 'rule' }), ' ', reason)));
    let prediction = null;
    if (a.prediction) {
      const p = a.prediction;
      prediction = el('div', { class: 'prediction' },
        el('h4', { text: 'Why: the failure predictor alarmed' }),
        el('p', { 'data-role': 'prediction-alarm' }, 'Alarm: ', el('code', { text: p.mode }), ' failure expected in ',
          el('strong', { text: '~' + fmtDuration(p.timeToFailure) }),
          ' (the model\'s estimate: around ' + fmtTime(p.expectedFailureAt) + '; model ' + p.modelVersion + ')'),
        el('p', { 'data-role': 'prediction-probability' }, el('strong', { text: probabilityWithin(p) }),
          el('span', { class: 'muted', text: ' · ' + PROBABILITY_NOTE(fmtHours(p.horizon)) })),
        el('ul', { class: 'evidence' }, (p.evidence || []).map(e => el('li', { text: e.explanation || e.feature }))));
    }
    const facts = el('details', { class: 'facts' }, el('summary', { text: 'facts the policy decided on' }),
      el('dl', {}, Object.entries(a.facts || {}).map(([k, v]) => definition(k, fmtValue(v)))));
    const you = a.you && !a.you.allowed
      ? el('p', { class: 'warn', 'data-role': 'may-not-answer' }, 'You may not answer this: ' + a.you.detail)
      : null;
    const text = el('textarea', { id: 'text-' + a.id, rows: '2', placeholder: 'comment when approving, reason when rejecting', 'aria-label': 'comment when approving, reason when rejecting' });
    // the approver may change the arguments; the amended call passes the policy again before it runs
    const planned = JSON.stringify(a.arguments || {}, null, 2);
    const argsEditor = el('textarea', { rows: '6', 'data-role': 'arguments', spellcheck: 'false', 'aria-label': 'the call\'s arguments, as JSON' });
    argsEditor.value = planned;
    const amend = el('details', { class: 'amend' },
      el('summary', { text: 'change the arguments before approving' }),
      el('p', { class: 'muted', text: 'The changed call is put before the policy again; if it then needs a higher role, it waits again.' }),
      argsEditor);
    const customers = a.customers
      ? el('p', { 'data-role': 'customers' }, 'serves ', el('strong', { text: String(a.customers.consumers) }), ' consumers and ',
          el('strong', { text: String((a.customers.enterpriseSlices || []).length) }), ' enterprise slices',
          (a.customers.enterpriseSlices || []).length
            ? ' (' + a.customers.enterpriseSlices.map(s => s.customer_id).join(', ') + ')' : '',
          a.customers.hasAlternatePath === true ? ' · traffic has another path'
            : a.customers.hasAlternatePath === false ? ' · no other path' : '')
      : null;
    const explainBox = el('div', { class: 'explain', 'data-role': 'explain', hidden: true });
    const explainButton = el('button', { type: 'button', class: 'link', 'data-action': 'explain', text: 'explain rule by rule' });
    explainButton.addEventListener('click', async () => {
      explainButton.disabled = true;
      try {
        const e = await api('POST', '/api/policy/explain', {
          tool: a.tool, element: a.element.id, cost: a.costGbp, risk: a.risk, facts: a.facts,
          arguments: a.arguments, at: a.requestedAt, proposer: a.proposer
        });
        const fired = e.rules.filter(r => r.verdict === 'FIRED' || r.verdict === 'ERROR');
        explainBox.replaceChildren(
          el('p', {}, 'policy ', el('code', { text: shortVersion(e.policyVersion) }), ' decides ',
            el('strong', { text: e.decision.effect }), e.decision.requiredRole ? ' (' + e.decision.requiredRole + ')' : ''),
          el('ul', {}, fired.map(r => el('li', { class: r.decided ? 'decided' : '' },
            el('code', { text: r.id }), ' ' + r.contributed + ': ' + r.message))),
          el('p', { class: 'muted', text: (e.rules.length - fired.length) + ' other rules did not apply · ' +
            'guards read as a fresh day' }));
        explainBox.hidden = false;
      } catch (err) {
        explainBox.replaceChildren(el('p', { class: 'error', text: 'no explanation: ' + err.message }));
        explainBox.hidden = false;
      } finally {
        explainButton.disabled = false;
      }
    });
    const error = el('p', { class: 'error', role: 'alert', hidden: true, 'data-role': 'error' });
    const approve = el('button', { type: 'button', class: 'approve', 'data-action': 'approve', text: 'Approve' });
    const reject = el('button', { type: 'button', class: 'reject', 'data-action': 'reject', text: 'Reject' });

    async function answer(verdict) {
      error.hidden = true;
      approve.disabled = reject.disabled = true;
      try {
        const body = verdict === 'approve' ? { comment: text.value } : { reason: text.value };
        if (verdict === 'approve' && argsEditor.value.trim() !== planned.trim()) {
          try {
            body.arguments = JSON.parse(argsEditor.value);
          } catch (parseError) {
            throw new Error('the changed arguments are not JSON: ' + parseError.message);
          }
          if (body.arguments === null || typeof body.arguments !== 'object' || Array.isArray(body.arguments)) {
            throw new Error('the changed arguments must be a JSON object, like {"expedite": false}');
          }
        }
        await api('POST', '/api/approvals/' + encodeURIComponent(a.id) + '/' + verdict, body);
        card.remove();
        cards.delete(a.id);
        updateApprovalCount();
        toast(a.id + ' ' + (verdict === 'approve' ? 'approved' : 'rejected') + ': ' + a.tool + ' on ' + a.element.id);
      } catch (e) {
        error.textContent = e.message;
        error.hidden = false;
        approve.disabled = reject.disabled = false;
      }
    }
    approve.addEventListener('click', () => answer('approve'));
    reject.addEventListener('click', () => answer('reject'));

    card.append(...[
      el('header', {},
        el('h3', {}, el('code', { text: a.tool }), ' on ', el('strong', { text: a.element.id })),
        el('span', { class: 'pill role', text: 'needs ' + a.requiredRole })),
      el('p', { class: 'muted' },
        a.id + ' · ' + a.caseId + ' step ' + a.step + ' · proposed by ' + a.proposer + ' · ' + fmtTime(a.requestedAt)),
      a.purpose ? el('p', { text: a.purpose }) : null,
      el('div', { class: 'grid' },
        el('div', {}, el('h4', { text: 'The action' }), args,
          el('p', {}, 'cost ', el('strong', { text: fmtMoney(a.costGbp) }), ' · risk ' + a.risk),
          customers),
        el('div', {}, el('h4', { text: 'Why it waits: the policy' }), rules,
          el('p', { class: 'muted', title: a.decision.policyVersion }, 'policy ' + shortVersion(a.decision.policyVersion) + ' · ', explainButton),
          explainBox),
        prediction),
      facts,
      amend,
      you,
      el('div', { class: 'answer' }, text, el('div', { class: 'buttons' }, approve, reject)),
      error].filter(Boolean));
    return card;
  }

  function updateApprovalCount() {
    document.getElementById('approvals-count').textContent = String(cards.size);
    document.getElementById('approvals-empty').hidden = cards.size > 0;
  }

  function renderApprovals(list) {
    const box = document.getElementById('approvals');
    const ids = new Set(list.map(a => a.id));
    for (const [id, card] of cards) {
      if (!ids.has(id)) {
        card.remove();
        cards.delete(id);
      }
    }
    for (const a of list) {
      if (!cards.has(a.id)) {
        const card = approvalCard(a);
        cards.set(a.id, card);
        box.appendChild(card);
      }
    }
    updateApprovalCount();
  }

  // --- elements at risk ---

  function renderRisk(list) {
    const table = document.getElementById('risk');
    const body = table.querySelector('tbody');
    body.replaceChildren(...list.map(p => el('tr', { 'data-element': p.element, 'data-source': p.fromCase ? 'case' : 'predictor' },
      el('td', {}, el('a', { href: '/elements/' + encodeURIComponent(p.element), 'data-role': 'element-link' }, el('strong', { text: p.element })),
        p.elementDetail ? el('span', { class: 'muted', text: ' ' + p.elementDetail.kind.toLowerCase() + ', ' + p.elementDetail.region }) : null),
      el('td', {}, el('code', { text: p.mode })),
      el('td', { 'data-role': 'expected', text: p.fromCase ? 'alarm open' : '~' + fmtDuration(p.timeToFailure) }),
      el('td', { class: 'num', 'data-role': 'probability', text: p.fromCase ? '–' : pct(p.probability) }),
      el('td', { class: 'muted' },
        p.cases.length ? el('span', {}, 'case ', ...p.cases.map(id => el('a', { href: '/cases/' + encodeURIComponent(id), text: id + ' ' }))) : null,
        p.fromCase ? 'the score fell back since the alarm; the case is still open'
          : (p.evidence || []).slice(0, 2).map(e => e.explanation || e.feature).join('; ')))));
    const scored = list.find(p => p.horizon);
    if (scored) {
      const horizon = fmtHours(scored.horizon);
      document.getElementById('risk-probability').textContent = 'p(fail within ' + horizon + ')';
      document.getElementById('risk-note').textContent =
        'Every element listed has alarmed. "Failure expected in" is the model\'s estimate; p is ' + PROBABILITY_NOTE(horizon);
    }
    document.getElementById('risk-note').hidden = list.length === 0;
    table.hidden = list.length === 0;
    document.getElementById('risk-empty').hidden = list.length > 0;
  }

  // --- cases ---
  // Kept across polls by id, like the approval cards: a reason being typed survives a refresh.

  const caseItems = new Map(); // case id -> { li, status, form }
  const CLOSED_SHOWN = 5;
  const handles = document.getElementById('cases').dataset.handles === 'true';

  // what a person may do with a case in each status (the API refuses the rest with a 409)
  const CASE_ACTIONS = {
    NEEDS_PERSON: ['take-over', 'hand-back', 'close'],
    TAKEN_OVER: ['hand-back', 'close'],
    ACTIVE: ['take-over', 'close'],
    WAITING_APPROVAL: ['take-over', 'close'],
    CLOSED: []
  };
  const ACTION_TEXT = {
    'take-over': ['Take over', 'The agent stops acting on this case (its waiting requests are withdrawn) until you hand it back or close it.'],
    'hand-back': ['Hand back', 'The agent plans the case again from where it is: what is done stays, what is no longer wanted is undone.'],
    'close': ['Close', 'The case is over, whatever stands: nothing is undone.']
  };

  // what a case's reason is, by status: the agent's, the person's, or how it ended
  const REASON_LABEL = {
    NEEDS_PERSON: 'Why the agent stopped: ',
    TAKEN_OVER: 'Why: ',
    CLOSED: 'Closed: '
  };

  function statusWords(status) {
    return status.toLowerCase().replace('_', ' ');
  }

  function stepItem(s) {
    return el('li', { class: 'step ' + s.state.toLowerCase(), value: String(s.index) }, el('code', { text: s.tool }), ' ',
      el('span', { class: 'muted', text: statusWords(s.state) }));
  }

  function caseHead(c) {
    return el('div', { class: 'case-head' },
      el('a', { href: '/cases/' + encodeURIComponent(c.id), 'data-role': 'case-link' }, el('strong', { text: c.id })), ' ',
      el('span', { text: c.element.id }), ' ',
      el('code', { text: c.mode }), ' ',
      el('span', { class: 'pill ' + c.status.toLowerCase(), 'data-role': 'case-status', text: statusWords(c.status) }),
      c.owner ? el('span', { class: 'muted', 'data-role': 'case-owner', text: ' with ' + c.owner }) : null,
      el('span', { class: 'muted', text: ' · ' + c.stepsDone + '/' + c.stepsTotal + ' steps done' +
        (c.revision ? ' · plan revision ' + c.revision : '') }));
  }

  function caseBody(c) {
    const parts = [];
    if (c.reason) {
      parts.push(el('p', { class: c.status === 'NEEDS_PERSON' ? 'warn' : 'muted', 'data-role': 'case-reason' },
        REASON_LABEL[c.status] || '', c.reason));
    }
    if (c.replanDue && c.status !== 'CLOSED') {
      parts.push(el('p', { class: 'muted', 'data-role': 'case-replan' }, 'Planned again at the next tick: ', c.replanDue));
    }
    if (c.status === 'NEEDS_PERSON' || c.status === 'TAKEN_OVER') {
      parts.push(el('div', { class: 'mitigation', 'data-role': 'mitigation' },
        el('h4', { text: 'What is done' }),
        c.mitigation.length
          ? el('ul', {}, c.mitigation.map(s => el('li', {}, el('code', { text: s.tool }),
              s.note ? el('span', { class: 'muted', text: ' ' + s.note }) : null)))
          : el('p', { class: 'muted', text: 'nothing yet' })));
    }
    if (c.status === 'NEEDS_PERSON' || c.status === 'TAKEN_OVER') {
      // what stands is above; the whole plan, pending steps included, on demand
      parts.push(el('details', { class: 'plan-steps' },
        el('summary', { text: 'the plan\'s steps (' + c.stepsDone + ' of ' + c.stepsTotal + ' done)' }),
        el('ol', { class: 'steps' }, c.steps.map(stepItem))));
    } else if (c.status !== 'CLOSED') {
      // the plan in force; the steps an earlier plan had and a replan replaced, only counted
      const current = c.steps.filter(s => s.state !== 'SUPERSEDED');
      const replaced = c.steps.length - current.length;
      parts.push(el('ol', { class: 'steps', 'data-role': 'case-steps' }, current.map(stepItem)));
      if (replaced) {
        parts.push(el('p', { class: 'muted replaced', text: replaced + ' step' + (replaced === 1 ? '' : 's') +
          ' of earlier plans replaced by a replan' }));
      }
    }
    return el('div', { class: 'case-body' }, parts);
  }

  function caseActions(item, c) {
    const box = el('div', { class: 'case-actions' });
    if (!handles) return box;
    for (const action of CASE_ACTIONS[c.status] || []) {
      const button = el('button', { type: 'button', class: 'small', 'data-case-action': action, text: ACTION_TEXT[action][0] });
      button.addEventListener('click', () => openCaseForm(item, c, action));
      box.appendChild(button);
    }
    return box;
  }

  function openCaseForm(item, c, action) {
    closeCaseForm(item);
    const reason = el('textarea', { rows: '2', 'data-role': 'case-reason-input', placeholder: 'why (required): it goes to the audit trail with your name' });
    const error = el('p', { class: 'error', role: 'alert', hidden: true, 'data-role': 'case-error' });
    const confirm = el('button', { type: 'button', class: 'approve', 'data-role': 'case-confirm', text: ACTION_TEXT[action][0] });
    const cancel = el('button', { type: 'button', 'data-role': 'case-cancel', text: 'Cancel' });
    const form = el('div', { class: 'case-form', 'data-case-form': action },
      el('p', { class: 'muted', text: ACTION_TEXT[action][1] }),
      el('div', { class: 'answer' }, reason, el('div', { class: 'buttons' }, confirm, cancel)),
      error);
    cancel.addEventListener('click', () => closeCaseForm(item));
    confirm.addEventListener('click', async () => {
      error.hidden = true;
      if (!reason.value.trim()) {
        error.textContent = 'Say why, in words: the reason is required.';
        error.hidden = false;
        return;
      }
      confirm.disabled = cancel.disabled = true;
      try {
        const after = await api('POST', '/api/cases/' + encodeURIComponent(c.id) + '/' + action, { reason: reason.value });
        closeCaseForm(item);
        toast(c.id + ': ' + ACTION_TEXT[action][0].toLowerCase() + ' done, now ' + statusWords(after.status));
        renderCases(await api('GET', '/api/cases?status=all'));
      } catch (e) {
        error.textContent = e.message;
        error.hidden = false;
        confirm.disabled = cancel.disabled = false;
      }
    });
    item.form = form;
    item.li.appendChild(form);
    reason.focus();
  }

  function closeCaseForm(item) {
    if (item.form) {
      item.form.remove();
      item.form = null;
    }
  }

  function caseGroup(c) {
    switch (c.status) {
      case 'NEEDS_PERSON': return 'cases-needs-person';
      case 'TAKEN_OVER': return 'cases-taken-over';
      case 'CLOSED': return 'cases-closed';
      default: return 'cases-agent';
    }
  }

  // Cases that need a person first (with why and what is done), then taken over, then the
  // agent's; the few most recently closed below.
  function renderCases(list) {
    const closed = list.filter(c => c.status === 'CLOSED')
      .sort((a, b) => String(b.endedAt).localeCompare(String(a.endedAt)))
      .slice(0, CLOSED_SHOWN);
    const shown = list.filter(c => c.status !== 'CLOSED').concat(closed);
    const ids = new Set(shown.map(c => c.id));
    for (const [id, item] of caseItems) {
      if (!ids.has(id)) {
        item.li.remove();
        caseItems.delete(id);
      }
    }
    const counts = {};
    for (const c of shown) {
      let item = caseItems.get(c.id);
      if (!item) {
        const view = el('div', { class: 'case-view' });
        item = { li: el('li', { 'data-case-id': c.id }, view), view, status: null, form: null, shape: null };
        caseItems.set(c.id, item);
      }
      if (item.status !== c.status) {
        closeCaseForm(item); // what one could do before may not be possible now
      }
      item.status = c.status;
      item.li.className = 'case ' + c.status.toLowerCase();
      // the view only, and only when the case changed: an open form (and the focus in it) stays
      // where it is, and a button is not swapped for its twin under the pointer
      const shape = JSON.stringify(c);
      if (item.shape !== shape) {
        item.shape = shape;
        item.view.replaceChildren(caseHead(c), caseBody(c), caseActions(item, c));
      }
      const group = caseGroup(c);
      const ul = document.getElementById(group).querySelector('ul');
      if (item.li.parentElement !== ul) {
        ul.appendChild(item.li);
      }
      counts[group] = (counts[group] || 0) + 1;
    }
    for (const group of ['cases-needs-person', 'cases-taken-over', 'cases-agent', 'cases-closed']) {
      document.getElementById(group).hidden = !counts[group];
    }
    for (const group of ['cases-taken-over', 'cases-agent', 'cases-closed']) {
      document.getElementById(group + '-count').textContent = String(counts[group] || 0);
    }
    const needing = counts['cases-needs-person'] || 0;
    document.getElementById('cases-needs-person-count').textContent = String(needing);
    // the cases panel is below the approvals: say at the top that someone is needed
    document.getElementById('needs-person-banner-text').textContent = needing === 1
      ? '1 case needs a person: the agent stopped on it.'
      : needing + ' cases need a person: the agent stopped on them.';
    document.getElementById('needs-person-banner').hidden = needing === 0;
    document.getElementById('cases-empty').hidden = shown.length > 0;
  }

  // Elements at risk: what the predictor scores now, and every element whose alarm is still open
  // in a case (its score may have fallen back while the case is worked): a person looking at a
  // request must not read "no element is at risk" beside it.
  function atRisk(predictions, cases) {
    const rows = predictions.map(p => ({ ...p, cases: [] }));
    const byElement = new Map(rows.map(r => [r.element, r]));
    for (const c of cases) {
      if (c.status === 'CLOSED') continue;
      let row = byElement.get(c.element.id);
      if (!row) {
        row = { element: c.element.id, mode: c.mode, elementDetail: c.element, cases: [], fromCase: true };
        byElement.set(c.element.id, row);
        rows.push(row);
      }
      row.cases.push(c.id);
    }
    return rows;
  }

  async function refresh() {
    try {
      const [sim, approvals, risk, cases] = await Promise.all([
        api('GET', '/api/simulation'),
        api('GET', '/api/approvals'),
        api('GET', '/api/elements/at-risk'),
        api('GET', '/api/cases?status=all')
      ]);
      const drawing = performance.now();
      renderSimulation(sim);
      renderApprovals(approvals);
      renderRisk(atRisk(risk, cases));
      renderCases(cases);
      document.getElementById('sim-error').hidden = !sim.lastError;
      // how long the page took, for docs/benchmarks.md (OverviewAtScaleBrowserTest reads these):
      // from navigation to the first full render, and the last render's own time
      const body = document.body.dataset;
      body.renderMs = String(Math.round(performance.now() - drawing));
      if (!body.firstRenderMs) body.firstRenderMs = String(Math.round(performance.now()));
      body.casesShown = String(cases.length);
    } catch (e) {
      const error = document.getElementById('sim-error');
      error.textContent = 'Could not refresh the console: ' + e.message;
      error.hidden = false;
    }
  }

  live(refresh);
})();
