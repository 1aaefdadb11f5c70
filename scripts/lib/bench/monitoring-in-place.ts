/**
 * The cost of monitoring measured in place, on one monitored sasl_ssl cluster, so that the
 * difference between two deploys (where each one's partitions and leaders land, the page cache) is
 * not in it:
 * 1. Deploy the cluster with monitoring (the JMX exporter agent in every node, Prometheus, the lag
 *    exporter) and make the bench topic.
 * 2. For each pair: stop Prometheus and the lag exporter (the agents then idle: they only work when
 *    scraped) and run the producer perf tool; start them again, wait until Prometheus scrapes every
 *    target, and run it again.
 * 3. Compare the medians (inPlaceCost), then destroy the cluster.
 * What it cannot see: the agent's idle cost, a thread waiting on a socket.
 */
import type { ClusterSpec } from '../../../stacks/model/spec.ts';
import { brokersOf } from '../../../stacks/model/spec.ts';
import { resolveCluster } from '../../../stacks/model/resolve.ts';
import { monitoringUrls } from '../cluster/index.ts';
import { waitFor } from '../core/index.ts';
import { ensureTopic } from '../kafka/index.ts';
import { deployCluster, destroyCluster, removeLeftovers } from '../lifecycle/index.ts';
import { targets } from '../monitoring/index.ts';
import { $ } from 'zx';
import { BENCH_TOPIC, inPlaceCost, runPerf, type MonitoringInPlace } from './throughput-bench.ts';

export async function measureMonitoringInPlace(base: ClusterSpec, records: number, pairs: number, say: (line: string) => void): Promise<MonitoringInPlace> {
  const spec: ClusterSpec = { ...base, security: { mode: 'sasl_ssl' }, monitoring: true };
  const cluster = resolveCluster(spec);
  const m = cluster.monitoring!;
  const helpers = [m.prometheus.containerName, m.lagExporter.containerName];
  const rate = async (): Promise<number> => {
    const r = await runPerf(cluster, records);
    if ('error' in r) throw new Error(`producer perf test failed: ${r.error}`);
    return r.recordsPerSec;
  };
  await removeLeftovers(cluster.name);
  try {
    const { descriptor: d } = await deployCluster(spec, cluster);
    await ensureTopic(d, { name: BENCH_TOPIC, partitions: 3, replicationFactor: Math.min(3, brokersOf(cluster).length) });
    const prometheus = monitoringUrls(m.prometheusPort).prometheusUrl;
    const out: { withoutRecordsPerSec: number; withRecordsPerSec: number }[] = [];
    for (let i = 0; i < pairs; i++) {
      await $({ quiet: true })`docker stop -t 5 ${helpers}`;
      const withoutRecordsPerSec = await rate();
      await $({ quiet: true })`docker start ${helpers}`;
      await waitFor(
        async () => {
          const t = (await targets(prometheus)).filter((x) => x.job !== 'prometheus');
          if (t.length === 0 || t.some((x) => x.health !== 'up')) throw new Error('not every target scraped yet');
          return true;
        },
        { what: 'Prometheus to scrape every target again', timeoutMs: 120_000 },
      );
      const withRecordsPerSec = await rate();
      say(`pair ${i + 1} of ${pairs}: ${withoutRecordsPerSec.toFixed(0)} records/s without, ${withRecordsPerSec.toFixed(0)} with Prometheus scraping`);
      out.push({ withoutRecordsPerSec, withRecordsPerSec });
    }
    return inPlaceCost('sasl_ssl', out);
  } finally {
    await destroyCluster(cluster, { force: true });
  }
}
