/**
 * What the monitoring end-to-end files share: Prometheus queries with a deadline, `npm run alerts
 * -- --json`, a consumer group that stops reading, and the dashboards page opened in Debian's
 * Chromium (playwright-core) with its panels' states, console errors and a screenshot.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { ConnectionDescriptor } from '../../scripts/lib/cluster/descriptor.ts';
import { projectRoot } from '../../scripts/lib/core/paths.ts';
import { waitFor } from '../../scripts/lib/core/index.ts';
import { ensureChromium } from '../../scripts/lib/engine/chromium.ts';
import { consumeAndCommit, ensureTopic, produceRecords } from '../../scripts/lib/kafka/index.ts';
import { query, type Sample } from '../../scripts/lib/monitoring/index.ts';
import { npmRun } from './helpers.ts';

export const ARTIFACTS = join(projectRoot, 'test-artifacts');

/** Poll `promql` on the cluster's Prometheus until `ok(samples)` holds. */
export async function waitForQuery(d: ConnectionDescriptor, promql: string, ok: (s: Sample[]) => boolean, what: string, timeoutMs = 180_000): Promise<Sample[]> {
  let last: Sample[] = [];
  return waitFor(
    async () => {
      last = await query(d.monitoring!.prometheusUrl, promql);
      if (!ok(last)) throw new Error(`${promql} = ${JSON.stringify(last.map((s) => [s.labels.node ?? s.labels.group ?? '', s.value]))}`);
      return last;
    },
    { what, timeoutMs, intervalMs: 2000 },
  );
}

export interface AlertsJson {
  readonly alerts: readonly { name: string; severity: string; labels: Record<string, string>; since: string; summary: string }[];
}

/** `npm run alerts -- --cluster C --json`, parsed. */
export async function alertsJson(cluster: string): Promise<AlertsJson> {
  const r = await npmRun('alerts', ['--cluster', cluster, '--json']);
  // The reason on the error's first line: a wait that times out shows only that line.
  if (r.code !== 0) throw new Error(`npm run alerts exited ${r.code}: ${`${r.stderr}\n${r.stdout}`.trim().split('\n').slice(-3).join(' | ')}`);
  return JSON.parse(r.stdout) as AlertsJson;
}

/** Poll `npm run alerts` until `ok` holds. */
export async function waitForAlerts(cluster: string, ok: (a: AlertsJson) => boolean, what: string, timeoutMs = 240_000): Promise<AlertsJson> {
  return waitFor(
    async () => {
      const a = await alertsJson(cluster);
      if (!ok(a)) throw new Error(`alerts: ${JSON.stringify(a.alerts.map((x) => [x.name, x.labels.node ?? x.labels.group ?? '']))}`);
      return a;
    },
    { what, timeoutMs, intervalMs: 3000 },
  );
}

/** A group that read `topic` to its end and committed, then stopped; `more` records are written after it. */
export async function stoppedGroup(d: ConnectionDescriptor, topic: string, group: string, more: number): Promise<void> {
  await ensureTopic(d, { name: topic, partitions: 3, replicationFactor: 3 });
  await produceRecords(d, topic, Array.from({ length: 10 }, (_, i) => ({ key: `k${i}`, value: `before ${i}` })));
  await consumeAndCommit(d, topic, group);
  await produceRecords(d, topic, Array.from({ length: more }, (_, i) => ({ key: `k${i}`, value: `after ${i}` })));
}

export interface PageLook {
  /** `<dashboard>/<panel>: <state>` of every panel drawn. */
  readonly states: readonly string[];
  readonly errors: readonly string[];
  readonly failed: readonly string[];
}

/** Open the dashboards page, wait until no panel is loading, screenshot it to test-artifacts/<shot>.png. */
export async function lookAtDashboards(url: string, shot: string): Promise<PageLook> {
  const browser = await chromium.launch({ executablePath: await ensureChromium(), headless: true, args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    const errors: string[] = [];
    const failed: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('requestfailed', (r) => failed.push(`${r.url()}: ${r.failure()?.errorText}`));
    page.on('response', (r) => r.status() >= 400 && failed.push(`${r.url()}: HTTP ${r.status()}`));
    await page.goto(url);
    await page.waitForFunction(
      `document.querySelector('[data-panel-id]') !== null && [...document.querySelectorAll('[data-panel-id]')].every((p) => p.dataset.state !== 'loading')`,
      undefined,
      // A loaded CI machine (two e2e files side by side) once took over 60 s to draw every panel.
      { timeout: 180_000 },
    );
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, `${shot}.png`), fullPage: true });
    const states = await page.$$eval('[data-panel-id]', (els) =>
      els.map((e) => `${e.getAttribute('data-dashboard-id')}/${e.getAttribute('data-panel-id')}: ${e.getAttribute('data-state')}`),
    );
    return { states: states.sort(), errors, failed };
  } finally {
    await browser.close();
  }
}
