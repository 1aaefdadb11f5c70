/**
 * Chaos: a broker's data disk fills up. Setup puts the victim's data on a small tmpfs mounted over
 * its Docker volume's directory on the host, then fills it the way it happens: a topic with no
 * retention limit, whose replicas are all on that broker, written to until the broker dies on
 * "No space left on device"; it then dies again at every restart. The learner gives it room, gets
 * it back and bounds the topic.
 */
import kafkajs from 'kafkajs';
import { $ } from 'zx';
import { brokersOf, type ResolvedNode } from '../../../../../stacks/model/spec.ts';
import { deleteTopicsIfPresent, ensureTopic, kafkajsConfigFrom } from '../../../kafka/index.ts';
import { volumeMountpoint } from '../../../cluster/index.ts';
import { CHAOS_RECORDS, lastBroker } from '../kit/chaos.ts';
import { grade, indent, notTried, seedTopic, seededRecordsCriterion, serviceCriteria, waitFor } from '../kit/kit.ts';
import { waitUntilWhole } from '../kit/nodes.ts';
import { startNode, stopNode } from '../../../roll/index.ts';
import { describeUsage, diskUsage, mountSmallDisk, mountedAt, restoreDataDir, showMiB, usedPercent } from '../kit/small-disk.ts';
import type { Criterion, Drill, DrillContext, Facts } from '../kit/types.ts';

const { Kafka, Partitioners } = kafkajs;

const TOPIC = 'chaos-disk';
export const FIREHOSE = 'debug-firehose';
const FIREHOSE_PARTITIONS = 2;
/** Room left on the small disk for the firehose to fill (seconds of writing here). */
const ROOM_MIB = 40;
/** How much the reference solution grows the disk by. */
const GROW_MIB = 200;
export const MAX_USED_PERCENT = 80;
const CAP = { 'retention.bytes': String(16 * 1024 * 1024), 'segment.bytes': String(4 * 1024 * 1024) };
const MiB = 1024 * 1024;

/**
 * The most a size-capped topic keeps on disk: per partition, retention.bytes of closed segments
 * plus one open segment of up to segment.bytes. Undefined when retention.bytes is unlimited (< 0).
 */
export function worstCaseBytes(partitions: number, retentionBytes: number, segmentBytes: number): number | undefined {
  if (!Number.isFinite(retentionBytes) || retentionBytes < 0) return undefined;
  return partitions * (retentionBytes + segmentBytes);
}

/** Whether the firehose can fill the disk again: its worst case must fit in half the disk. */
export function firehoseVerdict(t: { partitions: number; retentionBytes: number; segmentBytes: number; diskBytes: number }): { ok: boolean; saw: string } {
  const settings = `retention.bytes=${t.retentionBytes}, segment.bytes=${t.segmentBytes}, ${t.partitions} partitions`;
  const worst = worstCaseBytes(t.partitions, t.retentionBytes, t.segmentBytes);
  if (worst === undefined) return { ok: false, saw: `${settings}: no size limit, it grows until the disk (${showMiB(t.diskBytes)}) is full` };
  return {
    ok: worst <= t.diskBytes / 2,
    saw: `${settings}: up to ${showMiB(worst)} (partitions × (retention.bytes + segment.bytes)) on a ${showMiB(t.diskBytes)} disk, half of it ${showMiB(t.diskBytes / 2)}`,
  };
}

/** `PartitionCount: 2` in kafka-topics.sh --describe. */
export function parsePartitionCount(describe: string): number {
  const m = /PartitionCount:\s*(\d+)/.exec(describe);
  if (!m) throw new Error(`kafka-topics.sh --describe printed no PartitionCount: '${describe.trim().split('\n')[0] ?? ''}'`);
  return Number(m[1]);
}

/** A config's value in kafka-configs.sh --describe --all (`  retention.bytes=-1 sensitive=false synonyms={…}`). */
export function configValue(describe: string, key: string): string | undefined {
  for (const line of describe.split('\n')) {
    const m = /^\s*([\w.]+)=(\S*)/.exec(line);
    if (m && m[1] === key) return m[2];
  }
  return undefined;
}

function requireRoot(): void {
  if (process.getuid && process.getuid() !== 0) {
    throw new Error(`drill 'full-disk' mounts a small filesystem over a Docker volume's directory on this host, which needs root: run it as root`);
  }
}

/** The broker setup chose (from the facts), else the one it would choose. */
async function victimOf(ctx: DrillContext): Promise<ResolvedNode> {
  const id = Number(ctx.facts.victimId);
  return brokersOf(ctx.cluster).find((b) => b.id === id) ?? lastBroker(ctx);
}

async function restartCount(container: string): Promise<number> {
  const out = await $({ quiet: true, nothrow: true })`docker inspect --format ${'{{.RestartCount}}'} ${container}`;
  return Number(out.stdout.trim()) || 0;
}

/**
 * Write 512 KiB requests to the firehose (acks=1, like a chatty debug producer) until the victim
 * dies (Docker counts a restart) or the deadline passes. Returns the bytes acknowledged.
 */
async function fillUntilDown(ctx: DrillContext, victim: ResolvedNode, dataDir: string, timeoutMs = 180_000): Promise<number> {
  const before = await restartCount(victim.containerName);
  const producer = new Kafka({ ...kafkajsConfigFrom(await ctx.live(), { retries: 0, clientId: 'debug-app' }), requestTimeout: 10_000 }).producer({
    createPartitioner: Partitioners.DefaultPartitioner,
    idempotent: false,
    allowAutoTopicCreation: false,
  });
  const value = Buffer.alloc(64 * 1024, 'debug ');
  const deadline = Date.now() + timeoutMs;
  let acked = 0;
  let last = 'nothing sent yet';
  await producer.connect();
  try {
    for (let i = 0; Date.now() < deadline; i++) {
      try {
        await producer.send({ topic: FIREHOSE, acks: 1, messages: Array.from({ length: 8 }, () => ({ value, partition: i % FIREHOSE_PARTITIONS })) });
        acked += 8 * value.length;
      } catch (error) {
        last = error instanceof Error ? error.message.split('\n')[0]! : String(error);
        if ((await restartCount(victim.containerName)) > before) return acked;
        await new Promise((r) => setTimeout(r, 500));
      }
      if (i % 16 === 15 && (await restartCount(victim.containerName)) > before) return acked;
    }
  } finally {
    await producer.disconnect().catch(() => undefined);
  }
  const usage = await diskUsage(dataDir).then(describeUsage, (e: unknown) => String(e));
  throw new Error(`${victim.containerName} did not die within ${timeoutMs / 1000}s of writing to '${FIREHOSE}' (${showMiB(acked)} acknowledged; disk ${usage}; last error: ${last})`);
}

/** A generous grace: a controlled shutdown, so the copy of its data is clean. */
const STOP_GRACE_SECONDS = 120;

/** Stop every broker with a filesystem mounted over its data volume, put its data back, start it; then wait until whole. */
async function putDataBack(ctx: DrillContext): Promise<string[]> {
  const restored: string[] = [];
  for (const node of brokersOf(ctx.cluster)) {
    const dir = await volumeMountpoint(node.volumeName);
    if (!dir || mountedAt(dir).length === 0) continue;
    requireRoot();
    await stopNode(node.containerName, STOP_GRACE_SECONDS);
    try {
      await restoreDataDir(ctx.cluster.name, node.volumeName, FIREHOSE);
    } finally {
      await startNode(node.containerName);
    }
    restored.push(node.containerName);
  }
  // Wait until whole, so a topic deleted next is deleted by every replica (not left as a '-stray' folder).
  if (restored.length > 0) await waitUntilWhole(ctx.cluster, ctx.d);
  return restored;
}

export const fullDisk: Drill = {
  id: 'full-disk',
  title: 'A broker\'s data disk runs full',
  track: 'chaos',
  domain: 'operations-and-maintenance',
  difficulty: 'hard',
  minutes: 20,
  needs: { minBrokers: 3, mode: 'kraft', security: 'any' },
  task: () =>
    [
      `Since a team started writing debug output to the topic '${FIREHOSE}', a broker keeps dying and coming`,
      `back a few seconds later, only to die again. You are root on the Docker host, which holds the brokers' data.`,
      `Find out why and restore the service: every node up, every broker registered, 0 under-replicated partitions,`,
      `and the ${CHAOS_RECORDS} records written to '${TOPIC}' before the incident all still readable. Then make sure it`,
      `cannot happen again: '${FIREHOSE}' deleted, or capped by size so that it fits in half of that broker's data`,
      `disk, and that disk at most ${MAX_USED_PERCENT}% used.`,
    ].join('\n'),
  async setup(ctx): Promise<Facts> {
    requireRoot();
    const victim = await lastBroker(ctx);
    const seeded = await seedTopic(ctx, TOPIC, { partitions: 3, count: CHAOS_RECORDS });
    await deleteTopicsIfPresent(ctx.d, [FIREHOSE]);
    await stopNode(victim.containerName, STOP_GRACE_SECONDS);
    let disk: { dataDir: string; sizeMiB: number };
    try {
      disk = await mountSmallDisk(ctx.cluster.name, victim.volumeName, ROOM_MIB);
    } finally {
      await startNode(victim.containerName);
    }
    await waitUntilWhole(ctx.cluster, ctx.d);
    const v = victim.id;
    await ensureTopic(ctx.d, {
      name: FIREHOSE,
      partitions: FIREHOSE_PARTITIONS,
      replicationFactor: 1,
      replicaAssignment: Array.from({ length: FIREHOSE_PARTITIONS }, () => [v]),
      config: { 'retention.ms': '-1', 'retention.bytes': '-1' },
    });
    const restarts = await restartCount(victim.containerName);
    const filledAt = new Date().toISOString();
    const written = await fillUntilDown(ctx, victim, disk.dataDir);
    // Ready when it has died again after a restart: the loop it stays in. (Kafka's own view is of no
    // use here: kafkajs refuses cluster metadata while the firehose's partitions have no leader.)
    await waitFor(
      async () => {
        const n = await restartCount(victim.containerName);
        if (n < restarts + 2) throw new Error(`${victim.containerName} restarted ${n - restarts} times so far`);
        return true;
      },
      { what: `${victim.containerName} to die again after a restart`, timeoutMs: 120_000, intervalMs: 2000 },
    );
    return { marker: seeded.marker, victim: victim.containerName, victimId: v, volume: victim.volumeName, dataDir: disk.dataDir, diskMiB: disk.sizeMiB, filledAt, writtenMiB: Math.round(written / MiB) };
  },
  async check(ctx) {
    const victim = await victimOf(ctx);
    const service = await serviceCriteria(ctx);
    const whole = service.every((c) => c.ok);
    const recordsName = `the ${CHAOS_RECORDS} records written to '${TOPIC}' before are all readable`;
    const records = whole ? await seededRecordsCriterion(ctx, TOPIC, String(ctx.facts.marker), CHAOS_RECORDS) : notTried(recordsName, 'the cluster is not whole yet');
    const dataDir = (await volumeMountpoint(victim.volumeName)) ?? String(ctx.facts.dataDir);
    const bounded = await grade(`'${FIREHOSE}' cannot fill the disk again: deleted, or its worst-case size fits in half of broker ${victim.id}'s data disk`, async () => {
      // Kafka's own tools: kafkajs refuses cluster metadata while the firehose has no leader.
      let described: string;
      try {
        described = (await ctx.tool('kafka-topics.sh', ['--describe', '--topic', FIREHOSE])).stdout;
      } catch (error) {
        if (error instanceof Error && /does not exist/.test(error.message)) return { ok: true, saw: 'deleted' };
        throw error;
      }
      const configs = (await ctx.tool('kafka-configs.sh', ['--describe', '--all', '--entity-type', 'topics', '--entity-name', FIREHOSE])).stdout;
      return firehoseVerdict({
        partitions: parsePartitionCount(described),
        retentionBytes: Number(configValue(configs, 'retention.bytes') ?? -1),
        segmentBytes: Number(configValue(configs, 'segment.bytes') ?? 1024 * MiB),
        diskBytes: (await diskUsage(dataDir)).sizeBytes,
      });
    });
    const room = await grade(`broker ${victim.id}'s data disk is at most ${MAX_USED_PERCENT}% used`, async () => {
      const u = await diskUsage(dataDir);
      return { ok: usedPercent(u) <= MAX_USED_PERCENT, saw: describeUsage(u) };
    });
    return [...service, records, bounded, room] satisfies Criterion[];
  },
  hints: [
    'docker ps -a --filter label=dev.kafkalab.cluster=<cluster> shows one broker Restarting; docker logs <container> 2>&1 | grep -m1 -A2 \'No space left on device\' shows why it first died (the later deaths are faults in memory-mapped index files: the same cause).',
    'The data volume is a directory on this host (docker volume inspect -f \'{{.Mountpoint}}\' <volume>), bind-mounted into the container at each start; df -h and findmnt on it show a small filesystem, 100% used. Here it is a tmpfs, grown in place with mount -o remount,size=<bigger>m <directory> (a real disk: grow the volume, then resize2fs or xfs_growfs).',
    `With room the broker starts at its next restart (docker restart <container> saves the wait). Then bound '${FIREHOSE}': retention.bytes applies per partition and only to closed segments, so segment.bytes must be small too (kafka-configs.sh --alter --entity-type topics --entity-name ${FIREHOSE} --add-config retention.bytes=…,segment.bytes=…); or delete it once the broker is back: deleted while the broker is down, its partitions stay on that disk as '-stray' folders, which Kafka keeps.`,
  ],
  solution: {
    steps: [
      'docker ps -a --filter label=dev.kafkalab.cluster=<cluster>                         # one broker Restarting',
      "docker logs <container> 2>&1 | grep -m1 'No space left on device'                 # why it died first",
      "df -h $(docker volume inspect -f '{{.Mountpoint}}' <volume>)                      # a small tmpfs, 100% used",
      'docker stop <container>                                                              # out of its restart loop first',
      'mount -o remount,size=<size + 200>m <that directory>                                 # grow the disk in place',
      'docker start <container>                                                             # starts; wait for 0 under-replicated partitions',
      `kafka-configs.sh --alter --entity-type topics --entity-name ${FIREHOSE} --add-config retention.bytes=16777216,segment.bytes=4194304`,
    ],
    async run(ctx) {
      const victim = await victimOf(ctx);
      const c = victim.containerName;
      const state = (await $({ quiet: true, nothrow: true })`docker inspect --format ${'{{.State.Status}}, restarted {{.RestartCount}} times'} ${c}`).stdout.trim();
      ctx.say(`${c}: ${state}`);
      const since = typeof ctx.facts.filledAt === 'string' ? ['--since', ctx.facts.filledAt] : [];
      const out = await $({ quiet: true, nothrow: true })`docker logs ${since} ${c}`;
      const logs = `${out.stdout}\n${out.stderr}`.split('\n');
      const at = logs.findIndex((l) => l.includes('No space left on device'));
      ctx.say(`$ docker logs ${since.join(' ')} ${c} 2>&1 | grep -m1 -B1 'No space left on device'\n${indent(at < 0 ? '(not found)' : logs.slice(Math.max(0, at - 1), at + 1).join('\n'))}`);
      const dataDir = await volumeMountpoint(victim.volumeName);
      if (!dataDir || mountedAt(dataDir).length === 0) throw new Error(`nothing is mounted on the data volume ${victim.volumeName} of ${c}: is the drill started (npm run drill -- start full-disk)?`);
      const u = await diskUsage(dataDir);
      ctx.say(`$ df ${dataDir}\n  ${describeUsage(u)}`);
      // Stopped first: a restart the restart policy has pending would otherwise land in the middle
      // of the recovery (CI once saw the broker leave the ISRs again after the wait below).
      ctx.say(`$ docker stop ${c}`);
      await stopNode(c, STOP_GRACE_SECONDS);
      const size = Math.ceil(u.sizeBytes / MiB) + GROW_MIB;
      ctx.say(`$ mount -o remount,size=${size}m ${dataDir}`);
      await $({ quiet: true })`mount -o ${`remount,size=${size}m`} ${dataDir}`;
      ctx.say(`  ${describeUsage(await diskUsage(dataDir))}`);
      ctx.say(`$ docker start ${c}`);
      await startNode(c);
      await waitUntilWhole(ctx.cluster, ctx.d);
      ctx.say('every broker registered again, 0 under-replicated partitions');
      const add = Object.entries(CAP).map(([k, v]) => `${k}=${v}`).join(',');
      ctx.say(`$ kafka-configs.sh --alter --entity-type topics --entity-name ${FIREHOSE} --add-config ${add}`);
      await ctx.tool('kafka-configs.sh', ['--alter', '--entity-type', 'topics', '--entity-name', FIREHOSE, '--add-config', add]);
      ctx.say(`'${FIREHOSE}' now keeps at most ${FIREHOSE_PARTITIONS} × (16 + 4) MiB`);
    },
  },
  explain: [
    'A topic keeps records until retention deletes whole closed segments: retention.ms by age, retention.bytes',
    'by size per partition (-1, the default, is no limit). The open segment is never deleted, so a partition',
    'can hold retention.bytes + segment.bytes (1 GiB by default): a size cap needs a small segment.bytes too,',
    'and the sum over the partitions a broker holds must fit its disk. A write that fails with "No space left',
    'on device" takes the log directory offline; with one entry in log.dirs that is every directory, so the',
    'broker halts (in KRaft its metadata log lives there too). Loading the logs at startup needs room as well,',
    'so it dies again at every restart until it gets some: grow the volume or free space, then bound or delete',
    'what filled it. Replicated topics lose nothing (the other replicas kept serving); a partition whose only',
    'replica is on that broker is offline meanwhile. Alert on disk use long before 100%.',
  ].join('\n'),
  // The runner calls this before healing the nodes and before reset (on reset, and when a new start
  // undoes an open attempt), so reset itself finds the data back where it belongs.
  async beforeHeal(ctx) {
    await putDataBack(ctx);
  },
  async reset(ctx) {
    await deleteTopicsIfPresent(ctx.d, [TOPIC, FIREHOSE]);
  },
};
