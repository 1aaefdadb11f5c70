/*
 * kafkalab's dashboards page: reads dashboards/index.json and each dashboard it lists (the shape is
 * stacks/render/monitoring/dashboards.ts), keeps the dashboards that fit this cluster (ZooKeeper or
 * KRaft, asked of Prometheus), and draws every panel from /api/v1/query_range with uPlot: a line
 * chart with one series per result, or a stat panel with each series' last value. Thresholds colour
 * a panel's border. Each panel carries data-panel-id and, once drawn, data-state: ok, empty or error.
 * Plain browser JavaScript, no build step; served by Prometheus under /user/.
 */
'use strict';

(() => {
  const RANGE_SECONDS = 15 * 60;
  const STEP_SECONDS = 15;
  const REFRESH_MS = 15_000;
  const CHART_HEIGHT = 200;
  const COLORS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];
  // Prometheus's API sits beside /user/ (under the route prefix, if any).
  const API = `${(/^(.*?)\/user\//.exec(location.pathname) || ['', ''])[1]}/api/v1/`;

  const boards = []; // { dashboard, section, tab, panels: [{ panel, el, body, message, chart, labelsKey }], loadedAt, busy }
  let active;

  // -------------------------------------------------------------------------------------------
  // Numbers and units

  const SI = [[1e12, 'T'], [1e9, 'G'], [1e6, 'M'], [1e3, 'k']];
  const IEC = [[2 ** 40, 'TiB'], [2 ** 30, 'GiB'], [2 ** 20, 'MiB'], [2 ** 10, 'KiB']];
  const round = (v) => (Math.abs(v) >= 1000 ? v.toFixed(0) : String(Number(v.toPrecision(3))));
  const scaled = (v, steps, base) => {
    const step = steps.find(([size]) => Math.abs(v) >= size);
    return step ? `${round(v / step[0])} ${step[1]}` : `${round(v)}${base}`;
  };
  const FORMATS = {
    bytes: (v) => scaled(v, IEC, ' B'),
    'bytes/s': (v) => `${scaled(v, IEC, ' B')}/s`,
    'ops/s': (v) => `${scaled(v, SI, '')}/s`,
    ms: (v) => (Math.abs(v) >= 1000 ? `${round(v / 1000)} s` : `${round(v)} ms`),
    ratio: (v) => `${round(v * 100)}%`,
    count: (v) => (Number.isInteger(v) && Math.abs(v) < 1e4 ? String(v) : scaled(v, SI, '')),
    seconds: (v) => (Math.abs(v) < 1 && v !== 0 ? `${round(v * 1000)} ms` : `${round(v)} s`),
  };
  const format = (unit, v) => (v === null || v === undefined || Number.isNaN(v) ? '–' : (FORMATS[unit] || round)(v));

  /** ok, warn or crit for these values: higher is worse, unless crit is below warn. */
  function levelOf(values, t) {
    if (!t || values.length === 0) return 'ok';
    const lowerWorse = t.warn !== undefined && t.crit !== undefined && t.crit < t.warn;
    const past = (v, limit) => limit !== undefined && (lowerWorse ? v <= limit : v >= limit);
    if (values.some((v) => past(v, t.crit))) return 'crit';
    return values.some((v) => past(v, t.warn)) ? 'warn' : 'ok';
  }

  // -------------------------------------------------------------------------------------------
  // Prometheus

  async function getJson(url) {
    const res = await fetch(url, { cache: 'no-store' });
    let body;
    try {
      body = await res.json();
    } catch {
      throw new Error(`${url}: HTTP ${res.status}, not JSON`);
    }
    if (body && body.status === 'error') throw new Error(`${body.errorType || 'error'}: ${body.error}`);
    if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
    return body;
  }

  const api = (endpoint, params) => getJson(`${API}${endpoint}?${new URLSearchParams(params)}`);

  /** 'zookeeper' when Prometheus scrapes ZooKeeper servers, 'kraft' when not, undefined when unknown. */
  async function clusterMode() {
    try {
      const body = await api('query', { query: 'count(up{job="zookeeper"})' });
      return body.data.result.length > 0 ? 'zookeeper' : 'kraft';
    } catch (e) {
      showBanner(`Could not tell a ZooKeeper cluster from a KRaft one (${e.message}): every dashboard is shown.`);
      return undefined;
    }
  }

  const legendOf = (template, metric) =>
    template.replace(/\{\{\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*\}\}/g, (_, name) => metric[name] ?? '').trim() ||
    Object.entries(metric).map(([k, v]) => `${k}="${v}"`).join(', ') ||
    'value';

  /** A matrix as uPlot's aligned data: the union of the timestamps, null where a series has none. */
  function aligned(result) {
    const times = [...new Set(result.flatMap((s) => s.values.map(([t]) => t)))].sort((a, b) => a - b);
    const index = new Map(times.map((t, i) => [t, i]));
    const columns = result.map((s) => {
      const column = new Array(times.length).fill(null);
      for (const [t, v] of s.values) {
        const n = Number(v);
        column[index.get(t)] = Number.isFinite(n) ? n : null;
      }
      return column;
    });
    return [times, ...columns];
  }

  const lastValue = (column) => {
    for (let i = column.length - 1; i >= 0; i--) if (column[i] !== null) return column[i];
    return null;
  };

  // -------------------------------------------------------------------------------------------
  // Drawing

  function element(tag, attrs, text) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) el.setAttribute(k, v);
    if (text !== undefined) el.textContent = text;
    return el;
  }

  function showBanner(text) {
    const banner = document.getElementById('banner');
    banner.textContent = text;
    banner.hidden = false;
  }

  /** Dashed lines at the warn and crit values, drawn over the series. */
  function thresholdHook(thresholds) {
    return (u) => {
      const { ctx, bbox } = u;
      for (const [key, color] of [['warn', '#d99a00'], ['crit', '#d62728']]) {
        const v = thresholds && thresholds[key];
        if (v === undefined) continue;
        const y = Math.round(u.valToPos(v, 'y', true));
        if (y < bbox.top || y > bbox.top + bbox.height) continue;
        ctx.save();
        ctx.strokeStyle = color;
        ctx.setLineDash([6, 4]);
        ctx.beginPath();
        ctx.moveTo(bbox.left, y);
        ctx.lineTo(bbox.left + bbox.width, y);
        ctx.stroke();
        ctx.restore();
      }
    };
  }

  function chartOptions(panel, labels, width) {
    const fmt = (v) => format(panel.unit, v);
    return {
      width,
      height: CHART_HEIGHT,
      scales: { x: { time: true } },
      axes: [{}, { size: 72, values: (u, splits) => splits.map(fmt) }],
      series: [{}, ...labels.map((label, i) => ({ label, stroke: COLORS[i % COLORS.length], width: 1.5, value: (u, v) => fmt(v) }))],
      hooks: { draw: [thresholdHook(panel.thresholds)] },
    };
  }

  const chartWidth = (p) => Math.max(240, p.body.clientWidth || p.el.closest('main').clientWidth / 2 || 480);

  function drawLine(p, labels, data) {
    const key = JSON.stringify(labels);
    if (p.chart && p.labelsKey === key) {
      p.chart.setData(data);
      return;
    }
    if (p.chart) p.chart.destroy();
    p.body.replaceChildren();
    p.chart = new uPlot(chartOptions(p.panel, labels, chartWidth(p)), data, p.body);
    p.labelsKey = key;
  }

  function drawStat(p, labels, lasts) {
    const stats = labels.map((label, i) => {
      const stat = element('div', { class: 'stat', 'data-level': levelOf(lasts[i] === null ? [] : [lasts[i]], p.panel.thresholds) });
      stat.append(element('span', { class: 'stat-value' }, format(p.panel.unit, lasts[i])), element('span', { class: 'stat-label' }, label));
      return stat;
    });
    p.body.replaceChildren(...stats);
  }

  function clearPanel(p) {
    if (p.chart) p.chart.destroy();
    p.chart = undefined;
    p.labelsKey = undefined;
    p.body.replaceChildren();
  }

  function settle(p, state, level, message) {
    p.message.textContent = message || '';
    p.message.hidden = !message;
    p.el.dataset.level = level;
    p.el.dataset.state = state;
  }

  function drawPanel(p, result) {
    if (result.length === 0) {
      clearPanel(p);
      settle(p, 'empty', 'ok', 'No data: no series matches this query (yet).');
      return;
    }
    const labels = result.map((s) => legendOf(p.panel.legend, s.metric));
    const data = aligned(result);
    const lasts = data.slice(1).map(lastValue);
    if (p.panel.kind === 'stat') drawStat(p, labels, lasts);
    else drawLine(p, labels, data);
    settle(p, 'ok', levelOf(lasts.filter((v) => v !== null), p.panel.thresholds));
  }

  async function refreshPanel(p) {
    const end = Math.floor(Date.now() / 1000);
    try {
      const body = await api('query_range', { query: p.panel.query, start: end - RANGE_SECONDS, end, step: STEP_SECONDS });
      if (body.data.resultType !== 'matrix') throw new Error(`expected a matrix, Prometheus answered a ${body.data.resultType}`);
      drawPanel(p, body.data.result);
    } catch (e) {
      clearPanel(p);
      settle(p, 'error', 'crit', `Error: ${e.message}`);
    }
  }

  async function refreshBoard(board) {
    if (board.busy) return;
    board.busy = true;
    try {
      await Promise.all(board.panels.map(refreshPanel));
      board.loadedAt = Date.now();
      if (board === active) document.getElementById('status').textContent = `updated ${new Date().toLocaleTimeString()}`;
    } finally {
      board.busy = false;
    }
  }

  // -------------------------------------------------------------------------------------------
  // Tabs

  function buildBoard(dashboard) {
    const section = element('section', { class: 'board', 'data-dashboard-id': dashboard.id, role: 'tabpanel', 'aria-label': dashboard.title });
    section.hidden = true;
    // The stat panels in a row of small tiles above the charts.
    const stats = element('div', { class: 'stats' });
    const charts = element('div', { class: 'charts' });
    section.append(stats, charts);
    const tab = element('button', { type: 'button', role: 'tab', 'data-dashboard-id': dashboard.id, 'aria-selected': 'false' }, dashboard.title);
    const panels = dashboard.panels.map((panel) => {
      const el = element('div', { class: `panel panel-${panel.kind || 'line'}`, 'data-panel-id': panel.id, 'data-dashboard-id': dashboard.id, 'data-state': 'loading', 'data-level': 'ok' });
      const body = element('div', { class: 'panel-body' });
      const message = element('p', { class: 'panel-message' });
      message.hidden = true;
      el.append(element('h2', { class: 'panel-title', title: panel.query }, panel.title), body, message);
      (panel.kind === 'stat' ? stats : charts).append(el);
      return { panel, el, body, message };
    });
    const board = { dashboard, section, tab, panels, loadedAt: 0, busy: false };
    tab.addEventListener('click', () => show(board));
    return board;
  }

  function resizeCharts(board) {
    for (const p of board.panels) if (p.chart) p.chart.setSize({ width: chartWidth(p), height: CHART_HEIGHT });
  }

  function show(board) {
    active = board;
    for (const b of boards) {
      b.section.hidden = b !== board;
      b.tab.setAttribute('aria-selected', String(b === board));
    }
    history.replaceState(null, '', `#${board.dashboard.id}`);
    resizeCharts(board);
    if (Date.now() - board.loadedAt >= REFRESH_MS) refreshBoard(board);
  }

  async function start() {
    const index = await getJson('dashboards/index.json');
    const [mode, dashboards] = await Promise.all([clusterMode(), Promise.all(index.dashboards.map((f) => getJson(`dashboards/${f}`)))]);
    const fitting = dashboards.filter((d) => d.applies === 'all' || mode === undefined || d.applies === mode);
    for (const d of fitting) boards.push(buildBoard(d));
    document.getElementById('tabs').append(...boards.map((b) => b.tab));
    document.getElementById('boards').append(...boards.map((b) => b.section));
    document.body.dataset.mode = mode || 'unknown';
    const wanted = boards.find((b) => `#${b.dashboard.id}` === location.hash) || boards[0];
    // Every dashboard is drawn once at start (the hidden ones too); then the shown one refreshes.
    for (const b of boards) if (b !== wanted) refreshBoard(b);
    if (wanted) show(wanted);
    setInterval(() => active && refreshBoard(active), REFRESH_MS);
    let resizing;
    window.addEventListener('resize', () => {
      clearTimeout(resizing);
      resizing = setTimeout(() => active && resizeCharts(active), 150);
    });
  }

  start().catch((e) => {
    document.getElementById('status').textContent = 'failed';
    showBanner(`The dashboards could not be loaded: ${e.message}`);
  });
})();
