// The network map: regions as sectors around the core, elements as nodes coloured by state (with a
// mark and a text legend, so that colour is never the only cue), fibre links as lines, dashed where
// they carry no traffic now. The layout is a function of the inventory alone (ids sorted), so the
// same network is drawn the same way every time.
(function () {
  'use strict';
  const { el, api, fmtTime, pct, renderSimulation, live } = window.autonoc;
  const NS = 'http://www.w3.org/2000/svg';
  const SIZE = 1000, C = SIZE / 2;
  const R_CORE = 120, R_AGG = 270, R_CELL = 360, R_OTHER = 440;
  const REGION_ANGLE = { north: -90, east: 0, south: 90, west: 180 };
  const HALF = 40; // degrees each side of a region's centre used for its elements

  // state -> words, colour, the mark drawn on a router
  const STATES = {
    failed: ['failed', '#b3261e', '×'],
    under_work: ['under work', '#1f5fbf', 'W'],
    drained: ['drained: traffic moved off', '#6b4fbb', 'D'],
    at_risk: ['at risk', '#b86e00', '!'],
    up: ['up', '#1b7f4b', '']
  };
  const NO_TRAFFIC = new Set(['failed', 'under_work', 'drained']);

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

  function polar(angleDeg, r) {
    const a = angleDeg * Math.PI / 180;
    return [C + r * Math.cos(a), C + r * Math.sin(a)];
  }

  function regionAngle(region, regions) {
    if (region in REGION_ANGLE) return REGION_ANGLE[region];
    // a region the demo does not have: spread the others round the rest of the circle
    const others = regions.filter(r => !(r in REGION_ANGLE));
    return 45 + 90 * others.indexOf(region);
  }

  function spread(centre, n, i, half) {
    return n === 1 ? centre : centre - half + (2 * half) * (i + 0.5) / n;
  }

  function byId(a, b) { return a.id < b.id ? -1 : a.id > b.id ? 1 : 0; }

  // positions of every node element (links are drawn as lines, not nodes)
  function layout(elements) {
    const regions = [...new Set(elements.map(e => e.region))].sort();
    const pos = new Map();
    for (const region of regions) {
      const centre = regionAngle(region, regions);
      const mine = elements.filter(e => e.region === region && e.kind !== 'LINK').sort(byId);
      const cores = mine.filter(e => e.role === 'core');
      const aggs = mine.filter(e => e.role === 'aggregation');
      const cells = mine.filter(e => e.role === 'cell');
      const others = mine.filter(e => !['core', 'aggregation', 'cell'].includes(e.role));
      cores.forEach((e, i) => pos.set(e.id, polar(spread(centre, cores.length, i, Math.min(HALF, 12 * cores.length)), R_CORE)));
      const aggAngle = new Map();
      aggs.forEach((e, i) => {
        const a = spread(centre, aggs.length, i, HALF);
        aggAngle.set(e.site, a);
        pos.set(e.id, polar(a, R_AGG));
      });
      const perAgg = Math.max(1, aggs.length);
      const bySite = new Map();
      for (const c of cells) {
        if (!bySite.has(c.site)) bySite.set(c.site, []);
        bySite.get(c.site).push(c);
      }
      const loose = [];
      for (const [site, group] of bySite) {
        const a = aggAngle.get(site);
        if (a === undefined) { loose.push(...group); continue; }
        const step = Math.min(4, (2 * HALF) / perAgg / (group.length + 1));
        group.forEach((c, k) => pos.set(c.id, polar(a + (k - (group.length - 1) / 2) * step, R_CELL + (k % 2) * 24)));
      }
      const rest = others.concat(loose);
      rest.forEach((e, i) => pos.set(e.id, polar(spread(centre, rest.length, i, HALF), R_OTHER)));
    }
    return { regions, pos };
  }

  function wedge(centre) {
    const [x1, y1] = polar(centre - 45, SIZE * 0.49);
    const [x2, y2] = polar(centre + 45, SIZE * 0.49);
    return 'M ' + C + ' ' + C + ' L ' + x1 + ' ' + y1 + ' A ' + SIZE * 0.49 + ' ' + SIZE * 0.49 + ' 0 0 1 ' + x2 + ' ' + y2 + ' Z';
  }

  function describe(e) {
    let text = e.id + ': ' + STATES[e.state][0];
    if (e.state === 'at_risk' && e.mode) text += ' (' + e.mode + (e.probability !== null ? ', ' + pct(e.probability) : '') + ')';
    if (e.openCase) text += ', case ' + e.openCase;
    return text;
  }

  function draw(network) {
    const { regions, pos } = layout(network.elements);
    const byIdMap = new Map(network.elements.map(e => [e.id, e]));
    // aggregation routers are named on the map while they fit (the metro and regional networks)
    const few = network.elements.filter(e => e.role === 'aggregation').length <= 40;
    const root = svg('svg', {
      viewBox: '0 0 ' + SIZE + ' ' + SIZE, class: 'network-map', role: 'group',
      'aria-labelledby': 'map-title', 'data-elements': pos.size, 'data-links': network.links.length
    });
    root.appendChild(svg('title', { id: 'map-title', text: 'The network: ' + pos.size + ' elements, ' + network.links.length + ' links' }));
    for (const region of regions) {
      const centre = regionAngle(region, regions);
      const [lx, ly] = polar(centre, SIZE * 0.455);
      root.appendChild(svg('g', { class: 'region', 'data-region': region },
        svg('path', { d: wedge(centre), class: 'region-area' }),
        svg('text', { x: lx, y: ly + 5, 'text-anchor': 'middle', class: 'region-label', text: region })));
    }
    const links = svg('g', { class: 'links' });
    const stateOf = l => (byIdMap.get(l.id) || { state: 'up' }).state;
    const ordered = network.links.filter(l => stateOf(l) === 'up').concat(network.links.filter(l => stateOf(l) !== 'up'));
    for (const l of ordered) {
      const a = pos.get(l.a), b = pos.get(l.b);
      if (!a || !b) continue;
      const own = byIdMap.get(l.id);
      const state = own ? own.state : 'up';
      const ends = [byIdMap.get(l.a), byIdMap.get(l.b)].filter(Boolean);
      const idle = NO_TRAFFIC.has(state) || ends.some(e => NO_TRAFFIC.has(e.state));
      const colour = state === 'up' ? '#6f788b' : STATES[state][1];
      const label = (own ? describe(own) : l.id) + (idle ? '; carries no traffic now' : '');
      links.appendChild(svg('a', { href: '/elements/' + encodeURIComponent(l.id), 'aria-label': label, 'data-link': l.id, 'data-state': state, 'data-idle': idle },
        svg('title', { text: label }),
        svg('line', { x1: a[0], y1: a[1], x2: b[0], y2: b[1], class: 'hit' }),
        svg('line', {
          x1: a[0], y1: a[1], x2: b[0], y2: b[1], stroke: colour,
          'stroke-width': state === 'up' ? 1.6 : 3.5, 'stroke-dasharray': idle ? '7 5' : null, class: 'link'
        }),
        state === 'up' ? null : svg('text', {
          x: (a[0] + b[0]) / 2 + 6, y: (a[1] + b[1]) / 2, class: 'node-label', text: l.id
        })));
    }
    root.appendChild(links);
    const nodes = svg('g', { class: 'nodes' });
    for (const e of network.elements.slice().sort(byId)) {
      const p = pos.get(e.id);
      if (!p) continue;
      const [, colour, mark] = STATES[e.state];
      const r = e.role === 'core' ? 14 : e.role === 'cell' ? 6 : 11;
      const text = describe(e);
      const parts = [svg('title', { text }), svg('circle', { cx: p[0], cy: p[1], r, fill: colour, class: 'node' })];
      if (mark && r >= 8) {
        parts.push(svg('text', { x: p[0], y: p[1] + 5.5, 'text-anchor': 'middle', class: 'mark', text: mark }));
      } else if (e.state !== 'up') {
        parts.push(svg('circle', { cx: p[0], cy: p[1], r: r + 4, fill: 'none', stroke: colour, 'stroke-width': 2 }));
      }
      if (e.role === 'core' || (e.state !== 'up' && e.role !== 'cell') || (e.role === 'aggregation' && few)) {
        parts.push(svg('text', { x: p[0], y: p[1] - r - 4, 'text-anchor': 'middle', class: 'node-label', text: e.id }));
      }
      nodes.appendChild(svg('a', { href: '/elements/' + encodeURIComponent(e.id), 'aria-label': text, 'data-element': e.id, 'data-state': e.state }, parts));
    }
    root.appendChild(nodes);
    return root;
  }

  function renderLegend(network) {
    const counts = {};
    for (const e of network.elements) counts[e.state] = (counts[e.state] || 0) + 1;
    document.getElementById('legend').replaceChildren(...Object.entries(STATES).map(([key, [words, colour, mark]]) =>
      el('li', { 'data-state': key },
        (() => {
          const s = svg('svg', { width: 18, height: 18, viewBox: '0 0 18 18', 'aria-hidden': 'true', class: 'swatch' },
            svg('circle', { cx: 9, cy: 9, r: 8, fill: colour }),
            mark ? svg('text', { x: 9, y: 13, 'text-anchor': 'middle', class: 'mark', text: mark }) : null);
          return s;
        })(),
        ' ' + words + ': ', el('strong', { 'data-role': 'count', text: String(counts[key] || 0) }))),
      el('li', {}, (() => svg('svg', { width: 28, height: 10, viewBox: '0 0 28 10', 'aria-hidden': 'true' },
        svg('line', { x1: 0, y1: 5, x2: 28, y2: 5, stroke: '#6b4fbb', 'stroke-width': 3, 'stroke-dasharray': '7 5' })))(),
        ' dashed link: no traffic on it now (moved off)'));
    const notUp = network.elements.filter(e => e.state !== 'up').sort(byId);
    document.getElementById('not-up').replaceChildren(...notUp.map(e => el('li', { 'data-element': e.id, 'data-state': e.state },
      el('a', { href: '/elements/' + encodeURIComponent(e.id), text: e.id }), ' ',
      el('span', { text: STATES[e.state][0] }),
      e.state === 'at_risk' && e.mode ? el('span', { class: 'muted' }, ' ', el('code', { text: e.mode })) : null,
      e.openCase ? el('span', { class: 'muted' }, ' · ', el('a', { href: '/cases/' + encodeURIComponent(e.openCase), text: e.openCase })) : null)));
    document.getElementById('not-up-empty').hidden = notUp.length > 0;
  }

  function renderSummary(network) {
    const regions = new Set(network.elements.map(e => e.region)).size;
    document.getElementById('map-summary').textContent = network.elements.length + ' elements in ' + regions +
      ' regions, ' + network.links.length + ' fibre links, as of ' + fmtTime(network.at) + '.';
  }

  let shown = null;
  async function refresh() {
    try {
      const [simulation, network] = await Promise.all([api('GET', '/api/simulation'), api('GET', '/api/network')]);
      renderSimulation(simulation);
      // the simulated time changes every tick; redraw only when the network's state does
      const shape = JSON.stringify(network.elements) + JSON.stringify(network.links);
      if (shape !== shown) {
        shown = shape;
        document.getElementById('map').replaceChildren(draw(network));
        renderLegend(network);
      }
      renderSummary(network);
      document.getElementById('map-error').hidden = true;
      document.body.dataset.loaded = 'true';
    } catch (e) {
      const error = document.getElementById('map-error');
      error.textContent = 'Could not read the network: ' + e.message;
      error.hidden = false;
    }
  }

  live(refresh);
})();
