// A case's page: what it is, the plan in force, and its timeline from the ledger (prediction, plans
// with their rationale, decisions with rule ids, approvals with who and why, tool calls and
// results, replans, what people did); take over, hand back or close with a reason. Where the
// planner asked a language model, what it proposed beside the playbook's reason for asking.
(function () {
  'use strict';

  const { el, fmtTime, fmtDuration, fmtValue, shortVersion, pct, api, toast, renderSimulation, live } = window.autonoc;
  const main = document.getElementById('main');
  const caseId = main.dataset.caseId;
  const handles = main.dataset.handles === 'true';

  const ACTIONS = {
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

  let pending = null; // the action whose form is open
  let shownStatus = null;

  function words(s) {
    return String(s).toLowerCase().replaceAll('_', ' ');
  }

  let shownCase = null;
  let shownTimeline = null;

  // Re-rendered only when it changed: the page is read again as the world moves, and a reader's
  // place (or a test's reference to an element) should not be swept away for nothing.
  // shadow mode (connected mode's observe level): what the pill means
  const SHADOW = {
    observing: 'the agent only observes: it judged its plan and follows the fault until the element fails or recovers; nothing ran',
    observed: 'some acts were only observed: nothing of those ran'
  };

  function renderCase(c) {
    const shape = JSON.stringify(c);
    if (shape === shownCase) return;
    shownCase = shape;
    document.getElementById('case-summary').replaceChildren(
      el('span', { class: 'pill ' + c.status.toLowerCase(), 'data-role': 'case-status', text: words(c.status) }),
      c.shadow ? el('span', { class: 'pill role', 'data-role': 'case-shadow', title: SHADOW[c.shadow], text: ' shadow mode: ' + c.shadow }) : '',
      c.owner ? el('span', { 'data-role': 'case-owner', text: ' with ' + c.owner }) : '',
      ' · ', el('a', { href: '/elements/' + encodeURIComponent(c.element.id), 'data-role': 'element-link' }, el('strong', { text: c.element.id })), ' (' + words(c.element.kind) + ', ' + c.element.region + ')',
      ' · alarm ', el('code', { text: c.trigger.mode }),
      ' · opened ' + fmtTime(c.openedAt),
      c.status === 'CLOSED' && c.endedAt ? ' · closed ' + fmtTime(c.endedAt) : '');
    const reason = document.getElementById('case-reason');
    reason.textContent = c.reason || '';
    reason.className = c.status === 'NEEDS_PERSON' ? 'warn' : 'muted';
    reason.hidden = !c.reason;

    const plan = c.plan;
    document.getElementById('plan-rationale').textContent = plan
      ? 'Revision ' + plan.revision + ' by ' + plan.planner + ': ' + plan.rationale
      : 'No plan yet.';
    document.getElementById('plan-steps').replaceChildren(...c.steps
      .filter(s => s.state !== 'SUPERSEDED')
      .map(s => el('li', { class: 'step ' + s.state.toLowerCase(), value: String(s.index) },
        el('code', { text: s.tool }), ' ', el('span', { class: 'muted', text: words(s.state) }),
        s.purpose ? el('div', { class: 'muted', text: s.purpose }) : null)));

    renderModel(c.modelConsultations || []);

    if (shownStatus !== c.status) {
      shownStatus = c.status;
      closeForm();
      const box = document.getElementById('case-actions');
      const actions = handles ? ACTIONS[c.status] || [] : [];
      box.replaceChildren(...actions.map(action => {
        const b = el('button', { type: 'button', 'data-case-action': action, text: ACTION_TEXT[action][0] });
        b.addEventListener('click', () => openForm(action));
        return b;
      }));
      if (!actions.length) {
        box.appendChild(el('p', { class: 'muted', text: handles ? 'The case is closed.' : 'Your role reads cases; NOC staff work them.' }));
      }
    }
  }

  // The ledger's MODEL_CONSULTED events (docs/llm-planner.md): why the playbook asked, what the model
  // proposed, whether it was taken, and what it cost.
  const USE = {
    ADOPTED: ['ok', 'taken: the model\'s plan is the one that ran'],
    FELL_BACK: ['waiting_approval', 'fell back: the playbook\'s plan was kept'],
    FAILED: ['needs_person', 'failed: no plan, the case went to a person']
  };

  function stepLines(steps) {
    return el('ol', { class: 'steps' }, (steps || []).map(s =>
      el('li', { value: String(s.index), 'data-role': 'model-step' },
        s.undoes !== undefined ? ['undo step ' + s.undoes + ': '] : '',
        el('code', { text: s.tool }), ' ', el('span', { class: 'muted', text: fmtValue(s.arguments) }),
        s.purpose ? el('div', { class: 'muted', text: s.purpose }) : null)));
  }

  function count(n, one, many) {
    return Number(n || 0).toLocaleString('en-GB') + ' ' + (Number(n) === 1 ? one : many);
  }

  function cost(m) {
    if (typeof m.cost !== 'number') return 'not priced';
    return m.cost.toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 4 }) + ' ' + (m.currency || '');
  }

  function consultation(m) {
    const [pill, said] = USE[m.use] || ['', String(m.use).toLowerCase()];
    const steered = m.steered || [];
    return el('article', { class: 'panel consultation', 'data-role': 'consultation', 'data-use': m.use },
      el('div', { class: 'event-head' },
        el('strong', { text: 'Revision ' + m.revision }), ' · ', el('code', { text: m.model }), ' asked by the ',
        m.planner, ' planner ', el('span', { class: 'pill ' + pill, 'data-role': 'model-use', text: said })),
      el('dl', {},
        el('dt', { text: 'Why the model was asked' }), el('dd', { 'data-role': 'asked-because', text: m.asked_because }),
        m.why_not_taken ? [el('dt', { text: 'Why not taken' }), el('dd', { 'data-role': 'why-not-taken', text: m.why_not_taken })] : null,
        el('dt', { text: 'What it cost' }),
        el('dd', { 'data-role': 'model-cost', text: count(m.input_tokens, 'token', 'tokens') + ' in, ' + count(m.output_tokens, 'token', 'tokens') +
          ' out · ' + (Number(m.latency_ms || 0) / 1000).toFixed(2) + ' s over ' + count(m.turns, 'answer', 'answers') +
          ' · ' + cost(m) + ' · ' + count(m.invalid_tool_calls, 'invalid tool call', 'invalid tool calls') }),
        steered.length ? [el('dt', { text: 'Steered' }), el('dd', { class: 'warn', 'data-role': 'steered',
          text: 'the plan does what outside text asked for and the playbook\'s does not: ' + steered.join(', ') })] : null),
      el('div', { class: 'columns' },
        el('div', {},
          el('h4', { text: m.use === 'ADOPTED' ? 'The model\'s plan' : 'The model proposed' }),
          (m.model_plan || []).length ? stepLines(m.model_plan) : el('p', { class: 'muted', text: 'No plan.' })),
        m.playbook_plan ? el('div', { 'data-role': 'playbook-plan' },
          el('h4', { text: 'The playbook\'s plan' }),
          el('p', { class: 'muted', text: m.playbook_rationale || '' }),
          stepLines(m.playbook_plan)) : null),
      (m.problems || []).length ? el('details', { class: 'facts' },
        el('summary', { text: 'What was refused (' + m.problems.length + '), in the words the model was told' }),
        el('ul', { class: 'details' }, m.problems.map(p => el('li', { text: p })))) : null);
  }

  // The latest consultation open; earlier ones folded, so that a case asked about many times does
  // not push the plan in force out of sight.
  function renderModel(consultations) {
    document.getElementById('model-section').hidden = !consultations.length;
    const newestFirst = consultations.slice().reverse();
    const earlier = newestFirst.slice(1);
    document.getElementById('model-consultations').replaceChildren(
      ...newestFirst.slice(0, 1).map(consultation),
      earlier.length ? el('details', { class: 'facts', 'data-role': 'earlier-consultations' },
        el('summary', { text: 'Earlier consultations (' + earlier.length + ')' }),
        earlier.map(consultation)) : '');
  }

  function openForm(action) {
    pending = action;
    document.getElementById('case-form').hidden = false;
    document.getElementById('case-form-help').textContent = ACTION_TEXT[action][1];
    document.getElementById('case-confirm').textContent = ACTION_TEXT[action][0];
    document.getElementById('case-error').hidden = true;
    document.getElementById('case-reason-input').focus();
  }

  function closeForm() {
    pending = null;
    document.getElementById('case-form').hidden = true;
    document.getElementById('case-reason-input').value = '';
  }

  document.getElementById('case-cancel').addEventListener('click', closeForm);
  document.getElementById('case-confirm').addEventListener('click', async () => {
    const input = document.getElementById('case-reason-input');
    const error = document.getElementById('case-error');
    if (!input.value.trim()) {
      error.textContent = 'Say why, in words: the reason is required.';
      error.hidden = false;
      return;
    }
    const button = document.getElementById('case-confirm');
    button.disabled = true;
    try {
      const action = pending;
      const after = await api('POST', '/api/cases/' + encodeURIComponent(caseId) + '/' + action, { reason: input.value });
      closeForm();
      toast(caseId + ': ' + ACTION_TEXT[action][0].toLowerCase() + ' done, now ' + words(after.status));
      await refresh();
    } catch (e) {
      error.textContent = e.message;
      error.hidden = false;
    } finally {
      button.disabled = false;
    }
  });

  // One line of the timeline per ledger event, in words, with the details that matter to a person.
  function describe(e) {
    const p = e.payload || {};
    switch (e.type) {
      case 'PREDICTION':
        return ['Prediction', [el('code', { text: p.mode }), ' expected in ~' + fmtDuration('PT' + Math.round((p.time_to_failure_minutes || 0) / 60) + 'H') +
          ' · p = ' + pct(p.probability || 0) + ' · model ' + shortVersion(p.model_version || '')],
          (p.evidence || []).map(x => x.explanation || x.feature)];
      case 'CASE_OPENED':
        return ['Case opened', [el('code', { text: p.mode }), ' on ' + e.element], []];
      case 'PLAN':
        return [p.revision > 0 ? 'Replanned (revision ' + p.revision + ')' : 'Plan',
          [p.revision > 0 && p.replan_reason ? 'why: ' + p.replan_reason + ' · ' : '', p.rationale || ''],
          (p.steps || []).map(s => s.index + '. ' + s.tool + (s.purpose ? ': ' + s.purpose : ''))];
      case 'POLICY_DECISION':
        return ['Policy: ' + p.effect, [el('code', { text: p.tool }), ' step ' + p.step + (p.required_role ? ' · needs ' + p.required_role : '') + ' · rules ',
          ...(p.rule_ids || []).map(r => el('code', { class: 'rule', text: r + ' ' }))], p.reasons || []];
      case 'APPROVAL_REQUESTED':
        return ['Approval requested', [el('code', { text: p.tool }), ' from ' + p.required_role + ' · ' + p.approval_id], []];
      case 'APPROVAL_ANSWERED':
        return ['Approval ' + words(p.verdict), [el('code', { text: p.tool }), ' by ' + p.by + ' (' + p.role + ')' + (p.comment ? ': “' + p.comment + '”' : '')], []];
      case 'TOOL_CALL':
        return ['Tool call', [el('code', { text: p.tool }), ' ' + fmtValue(p.arguments)], []];
      case 'TOOL_RESULT':
        return ['Result: ' + words(p.outcome), [el('code', { text: p.tool }), ' ' + (p.summary || '') + (p.cost_gbp ? ' · ' + p.cost_gbp + ' GBP' : '')], []];
      case 'CASE_HANDED_OVER':
        return ['Needs a person', [p.reason || ''], []];
      case 'CASE_TAKEN_OVER':
        return ['Taken over by ' + e.actor, [p.reason || p.why || ''], []];
      case 'CASE_HANDED_BACK':
        return ['Handed back by ' + e.actor, [p.reason || p.why || ''], []];
      case 'CASE_CLOSED':
        return ['Closed', [p.reason || ''], []];
      default:
        return [words(e.type), [fmtValue(p)], []];
    }
  }

  function renderTimeline(entries) {
    const shape = entries.length + '/' + (entries.length ? entries[entries.length - 1].sequence : 0);
    if (shape === shownTimeline) return;
    shownTimeline = shape;
    document.getElementById('timeline').replaceChildren(...entries.map(e => {
      const [title, line, details] = describe(e);
      return el('li', { class: 'event ' + e.type.toLowerCase(), 'data-type': e.type, 'data-sequence': String(e.sequence) },
        el('div', { class: 'event-head' }, el('strong', { text: title }),
          el('span', { class: 'muted', text: ' · ' + fmtTime(e.simTime) + ' · ' + e.actor + ' · #' + e.sequence })),
        el('div', {}, line),
        details.length ? el('ul', { class: 'details' }, details.map(d => el('li', { text: d }))) : null);
    }));
  }

  async function refresh() {
    try {
      const [sim, c, timeline] = await Promise.all([
        api('GET', '/api/simulation'),
        api('GET', '/api/cases/' + encodeURIComponent(caseId)),
        api('GET', '/api/cases/' + encodeURIComponent(caseId) + '/timeline')
      ]);
      renderSimulation(sim);
      renderCase(c);
      renderTimeline(timeline);
    } catch (e) {
      const error = document.getElementById('sim-error');
      error.textContent = 'Could not read the case: ' + e.message;
      error.hidden = false;
    }
  }

  live(refresh);
})();
