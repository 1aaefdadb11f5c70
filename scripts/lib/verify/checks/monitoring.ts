/**
 * Verify checks of a monitored cluster: Prometheus scrapes every node and the lag exporter, and
 * no alert fires.
 */
import { monitoringUrls } from '../../cluster/index.ts';
import { alerts, targets } from '../../monitoring/index.ts';
import type { SingleCheck } from '../check.ts';
import type { ResolvedCluster } from '../../../../stacks/model/spec.ts';

const monitored = (cluster: ResolvedCluster): boolean => Boolean(cluster.monitoring);
const prometheusOf = (cluster: ResolvedCluster): string => monitoringUrls(cluster.monitoring!.prometheusPort).prometheusUrl;

export const metricsScraped: SingleCheck = {
  id: 'metrics-scraped',
  name: () => "every node's metrics scraped by Prometheus",
  applies: monitored,
  async run({ cluster, waitFor }) {
    const want = cluster.nodes.length + (cluster.zookeeper?.servers.length ?? 0) + 1;
    const list = await waitFor(async () => {
      const t = (await targets(prometheusOf(cluster))).filter((x) => x.job !== 'prometheus');
      const down = t.filter((x) => x.health !== 'up');
      if (t.length !== want) throw new Error(`${t.length} targets, expected ${want} (every node and the lag exporter)`);
      if (down.length > 0) throw new Error(`not scraped yet: ${down.map((x) => `${x.labels.node ?? x.job} (${x.health}${x.lastError ? `: ${x.lastError}` : ''})`).join(', ')}`);
      return t;
    }, 'Prometheus to scrape every target');
    const jobs = [...new Set(list.map((x) => x.job))].sort();
    return `${list.length} targets up (${jobs.join(', ')}) on ${prometheusOf(cluster)}`;
  },
};

export const noAlertFiring: SingleCheck = {
  id: 'no-alert-firing',
  name: () => 'no alert firing',
  applies: monitored,
  after: [metricsScraped.id],
  async run({ cluster, waitFor }) {
    // An alert of a node that was starting (its scrapes timed out) clears once it is scraped again.
    const list = await waitFor(async () => {
      const all = await alerts(prometheusOf(cluster));
      const firing = all.filter((a) => a.state === 'firing');
      if (firing.length > 0) throw new Error(`firing: ${firing.map((a) => `${a.name} (${a.summary})`).join('; ')}; see npm run alerts`);
      return all;
    }, 'no alert firing');
    const pending = list.filter((a) => a.state === 'pending');
    return pending.length > 0 ? `none firing; pending: ${pending.map((a) => a.name).join(', ')}` : 'none firing';
  },
};
