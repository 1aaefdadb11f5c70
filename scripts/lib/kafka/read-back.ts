/**
 * A whole topic read once, from its beginning to its end, by kcat (librdkafka) assigned to every
 * partition: no consumer group, so a check reads without waiting for a group to form and without
 * creating `__consumer_offsets` (50 partitions) on a fresh cluster.
 */
import { existsSync } from 'node:fs';
import { $ } from 'zx';
import type { ConnectionDescriptor } from '../cluster/index.ts';
import { kcatWrapperPath } from '../engine/index.ts';
import type { InRecord } from './data.ts';

/** One line of `kcat -J`. */
interface KcatRecord {
  readonly partition: number;
  readonly offset: number;
  readonly key: string | null;
  readonly payload: string | null;
}

/** The records of kcat's `-J` output (one JSON object per line; other lines ignored). */
export function parseKcatJson(output: string): InRecord[] {
  const records: InRecord[] = [];
  for (const line of output.split('\n')) {
    if (!line.startsWith('{')) continue;
    const r = JSON.parse(line) as KcatRecord;
    records.push({ partition: r.partition, offset: String(r.offset), key: r.key ?? null, value: r.payload ?? null });
  }
  return records;
}

/** Whether kcat is installed (npm run setup installs it). */
export function canReadWithKcat(): boolean {
  return existsSync(kcatWrapperPath());
}

/**
 * Every record of `topic` up to each partition's end, as the admin (the descriptor's kcat config).
 * Throws with kcat's own words when it fails (e.g. the topic has no leader yet).
 */
export async function readWholeTopic(d: ConnectionDescriptor, topic: string, timeoutMs = 30_000): Promise<InRecord[]> {
  const args = ['-F', d.kcatConfig, '-q', '-C', '-t', topic, '-o', 'beginning', '-e', '-J'];
  const out = await $({ quiet: true, nothrow: true, timeout: timeoutMs })`${kcatWrapperPath()} ${args}`;
  if (out.exitCode !== 0) {
    const why = out.stderr.trim().split('\n').filter(Boolean).slice(-1)[0] ?? `exit ${out.exitCode ?? out.signal}`;
    throw new Error(`kcat could not read '${topic}': ${why}`);
  }
  return parseKcatJson(out.stdout);
}
