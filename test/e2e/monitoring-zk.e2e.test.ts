/**
 * Monitoring of a ZooKeeper-mode cluster (Kafka 3.9.1, plaintext): the ensemble scraped too, 0
 * under-replicated partitions, the dashboards (with the ZooKeeper one) drawn in Debian's Chromium
 * (alerts fire on the same `up` series in both modes: monitoring.e2e.test.ts stops a broker);
 * then, monitoring off, the ZooKeeper shape's validated roll on the same cluster (1 ZooKeeper
 * server + 3 brokers).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { $ } from 'zx';
import { readDescriptor, type ConnectionDescriptor } from '../../scripts/lib/cluster/descriptor.ts';
import { clusterLeftovers } from '../../scripts/lib/core/docker.ts';
import { removeLeftovers } from '../../scripts/lib/lifecycle/cluster-lifecycle.ts';
import { targets } from '../../scripts/lib/monitoring/index.ts';
import { E2E_CLUSTERS } from './clusters.ts';
import { ROLL_TIMEOUT_MS, validatedRoll } from './roll-helpers.ts';
import { npmRun, show, specFile } from './helpers.ts';
import { lookAtDashboards, waitForQuery } from './monitoring-helpers.ts';

const { name: NAME, basePort } = E2E_CLUSTERS.monitoringZk;

describe('a monitored ZooKeeper-mode cluster', () => {
  let d: ConnectionDescriptor;
  let spec: string;

  beforeAll(async () => {
    await removeLeftovers(NAME);
    spec = specFile({ name: NAME, basePort, mode: 'zookeeper', zookeepers: 1, security: { mode: 'plaintext' }, monitoring: { scrapeIntervalSeconds: 5 } });
    const r = await npmRun('up', ['--cluster', spec]);
    expect(r.code, show(r)).toBe(0);
    d = readDescriptor(NAME)!;
  });

  afterAll(async () => {
    const r = await npmRun('down', ['--cluster', NAME, '--force']);
    expect(r.code, show(r)).toBe(0);
    expect(await clusterLeftovers(NAME)).toEqual({ containers: [], networks: [], volumes: [] });
  });

  it('scrapes the brokers, the ZooKeeper server and the lag exporter; 0 under-replicated partitions', async () => {
    const t = await targets(d.monitoring!.prometheusUrl);
    expect(t.filter((x) => x.job !== 'prometheus').map((x) => `${x.job}/${x.labels.node ?? ''}: ${x.health}`).sort()).toEqual([
      'kafka/kafka-1: up',
      'kafka/kafka-2: up',
      'kafka/kafka-3: up',
      'lag-exporter/: up',
      'zookeeper/zookeeper-1: up',
    ]);
    const urp = await waitForQuery(d, 'kafka_server_replicamanager_underreplicatedpartitions', (s) => s.length === 3, 'the under-replicated gauge of every broker');
    expect(urp.every((s) => s.value === 0)).toBe(true);
    const zk = await waitForQuery(d, '{job="zookeeper", __name__=~"zookeeper_.*"}', (s) => s.length > 0, 'metrics of the ZooKeeper server');
    expect(zk.length).toBeGreaterThan(5);
  });

  it('draws the dashboards, the ZooKeeper one among them, with no console error', async () => {
    const look = await lookAtDashboards(d.monitoring!.dashboardUrl, 'dashboard-zookeeper-mode');
    expect(look.errors).toEqual([]);
    expect(look.failed).toEqual([]);
    expect(look.states.some((s) => s.startsWith('zookeeper/'))).toBe(true);
    expect(look.states.some((s) => s.startsWith('kraft/'))).toBe(false);
    expect(look.states.filter((s) => s.endsWith(': error'))).toEqual([]);
  });

  it('turns monitoring off with --no-monitoring: Prometheus, its volume and the exporter go, the nodes roll without the agent', async () => {
    const r = await npmRun('up', ['--cluster', spec, '--no-monitoring']);
    expect(r.code, show(r)).toBe(0);
    expect(r.stdout).not.toContain('no alert firing');
    const left = await $({ quiet: true })`docker ps -a --filter ${`label=dev.kafkalab.cluster=${NAME}`} --format {{.Names}}`;
    expect(left.stdout.trim().split('\n').sort()).toEqual([1, 2, 3].map((i) => `kafkalab-${NAME}-kafka-${i}`).concat(`kafkalab-${NAME}-zookeeper-1`).sort());
    const volumes = await $({ quiet: true })`docker volume ls --format {{.Name}}`;
    expect(volumes.stdout).not.toContain(`kafkalab-${NAME}-prometheus-data`);
    const script = await $({ quiet: true })`docker exec kafkalab-${NAME}-kafka-1 cat /opt/kafka/config/start.sh`;
    expect(script.stdout).not.toContain('javaagent');
    const info = await npmRun('info', ['--cluster', NAME, '--json']);
    expect((JSON.parse(info.stdout) as { monitoring?: unknown }).monitoring).toBeUndefined();
  });

  it('rolls ZooKeeper (with a warning: it is alone) then the brokers, losing nothing', async () => {
    const report = await validatedRoll(spec, (order) => {
      expect(order[0]).toBe('zookeeper-1');
      expect(order.slice(1).map(Number).sort()).toEqual([1, 2, 3]);
    });
    expect(report.warnings.join('\n')).toContain('zookeeper-1 is the only ZooKeeper server');
  }, ROLL_TIMEOUT_MS);
});
