// What every console page shares: building elements (text only, never innerHTML), formats,
// the JSON API with the CSRF token, the header's clock, and the live updates pushed by the
// service (server-sent events on /console/events) that tell a page to read again.
(function () {
  'use strict';

  const csrfToken = document.querySelector('meta[name="_csrf"]').content;
  const csrfHeader = document.querySelector('meta[name="_csrf_header"]').content;

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'class') node.className = v;
      else if (k.startsWith('data-')) node.setAttribute(k, v);
      else if (k === 'text') node.textContent = v;
      else node.setAttribute(k, v === true ? '' : v);
    }
    for (const c of children.flat(Infinity)) {
      if (c === null || c === undefined) continue;
      node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    }
    return node;
  }

  function fmtTime(iso) {
    if (!iso) return '–';
    const d = new Date(iso);
    return d.toLocaleString('en-GB', {
      weekday: 'short', day: 'numeric', month: 'short', year: 'numeric',
      hour: '2-digit', minute: '2-digit', timeZone: 'UTC'
    }) + ' UTC';
  }

  function fmtDuration(iso) {
    const m = /^PT(?:(-?\d+)H)?(?:(-?\d+)M)?(?:(-?[\d.]+)S)?$/.exec(iso || '');
    if (!m) return iso || '–';
    const hours = parseInt(m[1] || '0', 10);
    const minutes = parseInt(m[2] || '0', 10);
    const days = Math.trunc(hours / 24);
    const parts = [];
    if (days) parts.push(days + ' d');
    if (hours % 24) parts.push((hours % 24) + ' h');
    if (minutes && !days) parts.push(minutes + ' min');
    return parts.length ? parts.join(' ') : 'now';
  }

  function fmtMoney(gbp) {
    return Number(gbp).toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 }) + ' GBP';
  }

  function fmtValue(v) {
    if (v === null || v === undefined) return '–';
    if (typeof v === 'object') return JSON.stringify(v);
    return String(v);
  }

  // simulated seconds per real second, in words: 3600 -> "1 h"
  function fmtPace(pace) {
    const round = n => Number(n.toFixed(1)).toString();
    if (pace >= 3600) return round(pace / 3600) + ' h';
    if (pace >= 60) return round(pace / 60) + ' min';
    return round(pace) + ' s';
  }

  function shortVersion(v) {
    return v && v.length > 20 ? v.slice(0, 19) + '…' : v;
  }

  function pct(p) {
    // below 1 % one decimal, so that a small probability does not read as none
    return (p * 100).toFixed(p > 0 && p < 0.01 ? 1 : 0) + ' %';
  }

  // a horizon in hours, as the predictor states it: "PT48H" -> "48 h"
  function fmtHours(iso) {
    const m = /^PT(\d+)H$/.exec(iso || '');
    return m ? m[1] + ' h' : fmtDuration(iso);
  }

  // The predictor serves two different figures, and the console keeps them apart: its estimate of
  // when the element fails, and the calibrated probability that it fails within the horizon (48 h).
  // Most alarms come days before the failure, so at a new alarm that probability is small (some
  // 7 %): shown bare next to an alarm it would read as "probably fine".
  function probabilityWithin(p) {
    return 'p(fail within ' + fmtHours(p.horizon) + ') = ' + pct(p.probability);
  }

  const PROBABILITY_NOTE = h => 'calibrated: the share of elements scored like this that fail within ' + h +
    '. Most alarms come more than ' + h + ' before the failure, so it starts small and rises as the failure nears.';

  async function api(method, path, body) {
    const headers = { 'Accept': 'application/json' };
    if (method !== 'GET') {
      headers[csrfHeader] = csrfToken;
      headers['Content-Type'] = 'application/json';
    }
    const response = await fetch(path, {
      method, headers, credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body)
    });
    if (response.status === 401) {
      window.location.assign('/login');
      throw new Error('signed out');
    }
    const text = await response.text();
    const data = text ? JSON.parse(text) : null;
    if (!response.ok) {
      const detail = data && (data.detail || data.title) ? (data.detail || data.title) : response.statusText;
      const err = new Error(detail);
      err.problem = data;
      throw err;
    }
    return data;
  }

  function toast(message) {
    const t = document.getElementById('toast');
    t.textContent = message;
    t.hidden = false;
    clearTimeout(toast.timer);
    toast.timer = setTimeout(() => { t.hidden = true; }, 6000);
  }

  // The header: simulated time, and what the clock does now. While a person is needed the demo's
  // clock slows to real time (or stands): the header says so, and why.
  function renderSimulation(s) {
    document.getElementById('sim-time').textContent = fmtTime(s.simTime);
    const state = document.getElementById('sim-state');
    const pacing = s.pacing || { state: 'fast', pace: s.pace };
    let text;
    let cls;
    if (!s.running) {
      text = 'paused';
      cls = 'idle';
    } else if (pacing.state === 'real-time') {
      text = 'real time: a person is needed';
      cls = 'attention';
    } else if (pacing.state === 'held') {
      text = 'held: a person is needed';
      cls = 'attention';
    } else {
      text = 'fast · ' + fmtPace(pacing.pace) + ' a second';
      cls = 'ok';
    }
    state.textContent = text;
    state.className = 'pill ' + cls;
    state.title = pacing.reason || '';
    const reason = document.getElementById('sim-reason');
    if (reason) {
      reason.textContent = s.running && pacing.reason ? pacing.reason : '';
      reason.hidden = !(s.running && pacing.reason);
    }
    const error = document.getElementById('sim-error');
    error.hidden = !s.lastError;
    error.textContent = s.lastError || '';
  }

  // Calls refresh() now and whenever the service says the world changed; never more than one
  // read at a time, and at most one a second. Falls back to a slow poll if the stream breaks and
  // the browser does not reconnect.
  function live(refresh) {
    let running = false;
    let again = false;
    let last = 0;
    async function run() {
      if (running) { again = true; return; }
      const wait = 1000 - (Date.now() - last);
      if (wait > 0) { running = true; setTimeout(() => { running = false; run(); }, wait); return; }
      running = true;
      last = Date.now();
      try { await refresh(); } finally {
        running = false;
        if (again) { again = false; run(); }
      }
    }
    const stream = new EventSource('/console/events');
    stream.addEventListener('changed', run);
    document.body.dataset.live = 'connecting';
    stream.addEventListener('open', () => { document.body.dataset.live = 'open'; });
    stream.addEventListener('error', () => { document.body.dataset.live = 'reconnecting'; });
    // the controls of a supervisor move the world too; read again after them
    for (const button of document.querySelectorAll('button[data-sim]')) {
      button.addEventListener('click', async () => {
        button.disabled = true;
        try {
          renderSimulation(await api('POST', '/api/simulation/' + button.dataset.sim));
        } catch (e) {
          toast('The simulation did not move: ' + e.message);
        } finally {
          button.disabled = false;
        }
      });
    }
    run();
    return run;
  }

  window.autonoc = {
    el, fmtTime, fmtDuration, fmtMoney, fmtValue, fmtPace, shortVersion, pct, fmtHours,
    probabilityWithin, PROBABILITY_NOTE, api, toast, renderSimulation, live
  };
})();
