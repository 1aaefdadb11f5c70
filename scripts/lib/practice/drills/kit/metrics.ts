/**
 * What the drills diagnosed from monitoring read: the cluster's own Prometheus (its URL from the
 * connection descriptor), queried the way a learner would with the API or the dashboards.
 */
import { monitoringUrls } from '../../../cluster/index.ts';
import { query, type Sample } from '../../../monitoring/index.ts';
import { waitFor } from '../../../core/index.ts';
import type { DrillContext } from './types.ts';

/** The Prometheus base URL of the drill's cluster; throws with the fix when monitoring is off. */
export function prometheusOf(ctx: DrillContext): string {
  if (ctx.d.monitoring) return ctx.d.monitoring.prometheusUrl;
  if (ctx.cluster.monitoring) return monitoringUrls(ctx.cluster.monitoring.prometheusPort).prometheusUrl;
  throw new Error(`cluster '${ctx.cluster.name}' has no monitoring: npm run up -- --cluster ${ctx.cluster.name} --monitoring`);
}

/** Where a learner looks: the dashboards page, or the Prometheus API. */
export const dashboardsOf = (ctx: DrillContext): string => `${prometheusOf(ctx)}/user/index.html`;

export const metricQuery = (ctx: DrillContext, promql: string): Promise<Sample[]> => query(prometheusOf(ctx), promql);

/**
 * Wait until Prometheus shows what a setup staged (the scenario is only ready when the learner's
 * tools can see it): `ready` judges the samples of `promql`, returning why not when they fall short.
 */
export async function waitForMetric(ctx: DrillContext, promql: string, ready: (samples: readonly Sample[]) => string | undefined, what: string, timeoutMs = 120_000): Promise<Sample[]> {
  return waitFor(
    async () => {
      const samples = await metricQuery(ctx, promql);
      const why = ready(samples);
      if (why) throw new Error(why);
      return samples;
    },
    { what, timeoutMs, intervalMs: 2000 },
  );
}

/** `a=1, b=2`: samples by one label, for a criterion or a solution's narration. */
export const showSamples = (samples: readonly Sample[], label: string): string =>
  samples.length === 0 ? 'none' : samples.map((s) => `${s.labels[label] ?? '?'}=${Number.isInteger(s.value) ? s.value : s.value.toFixed(3)}`).join(', ');
