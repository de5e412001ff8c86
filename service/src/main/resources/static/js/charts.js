// Small time-series charts in plain SVG, drawn here (nothing loaded from outside): a line for each
// hour's mean, a band from its least to its greatest reading, gaps where nothing was recorded,
// and the same time axis on every chart of a page. Each chart carries a text summary for people
// who do not see it.
(function () {
  'use strict';

  const NS = 'http://www.w3.org/2000/svg';
  const W = 640, H = 150, L = 58, R = 12, T = 10, B = 24;
  const HOUR = 3600 * 1000;

  function svg(tag, attrs, ...children) {
    const node = document.createElementNS(NS, tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined) continue;
      if (k === 'text') node.textContent = v;
      else node.setAttribute(k, String(v));
    }
    for (const c of children.flat(Infinity)) if (c) node.appendChild(c);
    return node;
  }

  // "nice" ticks over [lo, hi]
  function ticks(lo, hi, count) {
    if (!(hi > lo)) { hi = lo + 1; lo = lo - 1; }
    const raw = (hi - lo) / count;
    const mag = Math.pow(10, Math.floor(Math.log10(raw)));
    const step = [1, 2, 2.5, 5, 10].map(m => m * mag).find(s => s >= raw) || 10 * mag;
    const out = [];
    for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Number(v.toPrecision(12)));
    return out;
  }

  function fmtNumber(v) {
    const a = Math.abs(v);
    if (a !== 0 && (a < 0.001 || a >= 1e6)) return v.toExponential(1);
    if (a >= 100) return v.toFixed(0);
    if (a >= 10) return v.toFixed(1);
    return Number(v.toPrecision(3)).toString();
  }

  function dayLabel(t) {
    return new Date(t).toLocaleDateString('en-GB', { weekday: 'short', day: 'numeric', timeZone: 'UTC' });
  }

  // Runs of consecutive hours: a gap of more than an hour breaks the line.
  function runs(points) {
    const out = [];
    let run = [];
    for (const p of points) {
      if (run.length && p.t - run[run.length - 1].t > HOUR * 1.5) { out.push(run); run = []; }
      run.push(p);
    }
    if (run.length) out.push(run);
    return out;
  }

  /**
   * opts: { id, title, unit, from, to (ms), points: [{ t (ms), v, min?, max? }], yMin?, yMax?,
   *         format?: v -> text, shade?: [{ from, to }] (periods to shade, e.g. alarmed), summary }
   */
  function chart(opts) {
    const fmt = opts.format || fmtNumber;
    const pts = opts.points.filter(p => p.v !== null && p.v !== undefined && isFinite(p.v));
    let lo = opts.yMin, hi = opts.yMax;
    const values = pts.flatMap(p => [p.v, p.min, p.max]).filter(v => v !== undefined && v !== null && isFinite(v));
    if (lo === undefined) lo = values.length ? Math.min(...values) : 0;
    if (hi === undefined) hi = values.length ? Math.max(...values) : 1;
    if (hi === lo) { hi += Math.abs(hi) * 0.05 || 1; lo -= Math.abs(lo) * 0.05 || 1; }
    const pad = (hi - lo) * 0.06;
    if (opts.yMin === undefined) lo -= pad;
    if (opts.yMax === undefined) hi += pad;
    const x = t => L + (W - L - R) * (t - opts.from) / (opts.to - opts.from);
    const y = v => T + (H - T - B) * (1 - (v - lo) / (hi - lo));
    const titleId = opts.id + '-title';
    const descId = opts.id + '-desc';
    const root = svg('svg', {
      viewBox: '0 0 ' + W + ' ' + H, width: '100%', class: 'chart', role: 'img',
      'aria-labelledby': titleId, 'aria-describedby': descId, 'data-chart': opts.id, 'data-points': pts.length
    });
    root.appendChild(svg('title', { id: titleId, text: opts.title }));
    root.appendChild(svg('desc', { id: descId, text: opts.summary || '' }));
    // shaded periods (the alarm), behind everything
    for (const s of opts.shade || []) {
      root.appendChild(svg('rect', { x: x(s.from), y: T, width: Math.max(1, x(s.to) - x(s.from)), height: H - T - B, class: 'shade' }));
    }
    // y grid and labels
    for (const v of ticks(lo, hi, 3)) {
      if (v < lo || v > hi) continue;
      root.appendChild(svg('line', { x1: L, x2: W - R, y1: y(v), y2: y(v), class: 'grid' }));
      root.appendChild(svg('text', { x: L - 6, y: y(v) + 4, 'text-anchor': 'end', class: 'tick', text: fmt(v) }));
    }
    // x: a line and a label at each midnight
    const firstDay = Math.ceil(opts.from / (24 * HOUR)) * 24 * HOUR;
    const span = opts.to - opts.from;
    const dayStep = span > 10 * 24 * HOUR ? 7 : 1;
    if (span <= 2 * 24 * HOUR) {
      // a short history: the hours between the midnights too
      for (let t = Math.ceil(opts.from / (6 * HOUR)) * 6 * HOUR; t <= opts.to; t += 6 * HOUR) {
        if (t % (24 * HOUR) === 0 || x(t) + 40 > W - R) continue;
        root.appendChild(svg('line', { x1: x(t), x2: x(t), y1: T, y2: H - B, class: 'grid' }));
        root.appendChild(svg('text', { x: x(t) + 3, y: H - 8, class: 'tick', text: String(new Date(t).getUTCHours()).padStart(2, '0') + ':00' }));
      }
    }
    for (let t = firstDay; t <= opts.to; t += dayStep * 24 * HOUR) {
      root.appendChild(svg('line', { x1: x(t), x2: x(t), y1: T, y2: H - B, class: 'grid' }));
      // a day's label fits right of its line, or is left out at the chart's right edge
      if (x(t) + 40 <= W - R) root.appendChild(svg('text', { x: x(t) + 3, y: H - 8, class: 'tick', text: dayLabel(t) }));
    }
    root.appendChild(svg('line', { x1: L, x2: W - R, y1: H - B, y2: H - B, class: 'axis' }));
    root.appendChild(svg('line', { x1: L, x2: L, y1: T, y2: H - B, class: 'axis' }));
    for (const run of runs(pts)) {
      const banded = run.filter(p => p.min !== undefined && p.max !== undefined);
      if (banded.length > 1) {
        const upper = banded.map(p => x(p.t) + ',' + y(p.max));
        const lower = banded.slice().reverse().map(p => x(p.t) + ',' + y(p.min));
        root.appendChild(svg('polygon', { points: upper.concat(lower).join(' '), class: 'band' }));
      }
      if (run.length === 1) {
        root.appendChild(svg('circle', { cx: x(run[0].t), cy: y(run[0].v), r: 2.5, class: 'dot' }));
      } else {
        root.appendChild(svg('polyline', { points: run.map(p => x(p.t) + ',' + y(p.v)).join(' '), class: 'line' }));
      }
    }
    if (!pts.length) {
      root.appendChild(svg('text', { x: W / 2, y: H / 2, 'text-anchor': 'middle', class: 'tick', text: opts.empty || 'nothing recorded' }));
    }
    const figure = document.createElement('figure');
    figure.className = 'chart-figure';
    const caption = document.createElement('figcaption');
    caption.textContent = opts.title + (opts.unit ? ' (' + opts.unit + ')' : '');
    figure.appendChild(caption);
    figure.appendChild(root);
    return figure;
  }

  window.autonocCharts = { chart, fmtNumber, HOUR };
})();
