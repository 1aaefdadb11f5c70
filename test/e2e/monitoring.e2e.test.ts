/**
 * Monitoring of a KRaft cluster, end to end (sasl_ssl, scraped every 5 s): every node's metrics in
 * Prometheus, 0 under-replicated partitions, a stopped broker's alerts firing then clearing in
 * `npm run alerts`, the lag of a group that stopped reading growing, and the dashboards drawn with
 * real data in Debian's Chromium (screenshot in test-artifacts/).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { $ } from 'zx';
import { readDescriptor, type ConnectionDescriptor } from '../../scripts/lib/cluster/descriptor.ts';
import { clusterLeftovers } from '../../scripts/lib/core/docker.ts';
import { removeLeftovers } from '../../scripts/lib/lifecycle/cluster-lifecycle.ts';
import { produceRecords } from '../../scripts/lib/kafka/index.ts';
import { targets } from '../../scripts/lib/monitoring/index.ts';
import { E2E_CLUSTERS } from './clusters.ts';
import { npmRun, show, specFile } from './helpers.ts';
import { lookAtDashboards, stoppedGroup, waitForAlerts, waitForQuery } from './monitoring-helpers.ts';

const { name: NAME, basePort } = E2E_CLUSTERS.monitoring;
const VICTIM = `kafkalab-${NAME}-kafka-3`;

describe('a monitored KRaft cluster', () => {
  let d: ConnectionDescriptor;

  beforeAll(async () => {
    await removeLeftovers(NAME);
    const r = await npmRun('up', ['--cluster', specFile({ name: NAME, basePort, monitoring: { scrapeIntervalSeconds: 5 } }), '--monitoring']);
    expect(r.code, show(r)).toBe(0);
    expect(r.stdout).toContain("✔ every node's metrics scraped by Prometheus");
    expect(r.stdout).toContain('✔ no alert firing');
    d = readDescriptor(NAME)!;
  });

  afterAll(async () => {
    await $({ quiet: true, nothrow: true })`docker start ${VICTIM}`;
    const r = await npmRun('down', ['--cluster', NAME, '--force']);
    expect(r.code, show(r)).toBe(0);
    expect(await clusterLeftovers(NAME)).toEqual({ containers: [], networks: [], volumes: [] });
  });

  it('info --json names Prometheus and the dashboards on 127.0.0.1', async () => {
    const r = await npmRun('info', ['--cluster', NAME, '--json']);
    expect(r.code, show(r)).toBe(0);
    const port = basePort + 18;
    expect((JSON.parse(r.stdout) as { monitoring: unknown }).monitoring).toEqual({
      prometheusUrl: `http://127.0.0.1:${port}`,
      dashboardUrl: `http://127.0.0.1:${port}/user/index.html`,
    });
  });

  it("scrapes every node's exporter and the lag exporter, and every broker reports 0 under-replicated partitions", async () => {
    const t = await targets(d.monitoring!.prometheusUrl);
    expect(t.filter((x) => x.job === 'kafka').map((x) => `${x.labels.node}: ${x.health}`).sort()).toEqual(['kafka-1: up', 'kafka-2: up', 'kafka-3: up']);
    expect(t.find((x) => x.job === 'lag-exporter')?.health).toBe('up');
    const urp = await waitForQuery(d, 'kafka_server_replicamanager_underreplicatedpartitions', (s) => s.length === 3, 'the under-replicated gauge of every broker');
    expect(urp.map((s) => `${s.labels.node}=${s.value}`).sort()).toEqual(['kafka-1=0', 'kafka-2=0', 'kafka-3=0']);
  });

  it('fires broker-down and under-replicated alerts when a broker stops, and clears them when it is back', async () => {
    await $({ quiet: true })`docker stop -t 10 ${VICTIM}`;
    const fired = await waitForAlerts(
      NAME,
      (a) => a.alerts.some((x) => x.name === 'KafkaNodeDown' && x.labels.node === 'kafka-3') && a.alerts.some((x) => x.name === 'KafkaUnderReplicatedPartitions'),
      'KafkaNodeDown of kafka-3 and KafkaUnderReplicatedPartitions to fire',
    );
    const down = fired.alerts.find((x) => x.name === 'KafkaNodeDown')!;
    expect(down).toMatchObject({ severity: 'critical', labels: expect.objectContaining({ node: 'kafka-3', job: 'kafka' }) });
    expect(down.summary).toContain('kafka-3');
    expect(Number.isNaN(Date.parse(down.since))).toBe(false);
    await $({ quiet: true })`docker start ${VICTIM}`;
    await waitForAlerts(NAME, (a) => !a.alerts.some((x) => ['KafkaNodeDown', 'KafkaUnderReplicatedPartitions'].includes(x.name)), 'both alerts to clear');
  });
  it('shows the lag of a group that stopped reading, growing as records arrive', async () => {
    await stoppedGroup(d, 'mon-orders', 'mon-billing', 30);
    const lag = 'sum(kafka_consumergroup_lag{group="mon-billing",topic="mon-orders"})';
    await waitForQuery(d, lag, (s) => s[0]?.value === 30, 'a lag of 30');
    await produceRecords(d, 'mon-orders', Array.from({ length: 20 }, (_, i) => ({ value: `later ${i}` })));
    await waitForQuery(d, lag, (s) => s[0]?.value === 50, 'the lag grown to 50');
    const members = await waitForQuery(d, 'kafka_consumergroup_members{group="mon-billing"}', (s) => s.length === 1, 'the group members gauge');
    expect(members[0]!.value).toBe(0);
  });

  it('draws every dashboard panel with data, and no console error', async () => {
    const look = await lookAtDashboards(d.monitoring!.dashboardUrl, 'dashboard-overview');
    expect(look.errors).toEqual([]);
    expect(look.failed).toEqual([]);
    expect(look.states.length).toBeGreaterThan(20);
    expect(look.states.filter((s) => !s.endsWith(': ok'))).toEqual([]);
  });
});
