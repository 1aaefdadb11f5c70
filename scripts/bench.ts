#!/usr/bin/env -S npx tsx
import { cpus, totalmem } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveCluster } from '../stacks/model/resolve.ts';
import { DEFAULT_CLUSTER, PRESETS } from '../stacks/model/presets.ts';
import { COMMANDS, projectRoot, runMain } from './lib/core/index.ts';
import { deployCluster, destroyCluster, removeLeftovers } from './lib/lifecycle/index.ts';
import { measureMonitoringInPlace, ALL_MODES, BENCH_NOTE, type LifecycleResult, measureLifecycle, type BenchResult, type BenchSample, measureMode, measureRoll, medianSample, monitoringCost, type ThroughputSample, type PresetResult, type RollBenchResult, summarizePreset, type ThroughputReport, timeDeployToVerified, timeDockerRunToVerified, withRatios } from './lib/bench/index.ts';
import { runSetup } from './lib/engine/index.ts';
import { EXIT, UsageError } from '../stacks/model/errors.ts';

const rate = (x: ThroughputSample): string => (x.result ? `${x.result.recordsPerSec.toFixed(0)}/s` : `failed (${x.error})`);

await runMain(
  COMMANDS.bench,
  async (flags) => {
    const runs = Number(flags.runs ?? 1);
    if (!Number.isInteger(runs) || runs < 1 || runs > 10) throw new UsageError(`'--runs' (${flags.runs}) must be a whole number from 1 to 10`);
    const presets = flags.preset ?? Object.keys(PRESETS);
    const unknown = presets.filter((p) => !PRESETS[p]);
    if (unknown.length > 0) throw new UsageError(`'--preset' (${unknown.join(', ')}) is not a preset: use ${Object.keys(PRESETS).join(', ')}`);
    const suite = flags.suite ?? 'all';
    if (!['deploy', 'throughput', 'roll', 'lifecycle', 'all'].includes(suite)) throw new UsageError(`'--suite' (${suite}) is not a suite: use deploy, throughput, roll, lifecycle or all`);
    const records = Number(flags.records ?? 100_000);
    if (!Number.isInteger(records) || records < 1000) throw new UsageError(`'--records' (${flags.records}) must be a whole number of at least 1000`);
    const startedAt = new Date().toISOString();
    const results: PresetResult[] = [];
    for (const [i, preset] of (suite === 'deploy' || suite === 'all' ? presets : []).entries()) {
      // The preset's shape under a bench-only name and ports, so running preset clusters are untouched.
      const spec = { ...PRESETS[preset]!, name: `bench-${preset}`, basePort: 39092 + 100 * i };
      const cluster = resolveCluster(spec);
      await runSetup([cluster.kafkaVersion]);
      await removeLeftovers(cluster.name);
      const samples: BenchSample[] = [];
      for (let r = 0; r < runs; r++) {
        samples.push(await timeDeployToVerified(spec, cluster));
        samples.push(await timeDockerRunToVerified(cluster));
      }
      const result = summarizePreset(preset, cluster, samples);
      console.error(`${preset}: deploy ${result.deployToVerifiedSeconds}s, floor ${result.floorSeconds}s, ratio ${result.ratio}`);
      results.push(result);
    }
    let throughput: ThroughputReport | undefined;
    if (suite === 'throughput' || suite === 'all') {
      // The same cluster shape for every mode: 3 combined nodes on Kafka 4.4.0.
      const base = { name: 'bench-throughput', brokers: 3, basePort: 39992 };
      await runSetup(['4.4.0']);
      const samples = [];
      for (const mode of ALL_MODES) {
        const sample = await measureMode(base, mode, records);
        console.error(`throughput ${mode}: ${sample.result ? `${sample.result.recordsPerSec.toFixed(0)} records/s` : `failed: ${sample.error}`}`);
        samples.push(sample);
      }
      // The cost of monitoring: sasl_ssl with the exporters and Prometheus on, in --runs pairs
      // (with, then without again), medians compared.
      const plain: ThroughputSample[] = samples.filter((x) => x.mode === 'sasl_ssl');
      const monitored: ThroughputSample[] = [];
      for (let r = 0; r < runs; r++) {
        monitored.push(await measureMode(base, 'sasl_ssl', records, true));
        if (r > 0) plain.push(await measureMode(base, 'sasl_ssl', records));
        console.error(`throughput sasl_ssl: ${plain.map(rate).join(', ')}; monitored: ${monitored.map(rate).join(', ')}`);
      }
      const cost = monitoringCost(medianSample(plain), medianSample(monitored)!);
      // The same comparison on one cluster, in turns, without the variance between two deploys.
      const inPlace = await measureMonitoringInPlace(base, records, Math.max(3, runs), (line) => console.error(`throughput sasl_ssl in place: ${line}`));
      console.error(`throughput sasl_ssl in place: median ${inPlace.withoutMedian.toFixed(0)} records/s without, ${inPlace.withMedian.toFixed(0)} with monitoring: cost ${inPlace.costPercent}%`);
      throughput = {
        benchmark: 'producer-throughput-per-security-mode',
        cluster: { brokers: 3, mode: 'kraft-combined', kafkaVersion: '4.4.0' },
        recordSizeBytes: 1024,
        acks: 'all',
        records,
        modes: withRatios(samples),
        ...(cost ? { monitoring: cost } : {}),
        monitoringInPlace: inPlace,
      };
    }
    let roll: RollBenchResult | undefined;
    if (suite === 'roll' || suite === 'all') {
      // The default cluster's shape (and security) under a bench-only name and ports.
      const spec = { ...PRESETS[DEFAULT_CLUSTER]!, name: 'bench-roll', basePort: 39792 };
      const cluster = resolveCluster(spec);
      await runSetup([cluster.kafkaVersion]);
      await removeLeftovers(cluster.name);
      try {
        const { descriptor: d } = await deployCluster(spec, cluster);
        roll = await measureRoll(cluster, d, (text) => console.error(`roll: ${text}`));
        console.error(`roll: ${roll.totalMs} ms against a floor of ${roll.floorMs} ms (${roll.totalOverFloor}x), longest stall ${roll.maxStallMs} ms, lost ${roll.lost}`);
        console.error(`roll: the same restarts took ${roll.breakdown.restartsMs} ms with traffic (${roll.breakdown.restartsOverFloor}x the floor); ${roll.breakdown.aroundRestartsMs} ms went around them (safety waits ${roll.breakdown.safeWaitMs} ms, elections ${roll.breakdown.electionMs} ms, clients)`);
      } finally {
        await destroyCluster(cluster, { force: true });
      }
    }
    const lifecycle: LifecycleResult[] = [];
    for (const [i, preset] of (suite === 'lifecycle' || suite === 'all' ? presets : []).entries()) {
      const spec = { ...PRESETS[preset]!, name: `bench-life-${preset}`, basePort: 39092 + 100 * i };
      const cluster = resolveCluster(spec);
      await runSetup([cluster.kafkaVersion]);
      const result = await measureLifecycle(preset, spec, cluster, (text) => console.error(`lifecycle ${text}`));
      const path = join(projectRoot, 'bench-results', `lifecycle-${preset}-${result.startedAt.replace(/[:.]/g, '-')}.json`);
      mkdirSync(join(projectRoot, 'bench-results'), { recursive: true });
      writeFileSync(path, `${JSON.stringify({ preset, steps: result.steps }, null, 2)}\n`);
      console.error(`lifecycle ${preset}: written to ${path}`);
      lifecycle.push(result);
    }
    if (suite === 'lifecycle') return lifecycle.every((r) => r.steps.every((s) => s.ok)) ? EXIT.ok : EXIT.failed;
    const out: BenchResult & { throughput?: ThroughputReport; roll?: RollBenchResult } = {
      benchmark: 'deploy-to-verified',
      startedAt,
      runs,
      machine: { cpus: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30) },
      presets: results,
      note: BENCH_NOTE,
      ...(throughput ? { throughput } : {}),
      ...(roll ? { roll } : {}),
    };
    const text = `${JSON.stringify(out, null, 2)}\n`;
    const dir = join(projectRoot, 'bench-results');
    mkdirSync(dir, { recursive: true });
    const path = flags.out ?? join(dir, `bench-${startedAt.replace(/[:.]/g, '-')}.json`);
    writeFileSync(path, text);
    if (!flags.out) writeFileSync(join(dir, 'latest.json'), text);
    process.stdout.write(text);
    console.error(`written to ${path}`);
    const throughputOk = !throughput || throughput.modes.every((m) => m.result);
    const lifecycleOk = lifecycle.every((r) => r.steps.every((s) => s.ok));
    return results.every((r) => r.ok) && throughputOk && (roll?.ok ?? true) && lifecycleOk ? EXIT.ok : EXIT.failed;
  },
);
