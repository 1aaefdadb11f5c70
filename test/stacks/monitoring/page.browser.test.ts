/**
 * The dashboards page in a real browser, without a cluster: a small HTTP server on 127.0.0.1 serves
 * the page's files under /user/ (from dashboardSources: the page folder, uPlot's dist folder and the
 * dashboards) and answers Prometheus's /api/v1/query and /api/v1/query_range with canned data; Debian's
 * Chromium, driven by playwright-core, opens /user/index.html and we wait on every panel's data-state.
 * A unit-project file: it needs Chromium (ensureChromium installs it once, as root) but no Docker.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join } from 'node:path';
import { type Browser, type Page, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../../scripts/lib/core/paths.ts';
import { ensureChromium } from '../../../scripts/lib/engine/chromium.ts';
import { DASHBOARD_DIRS, type Dashboard, dashboardSources } from '../../../stacks/render/monitoring/dashboards.ts';

const ARTIFACTS = join(projectRoot, 'test-artifacts');
const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json' };
const MODE_QUERY = 'count(up{job="zookeeper"})';

/** What the fake Prometheus answers: the cluster kind, and queries to fail or leave empty (by a substring). */
interface Fake {
  mode: 'kraft' | 'zookeeper';
  failing: string[];
  empty: string[];
  ranges: { query: string; start: number; end: number; step: number }[];
}

const fake: Fake = { mode: 'kraft', failing: [], empty: [], ranges: [] };

const dashboards: Dashboard[] = (JSON.parse(readFileSync(join(projectRoot, DASHBOARD_DIRS.dashboards, 'index.json'), 'utf8')) as { dashboards: string[] }).dashboards.map(
  (f) => JSON.parse(readFileSync(join(projectRoot, DASHBOARD_DIRS.dashboards, f), 'utf8')) as Dashboard,
);
const fitting = (mode: Fake['mode']) => dashboards.filter((d) => d.applies === 'all' || d.applies === mode);

/** Two series per query, labelled with every label a legend may use, values shaped by the metric. */
function series(query: string, i: number): { metric: Record<string, string>; at: (k: number) => number } {
  const metric = {
    node: `kafka-${i + 1}`,
    node_id: String(i + 1),
    request: ['Produce', 'FetchConsumer'][i]!,
    topic: ['orders', 'payments'][i]!,
    group: ['billing', 'audit'][i]!,
    partition: String(i),
    role: ['Leader', 'Follower'][i]!,
  };
  const wave = (k: number) => Math.sin(k / 8 + i);
  if (/^up\{/.test(query)) return { metric, at: () => 1 };
  if (query.includes('disk_used_ratio')) return { metric, at: (k) => [0.62, 0.93][i]! + 0.005 * wave(k) };
  if (/idlepercent|gc_collection/.test(query)) return { metric, at: (k) => (query.includes('gc') ? 0.02 : 0.6) * (1 + 0.2 * wave(k)) };
  if (/offline|under|shrinks|behind|outstanding|lag/.test(query)) return { metric, at: () => 0 };
  return { metric, at: (k) => (i + 1) * 20 * (1 + 0.25 * wave(k)) };
}

function send(res: ServerResponse, status: number, body: unknown, type = 'application/json'): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body));
}

function answerApi(url: URL, res: ServerResponse): void {
  const query = url.searchParams.get('query') ?? '';
  if (fake.failing.some((f) => query.includes(f))) {
    send(res, 400, { status: 'error', errorType: 'bad_data', error: `1:1: parse error: canned failure of ${query}` });
    return;
  }
  const empty = fake.empty.some((f) => query.includes(f));
  if (url.pathname === '/api/v1/query') {
    const now = Date.now() / 1000;
    const result = query === MODE_QUERY ? (fake.mode === 'zookeeper' ? [{ metric: {}, value: [now, '3'] }] : []) : [0, 1].map((i) => ({ metric: series(query, i).metric, value: [now, '1'] }));
    send(res, 200, { status: 'success', data: { resultType: 'vector', result: empty ? [] : result } });
    return;
  }
  const [start, end, step] = ['start', 'end', 'step'].map((k) => Number(url.searchParams.get(k))) as [number, number, number];
  fake.ranges.push({ query, start, end, step });
  const result = empty
    ? []
    : [0, 1].map((i) => {
        const s = series(query, i);
        const values: [number, string][] = [];
        for (let t = start, k = 0; t <= end; t += step, k++) values.push([t, String(s.at(k))]);
        return { metric: s.metric, values };
      });
  send(res, 200, { status: 'success', data: { resultType: 'matrix', result } });
}

function startServer(): Promise<Server> {
  const files = new Map(dashboardSources(projectRoot).map((s) => [`/user/${s.file}`, s.source]));
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/api/v1/query' || url.pathname === '/api/v1/query_range') return answerApi(url, res);
    const source = files.get(url.pathname);
    if (!source) return send(res, 404, `not found: ${url.pathname}`, 'text/plain');
    send(res, 200, readFileSync(source), TYPES[extname(source)] ?? 'application/octet-stream');
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

let server: Server;
let browser: Browser;
let base: string;

beforeAll(async () => {
  const executablePath = await ensureChromium();
  server = await startServer();
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath, headless: true, args: ['--no-sandbox'] });
}, 600_000);

afterAll(async () => {
  await browser?.close();
  server?.closeAllConnections();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
});

interface Opened {
  page: Page;
  /** Console errors and uncaught exceptions. */
  errors: string[];
  /** Requests that failed or answered 400 or more. */
  failed: string[];
}

/** Opens the page and waits until no panel is still loading. */
async function open(hash = ''): Promise<Opened> {
  fake.ranges = [];
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const errors: string[] = [];
  const failed: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('requestfailed', (r) => failed.push(`${r.url()}: ${r.failure()?.errorText}`));
  page.on('response', (r) => r.status() >= 400 && failed.push(`${r.url()}: HTTP ${r.status()}`));
  await page.goto(`${base}/user/index.html${hash}`);
  // A string: this project compiles without the DOM's types.
  await page.waitForFunction(`[...document.querySelectorAll('[data-panel-id]')].every((p) => p.dataset.state !== 'loading') && document.querySelector('[data-panel-id]') !== null`);
  return { page, errors, failed };
}

/** Every panel as `<dashboard>/<panel>: <state>`, sorted (the stat panels sit above the charts). */
const states = async (page: Page): Promise<string[]> =>
  (await page.$$eval('[data-panel-id]', (els) => els.map((e) => `${e.getAttribute('data-dashboard-id')}/${e.getAttribute('data-panel-id')}: ${e.getAttribute('data-state')}`))).sort();

const expected = (ds: readonly Dashboard[], state: string) => ds.flatMap((d) => d.panels.map((p) => `${d.id}/${p.id}: ${state}`)).sort();

describe('the dashboards page in Chromium', () => {
  it('draws every panel of every KRaft dashboard, with no console error and no failed request', async () => {
    fake.mode = 'kraft';
    const { page, errors, failed } = await open();
    try {
      expect(await states(page)).toEqual(expected(fitting('kraft'), 'ok'));
      expect(await page.$$eval('#tabs button', (bs) => bs.map((b) => b.textContent))).toEqual(fitting('kraft').map((d) => d.title));
      // One range query per panel: the last 15 minutes, a point every 15 s.
      expect(new Set(fake.ranges.map((r) => r.query))).toEqual(new Set(fitting('kraft').flatMap((d) => d.panels.map((p) => p.query))));
      expect(fake.ranges.every((r) => r.end - r.start === 900 && r.step === 15)).toBe(true);
      // A line panel: a uPlot chart with a legend entry per series, named by the template.
      const bytesIn = page.locator('[data-dashboard-id="overview"][data-panel-id="bytes-in"]');
      expect(await bytesIn.locator('.u-legend .u-series .u-label').allTextContents()).toEqual(['Time', 'kafka-1', 'kafka-2']);
      expect(await bytesIn.locator('canvas').count()).toBe(1);
      // Thresholds: 0.93 of the disk used is past crit (0.9); a stat panel shows the last values.
      const disk = page.locator('[data-dashboard-id="overview"][data-panel-id="disk-used"]');
      expect(await disk.getAttribute('data-level')).toBe('crit');
      expect(await disk.evaluate((e) => e.ownerDocument.defaultView!.getComputedStyle(e).borderTopColor)).toBe('rgb(214, 39, 40)');
      const up = page.locator('[data-dashboard-id="overview"][data-panel-id="nodes-up"]');
      expect(await up.locator('.stat-value').allTextContents()).toEqual(['1', '1']);
      expect(await up.getAttribute('data-level')).toBe('ok');
      mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: join(ARTIFACTS, 'dashboard-overview.png'), fullPage: true });
      expect(errors).toEqual([]);
      expect(failed).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('shows the ZooKeeper dashboard instead of the KRaft one on a ZooKeeper cluster; a tab shows its charts at full width', async () => {
    fake.mode = 'zookeeper';
    const { page, errors, failed } = await open('#zookeeper');
    try {
      expect(await states(page)).toEqual(expected(fitting('zookeeper'), 'ok'));
      expect(await page.$$eval('#tabs button', (bs) => bs.map((b) => b.textContent))).toContain('ZooKeeper');
      expect(await page.locator('#tabs button', { hasText: 'KRaft' }).count()).toBe(0);
      expect(await page.locator('section[data-dashboard-id="zookeeper"]').isVisible()).toBe(true);
      await page.locator('#tabs button', { hasText: 'Brokers' }).click();
      const brokers = page.locator('section[data-dashboard-id="brokers"]');
      expect(await brokers.isVisible()).toBe(true);
      expect(await page.locator('section[data-dashboard-id="zookeeper"]').isVisible()).toBe(false);
      const panel = brokers.locator('[data-panel-id="leaders"]');
      const [panelWidth, canvasWidth] = await panel.evaluate((e) => [e.querySelector('.panel-body')!.clientWidth, e.querySelector('canvas')!.getBoundingClientRect().width]);
      expect(Math.abs(panelWidth! - canvasWidth!)).toBeLessThan(2);
      expect(page.url()).toMatch(/#brokers$/);
      expect(errors).toEqual([]);
      expect(failed).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it("marks a panel whose query fails 'error' with Prometheus's message, and one without series 'empty'", async () => {
    fake.mode = 'kraft';
    fake.failing = ['kafka_log_log_size'];
    fake.empty = ['kafka_consumergroup_members'];
    const { page, errors, failed } = await open('#topics');
    try {
      const logSize = page.locator('[data-dashboard-id="topics"][data-panel-id="log-size"]');
      expect(await logSize.getAttribute('data-state')).toBe('error');
      expect(await logSize.locator('.panel-message').textContent()).toBe('Error: bad_data: 1:1: parse error: canned failure of sum by (topic) (kafka_log_log_size)');
      expect(await page.locator('[data-dashboard-id="consumer-lag"][data-panel-id="members"]').getAttribute('data-state')).toBe('empty');
      expect(await page.locator('[data-dashboard-id="overview"][data-panel-id="bytes-in"]').getAttribute('data-state')).toBe('ok');
      // The browser itself logs each 400; nothing else goes wrong.
      expect(failed.every((f) => f.includes('kafka_log_log_size') && f.endsWith('HTTP 400'))).toBe(true);
      expect(errors.filter((e) => !e.includes('status of 400'))).toEqual([]);
    } finally {
      await page.close();
      fake.failing = [];
      fake.empty = [];
    }
  });
});
