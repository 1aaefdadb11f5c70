/**
 * The cost of monitoring measured in place, on one monitored sasl_ssl cluster, so that the
 * difference between two deploys (where each one's partitions and leaders land, the page cache) is
 * not in it:
 * 1. Deploy the cluster with monitoring (the JMX exporter agent in every node, Prometheus, the lag
 *    exporter) and make the bench topic.
 * 2. One run not counted: a new cluster's first run is far slower (measured: 8,065 records/s, then
 *    19,656 and 20,471 on the same cluster), as the JIT and the page cache warm up.
 * 3. For each pair, in turns (without first in odd pairs, with first in even ones, so that a
 *    drift over time does not favour one side): Prometheus and the lag exporter stopped (the agents
 *    then idle: they only work when scraped), or running with every target scraped; the producer
 *    perf tool each time.
 * 4. Compare the medians (inPlaceCost), then destroy the cluster.
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
    const stopped = async (): Promise<number> => {
      await $({ quiet: true, nothrow: true })`docker stop -t 5 ${helpers}`;
      return rate();
    };
    const scraped = async (): Promise<number> => {
      await $({ quiet: true })`docker start ${helpers}`;
      await waitFor(
        async () => {
          const t = (await targets(prometheus)).filter((x) => x.job !== 'prometheus');
          if (t.length === 0 || t.some((x) => x.health !== 'up')) throw new Error('not every target scraped yet');
          return true;
        },
        { what: 'Prometheus to scrape every target again', timeoutMs: 120_000 },
      );
      return rate();
    };
    say(`warm-up run (not counted): ${(await rate()).toFixed(0)} records/s`);
    const out: { withoutRecordsPerSec: number; withRecordsPerSec: number }[] = [];
    for (let i = 0; i < pairs; i++) {
      const withoutFirst = i % 2 === 0;
      const first = withoutFirst ? await stopped() : await scraped();
      const second = withoutFirst ? await scraped() : await stopped();
      const pair = withoutFirst ? { withoutRecordsPerSec: first, withRecordsPerSec: second } : { withoutRecordsPerSec: second, withRecordsPerSec: first };
      say(`pair ${i + 1} of ${pairs} (${withoutFirst ? 'without' : 'with'} first): ${pair.withoutRecordsPerSec.toFixed(0)} records/s without, ${pair.withRecordsPerSec.toFixed(0)} with Prometheus scraping`);
      out.push(pair);
    }
    return inPlaceCost('sasl_ssl', out);
  } finally {
    await destroyCluster(cluster, { force: true });
  }
}
