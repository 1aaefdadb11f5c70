/**
 * Building blocks the drills share: graded criteria that never throw, topics seeded with known
 * records, the "service restored" criteria, learner files.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brokersOf } from '../../../../../stacks/model/spec.ts';
import { deleteTopicsIfPresent, describeBrokers, describePartitions, ensureTopic, type PartitionState, produceRecords, readTopic, withAdmin } from '../../../kafka/index.ts';
import { describeDown, nodeHealth } from './nodes.ts';
import { criterion, type Criterion, type DrillContext } from './types.ts';

/**
 * What a criterion saw when its look failed: the error's first line, and for errors that only say
 * how the client felt, what they mean for the cluster.
 */
export function sawFromError(error: unknown): string {
  const first = error instanceof Error ? error.message.split('\n')[0]! : String(error);
  if (/There is no leader for this topic-partition|LEADER_NOT_AVAILABLE/i.test(first)) {
    return `a partition has no leader (a broker holding its only in-sync replica is down, or an election is under way), so the cluster could not be read whole: ${first}`;
  }
  return first;
}

/** Run one criterion; an exception is a failed criterion that shows the error. */
export async function grade(name: string, fn: () => Promise<{ ok: boolean; saw: string }>): Promise<Criterion> {
  try {
    const r = await fn();
    return criterion(name, r.ok, r.saw);
  } catch (error) {
    return criterion(name, false, sawFromError(error));
  }
}

/** A criterion not tried because an earlier one failed. */
export const notTried = (name: string, because: string): Criterion => criterion(name, false, `not checked: ${because}`);

/** `p0 [1,2,3]`-style summary of partitions. */
export const showPartitions = (parts: readonly PartitionState[], what: (p: PartitionState) => string): string =>
  parts.map((p) => `p${p.partition} ${what(p)}`).join(', ');

/** Partitions of a topic, or undefined when it does not exist. */
export async function partitionsOf(ctx: DrillContext, topic: string): Promise<PartitionState[] | undefined> {
  const d = await ctx.live();
  const exists = await withAdmin(d, async (admin) => (await admin.listTopics()).includes(topic));
  if (!exists) return undefined;
  return (await describePartitions(d, [topic])).sort((a, b) => a.partition - b.partition);
}

/** The ids of the cluster's first `n` brokers. */
export const brokerIds = (ctx: DrillContext, n = 3): number[] => brokersOf(ctx.cluster).slice(0, n).map((b) => b.id);

/** Values of the records a drill seeds: `<topic> #<i> <marker>`, so a grader can find every one. */
export function seedValues(topic: string, count: number, marker: string): string[] {
  return Array.from({ length: count }, (_, i) => `${topic} #${i} ${marker}`);
}

/** (Re)create a topic and write `count` known records, round-robin over its partitions. */
export async function seedTopic(
  ctx: DrillContext,
  topic: string,
  opts: { partitions: number; replicationFactor?: number; replicaAssignment?: readonly (readonly number[])[]; count: number; config?: Record<string, string> },
): Promise<{ marker: string; count: number }> {
  await deleteTopicsIfPresent(ctx.d, [topic]);
  const rf = opts.replicationFactor ?? Math.min(3, brokersOf(ctx.cluster).length);
  await ensureTopic(ctx.d, {
    name: topic,
    partitions: opts.partitions,
    replicationFactor: opts.replicaAssignment ? opts.replicaAssignment[0]!.length : rf,
    ...(opts.replicaAssignment ? { replicaAssignment: opts.replicaAssignment } : {}),
    ...(opts.config ? { config: opts.config } : {}),
  });
  const marker = randomBytes(4).toString('hex');
  const values = seedValues(topic, opts.count, marker);
  if (values.length > 0) {
    await produceRecords(ctx.d, topic, values.map((value, i) => ({ key: `k${i}`, value, partition: i % opts.partitions })));
  }
  return { marker, count: opts.count };
}

/**
 * Every seeded record still readable (read back with a real consumer). With `untilMs`, a read that
 * fails or comes back short is tried again until that deadline (a drill that just moved leaders).
 */
export async function seededRecordsCriterion(ctx: DrillContext, topic: string, marker: string, count: number, opts: { readonly untilMs?: number } = {}): Promise<Criterion> {
  const want = new Set(seedValues(topic, count, marker));
  const readOnce = async (): Promise<{ ok: boolean; saw: string }> => {
    const got = await readTopic(await ctx.live(), topic, { timeoutMs: 30_000 });
    const back = new Set(got.map((r) => r.value).filter((v): v is string => v !== null && want.has(v)));
    return { ok: back.size === want.size, saw: `${back.size} of ${want.size} read back${got.length > back.size ? ` (and ${got.length - back.size} other records)` : ''}` };
  };
  return grade(`the ${count} records written to '${topic}' before are all readable`, async () => {
    const deadline = Date.now() + (opts.untilMs ?? 0);
    for (let tries = 1; ; tries++) {
      let r: { ok: boolean; saw: string };
      try {
        r = await readOnce();
      } catch (error) {
        if (Date.now() >= deadline) throw error;
        r = { ok: false, saw: error instanceof Error ? error.message.split('\n')[0]! : String(error) };
      }
      if (r.ok || Date.now() >= deadline) return tries > 1 ? { ...r, saw: `${r.saw} (read ${tries} times)` } : r;
      await new Promise((done) => setTimeout(done, 2000));
    }
  });
}

/**
 * Service restored: every node's container up, every broker registered, 0 under-replicated
 * partitions. The later ones are not tried while the earlier fail.
 */
export async function serviceCriteria(ctx: DrillContext): Promise<Criterion[]> {
  const out: Criterion[] = [];
  const nodes = await nodeHealth(ctx.cluster);
  const down = describeDown(nodes);
  out.push(criterion('every node container is running and on the cluster network', down.length === 0, down.length === 0 ? `${nodes.length} of ${nodes.length} up` : down.join('; ')));
  const want = brokersOf(ctx.cluster).map((b) => b.id).sort((a, b) => a - b);
  const registered = await grade('every broker is registered', async () => {
    const ids = (await describeBrokers(await ctx.live())).map((b) => b.nodeId).sort((a, b) => a - b);
    const missing = want.filter((id) => !ids.includes(id));
    return { ok: missing.length === 0, saw: `registered [${ids.join(', ')}]${missing.length > 0 ? `; missing [${missing.join(', ')}]` : ''}` };
  });
  out.push(registered);
  out.push(
    await grade('no under-replicated partitions', async () => {
      const all = await describePartitions(await ctx.live());
      const urp = all.filter((p) => p.isr.length < p.replicas.length);
      return {
        ok: urp.length === 0,
        saw: urp.length === 0 ? `0 of ${all.length}` : `${urp.length} of ${all.length}: ${urp.slice(0, 4).map((p) => `${p.topic}-${p.partition} isr [${p.isr.join(',')}] of [${p.replicas.join(',')}]`).join('; ')}${urp.length > 4 ? '; …' : ''}`,
      };
    }),
  );
  return out;
}

/** A file in the practice folder: its trimmed text, or undefined. */
export function practiceFile(ctx: DrillContext, name: string): string | undefined {
  const path = join(ctx.practiceDir, name);
  return existsSync(path) ? readFileSync(path, 'utf8').trim() : undefined;
}

export function writePracticeFile(ctx: DrillContext, name: string, text: string): string {
  const path = join(ctx.practiceDir, name);
  writeFileSync(path, `${text}\n`, { mode: 0o600 });
  return path;
}

export function removePracticeFiles(ctx: DrillContext, names: readonly string[]): void {
  for (const n of names) rmSync(join(ctx.practiceDir, n), { force: true });
}

/** The path a task shows for a practice file, relative to the project when inside it. */
export const practicePathForTask = (name: string): string => `.kafkalab/practice/${name}`;

/** A random password of letters and digits (no shell or JAAS metacharacters). */
export const newPassword = (): string => randomBytes(18).toString('base64').replace(/[^A-Za-z0-9]/g, '').slice(0, 20);

/** Indent a tool's output under the command that printed it. */
export const indent = (text: string): string => text.split('\n').filter((l) => l.trim() !== '').map((l) => `  ${l}`).join('\n');

/** Wait for the cluster to show something, polling (setups end when the scenario is visible). */
export { waitFor } from '../../../core/index.ts';
