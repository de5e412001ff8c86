// One element's page: what it is, the predictor's alarm and its evidence, its cases, and charts of
// its telemetry with the predictor's probability and time to failure on the same time axis.
(function () {
  'use strict';
  const { el, api, fmtTime, fmtDuration, fmtHours, pct, probabilityWithin, PROBABILITY_NOTE, renderSimulation, live } = window.autonoc;
  const { chart, fmtNumber, HOUR } = window.autonocCharts;

  const elementId = document.getElementById('main').dataset.elementId;
  const base = '/api/elements/' + encodeURIComponent(elementId);

  // what each metric is, in words, with its unit
  const METRICS = {
    temperature_c: ['Temperature', '°C'],
    fan_rpm: ['Fan speed', 'rpm'],
    psu_voltage_ripple_mv: ['Power supply voltage ripple', 'mV'],
    memory_util_pct: ['Memory in use', '%'],
    cpu_util_pct: ['CPU in use', '%'],
    traffic_gbps: ['Traffic', 'Gbps'],
    crc_errors: ['CRC errors', 'per sample'],
    optical_rx_dbm: ['Optical receive power', 'dBm'],
    pre_fec_ber: ['Bit error rate before FEC', 'ratio'],
    utilization: ['Utilisation', 'share of capacity']
  };

  function words(s) { return (s || '').toLowerCase().replace(/_/g, ' '); }

  function summaryOf(points, fmt) {
    if (!points.length) return 'Nothing recorded in this range.';
    const vs = points.map(p => p.v);
    return 'Latest hour ' + fmt(vs[vs.length - 1]) + '; least ' + fmt(Math.min(...vs)) +
      ', greatest ' + fmt(Math.max(...vs)) + ' over ' + points.length + ' hours.';
  }

  let shownDetail = null;
  function renderDetail(d) {
    const shape = JSON.stringify(d);
    if (shape === shownDetail) return;
    shownDetail = shape;
    const e = d.element;
    document.getElementById('element-summary').replaceChildren(
      words(e.kind) + ' · ' + e.role + ' · region ' + e.region + ' · site ' + e.site);
    const alarm = d.alarm;
    document.getElementById('alarm').hidden = !alarm;
    document.getElementById('alarm-none').hidden = !!alarm;
    if (alarm) {
      document.getElementById('alarm-line').replaceChildren(
        'Alarm: ', el('code', { text: alarm.mode }), ' failure expected in ~' + fmtDuration(alarm.timeToFailure) +
        ' (the model\'s estimate: around ' + fmtTime(alarm.expectedFailureAt) + ')');
      document.getElementById('alarm-probability').replaceChildren(
        el('strong', { 'data-role': 'probability', text: probabilityWithin(alarm) }),
        el('span', { class: 'muted', text: ' · ' + PROBABILITY_NOTE(fmtHours(alarm.horizon)) }));
      document.getElementById('evidence').replaceChildren(...alarm.evidence.map(ev =>
        el('li', {}, ev.explanation || (ev.feature + ' = ' + fmtNumber(ev.value)))));
    }
    const list = document.getElementById('element-cases');
    list.replaceChildren(...d.cases.map(c => el('li', { 'data-case': c.id },
      el('a', { href: '/cases/' + encodeURIComponent(c.id), text: c.id }), ' ',
      el('span', { class: 'pill ' + c.status.toLowerCase(), text: words(c.status) }), ' ',
      el('code', { text: c.mode }),
      el('span', { class: 'muted', text: ' opened ' + fmtTime(c.openedAt) + (c.endedAt ? ', closed ' + fmtTime(c.endedAt) : '') }))));
    document.getElementById('element-cases-empty').hidden = d.cases.length > 0;
  }

  // alarmed hours as periods to shade
  function alarmedPeriods(scores) {
    const out = [];
    for (const s of scores) {
      if (!s.alarmed) continue;
      const t = Date.parse(s.at);
      const last = out[out.length - 1];
      if (last && t - last.to <= HOUR * 1.5) last.to = t + HOUR;
      else out.push({ from: t, to: t + HOUR });
    }
    return out;
  }

  let shownTelemetry = null;
  function renderTelemetry(t) {
    const shape = JSON.stringify(t);
    if (shape === shownTelemetry) return;
    shownTelemetry = shape;
    // the axis starts where the history does (a young world has less than the days kept)
    const to = Date.parse(t.to);
    const firsts = t.metrics.flatMap(m => m.points.slice(0, 1)).concat(t.scores.slice(0, 1)).map(p => Date.parse(p.at));
    const from = Math.max(Date.parse(t.from), firsts.length ? Math.min(...firsts) - HOUR : Date.parse(t.from));
    document.getElementById('charts-range').textContent = fmtTime(new Date(from).toISOString()) + ' to ' + fmtTime(t.to);
    const shade = alarmedPeriods(t.scores);
    const horizon = fmtHours(t.horizon);
    const charts = [];
    const probability = t.scores.map(s => ({ t: Date.parse(s.at), v: s.probability }));
    charts.push(chart({
      id: 'chart-probability', title: 'p(fail within ' + horizon + '), the predictor\'s calibrated probability',
      unit: 'shaded: alarmed', from, to, points: probability, yMin: 0,
      yMax: Math.max(...probability.map(p => p.v), 0) > 0.5 ? 1 : Math.max(0.1, ...probability.map(p => p.v)) * 1.1,
      format: pct, shade, summary: summaryOf(probability, pct) + (shade.length ? ' Alarmed in ' + shade.length + ' period(s), shaded.' : ' Never alarmed in this range.'),
      empty: 'not scored yet (the predictor warms up on a day of telemetry)'
    }));
    const ttf = t.scores.filter(s => s.alarmed).map(s => ({ t: Date.parse(s.at), v: s.timeToFailureHours / 24 }));
    const days = v => fmtNumber(v) + ' d';
    charts.push(chart({
      id: 'chart-ttf', title: 'Time to failure, the model\'s estimate while alarmed', unit: 'days', from, to, points: ttf,
      yMin: 0, format: days, shade, summary: ttf.length ? summaryOf(ttf, days) : 'No alarm in this range: no estimate.',
      empty: 'no alarm in this range'
    }));
    for (const series of t.metrics) {
      const [name, unit] = METRICS[series.metric] || [series.metric, ''];
      const points = series.points.map(p => ({ t: Date.parse(p.at), v: p.mean, min: p.min, max: p.max }));
      charts.push(chart({
        id: 'chart-' + series.metric, title: name, unit, from, to, points, shade,
        summary: summaryOf(points, fmtNumber)
      }));
    }
    document.getElementById('charts').replaceChildren(...charts);
  }

  async function refresh() {
    try {
      const [simulation, detail, telemetry] = await Promise.all([
        api('GET', '/api/simulation'), api('GET', base), api('GET', base + '/telemetry')]);
      renderSimulation(simulation);
      renderDetail(detail);
      renderTelemetry(telemetry);
      document.getElementById('element-error').hidden = true;
      document.body.dataset.loaded = 'true';
    } catch (e) {
      const error = document.getElementById('element-error');
      error.textContent = 'Could not read the element: ' + e.message;
      error.hidden = false;
    }
  }

  live(refresh);
})();
