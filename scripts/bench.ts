#!/usr/bin/env -S npx tsx
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveCluster } from '../stacks/model/resolve.ts';
import { PRESETS, DEFAULT_CLUSTER } from '../stacks/model/presets.ts';
import { EXIT, UsageError, runMain } from './lib/cli.ts';
import { removeLeftovers } from './lib/cluster-ops.ts';
import { summarize, timeDeployToVerified, timeDockerRunToVerified, type BenchSample } from './lib/bench.ts';
import { projectRoot } from './lib/paths.ts';
import { runSetup } from './lib/setup.ts';

await runMain(
  {
    name: 'bench',
    summary:
      'Cold deploy-to-verified time of the default cluster shape through cdktf, against the floor (the same containers started with docker directly) measured in the same run. Writes JSON.',
    flags: {
      runs: { type: 'string', description: 'pairs of measurements (default 1); the medians are reported' },
      out: { type: 'string', description: 'output file (default bench-results/deploy-<time>.json and bench-results/latest.json)' },
    },
  },
  async (flags) => {
    const runs = Number(flags.runs ?? 1);
    if (!Number.isInteger(runs) || runs < 1 || runs > 10) throw new UsageError(`'--runs' (${flags.runs}) must be a whole number from 1 to 10`);
    // The default cluster's shape under its own name and ports, so a running default cluster is untouched.
    const spec = { ...PRESETS[DEFAULT_CLUSTER]!, name: 'bench-kraft-3', basePort: 39092 };
    const cluster = resolveCluster(spec);
    await runSetup([cluster.kafkaVersion]);
    await removeLeftovers(cluster.name);
    const startedAt = new Date().toISOString();
    const samples: BenchSample[] = [];
    for (let i = 0; i < runs; i++) {
      samples.push(await timeDeployToVerified(spec, cluster));
      samples.push(await timeDockerRunToVerified(cluster));
    }
    const result = summarize(cluster, startedAt, samples);
    const text = `${JSON.stringify(result, null, 2)}\n`;
    const dir = join(projectRoot, 'bench-results');
    mkdirSync(dir, { recursive: true });
    const out = flags.out ?? join(dir, `deploy-${startedAt.replace(/[:.]/g, '-')}.json`);
    writeFileSync(out, text);
    if (!flags.out) writeFileSync(join(dir, 'latest.json'), text);
    process.stdout.write(text);
    console.error(`written to ${out}`);
    return samples.every((s) => s.ok) ? EXIT.ok : EXIT.failed;
  },
);
