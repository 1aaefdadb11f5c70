/**
 * Monitoring: one broker's data disk is filling (the others have room). Setup gives that broker a
 * small disk (a tmpfs over its volume's directory, kit/small-disk.ts) and fills it to 85% through a
 * topic with no size limit whose replicas are all there; the learner finds the node from
 * KafkaDiskUsageHigh or the disk panel, the topic with kafka-log-dirs, and frees the disk before
 * the broker dies of it (the chaos drill full-disk is what happens after).
 */
import kafkajs from 'kafkajs';
import { brokersOf, type ResolvedNode } from '../../../../../stacks/model/spec.ts';
import { deleteTopicsIfPresent, describeTopicConfig, ensureTopic, kafkajsConfigFrom, withAdmin } from '../../../kafka/index.ts';
import { volumeMountpoint } from '../../../cluster/index.ts';
import { alerts } from '../../../monitoring/index.ts';
import { startNode, stopNode } from '../../../roll/index.ts';
import { firehoseVerdict } from '../chaos/full-disk.ts';
import { grade, indent, seedTopic, seededRecordsCriterion, serviceCriteria, waitFor } from '../kit/kit.ts';
import { metricQuery, prometheusOf, showSamples, waitForMetric } from '../kit/metrics.ts';
import { pickVictim, waitUntilWhole } from '../kit/nodes.ts';
import { describeUsage, diskUsage, mountSmallDisk, mountedAt, restoreDataDir, usedPercent } from '../kit/small-disk.ts';
import type { Drill, DrillContext } from '../kit/types.ts';
import { $ } from 'zx';

const { Kafka, Partitioners } = kafkajs;

const TOPIC = 'ops-disk-orders';
const RECORDS = 30;
export const DUMP = 'debug-dump';
const DUMP_PARTITIONS = 2;
/** Room on the small disk above the broker's data, MiB. */
const ROOM_MIB = 64;
/** Setup fills the disk to this share (the alert is at 80%), short of killing the broker. */
export const FILL_PERCENT = 85;
/** The check's bar: used share at most this. */
export const MAX_USED_PERCENT = 60;
const MiB = 1024 * 1024;

/**
 * Topic → bytes on one broker, from kafka-log-dirs.sh --describe's JSON line, biggest first.
 * Internal topics (`__consumer_offsets`) are left out: never a candidate for deletion.
 */
export function bytesByTopic(logDirsOutput: string): { topic: string; bytes: number }[] {
  const line = logDirsOutput.split('\n').find((l) => l.trim().startsWith('{'));
  if (!line) throw new Error(`kafka-log-dirs.sh printed no JSON: '${logDirsOutput.trim().split('\n').slice(-1)[0] ?? ''}'`);
  const parsed = JSON.parse(line) as { brokers: { logDirs: { partitions: { partition: string; size: number }[] }[] }[] };
  const sums = new Map<string, number>();
  for (const p of parsed.brokers.flatMap((b) => b.logDirs.flatMap((l) => l.partitions))) {
    const topic = p.partition.replace(/-\d+$/, '');
    if (topic.startsWith('__')) continue;
    sums.set(topic, (sums.get(topic) ?? 0) + p.size);
  }
  return [...sums].map(([topic, bytes]) => ({ topic, bytes })).sort((a, b) => b.bytes - a.bytes || a.topic.localeCompare(b.topic));
}

/** A partition folder Kafka is about to remove (`<topic>-<n>.<id>-delete`, file.delete.delay.ms after a topic deletion). */
export const isDeletedLogDir = (name: string): boolean => /^.+-\d+\.[0-9a-f]{32}-delete$/.test(name);

/**
 * The node whose disk the alert names (firing or pending), else the one over the alert's 80%;
 * undefined when no disk is over it.
 */
export function fullestNode(alerting: readonly string[], ratios: readonly { node: string; ratio: number }[]): string | undefined {
  const over = ratios.filter((r) => r.ratio > 0.8 || alerting.includes(r.node)).sort((a, b) => b.ratio - a.ratio);
  return over[0]?.node;
}

function requireRoot(): void {
  if (process.getuid && process.getuid() !== 0) throw new Error(`drill 'disk-filling-node' mounts a small filesystem over a Docker volume's directory on this host, which needs root: run it as root`);
}

const victimOf = (ctx: DrillContext): ResolvedNode => brokersOf(ctx.cluster).find((b) => b.id === Number(ctx.facts.victimId)) ?? pickVictim(ctx.cluster);

/** The lag exporter reads each volume as bind-mounted at its start: restarted, it sees what is mounted now. */
async function restartDiskExporter(ctx: DrillContext): Promise<void> {
  const m = ctx.cluster.monitoring;
  if (m) await $({ quiet: true })`docker restart ${m.lagExporter.containerName}`;
}

/** Write 512 KiB requests (acks=1) to the dump until the disk holding `dataDir` is `percent` used. */
async function fillTo(ctx: DrillContext, dataDir: string, percent: number): Promise<void> {
  const producer = new Kafka({ ...kafkajsConfigFrom(await ctx.live(), { clientId: 'debug-app' }), requestTimeout: 10_000 }).producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false });
  const value = Buffer.alloc(64 * 1024, 'debug ');
  await producer.connect();
  try {
    for (let i = 0; usedPercent(await diskUsage(dataDir)) < percent; i++) {
      if (i > 2000) throw new Error(`${dataDir} is not ${percent}% used after ${i} requests: ${describeUsage(await diskUsage(dataDir))}`);
      await producer.send({ topic: DUMP, acks: 1, messages: Array.from({ length: 8 }, () => ({ value, partition: i % DUMP_PARTITIONS })) });
    }
  } finally {
    await producer.disconnect().catch(() => undefined);
  }
}

/** Undo the small disk: the dump deleted first (less to copy), the broker stopped, its data put back, started. */
async function putDataBack(ctx: DrillContext): Promise<void> {
  for (const node of brokersOf(ctx.cluster)) {
    const dir = await volumeMountpoint(node.volumeName);
    if (!dir || mountedAt(dir).length === 0) continue;
    requireRoot();
    await deleteTopicsIfPresent(await ctx.live(), [DUMP]).catch(() => undefined);
    await stopNode(node.containerName, 120);
    try {
      await restoreDataDir(ctx.cluster.name, node.volumeName, DUMP);
    } finally {
      await startNode(node.containerName);
    }
    await restartDiskExporter(ctx);
    await waitUntilWhole(ctx.cluster, ctx.d);
  }
}

export const diskFillingNode: Drill = {
  id: 'disk-filling-node',
  title: "One broker's data disk is filling up: find it from the alerts and free it in time",
  track: 'ops',
  domain: 'monitoring-and-troubleshooting',
  difficulty: 'medium',
  minutes: 15,
  needs: { minBrokers: 3, mode: 'any', security: 'any', monitoring: true },
  task: () =>
    [
      'KafkaDiskUsageHigh fires (npm run alerts; the overview dashboard\'s "Data disk used" panel). Find the broker',
      'and what fills its disk, and free it before the broker dies of it: that disk at most 60% used, and what filled it',
      'deleted or capped by size so that it cannot fill the disk again (its worst case, partitions × (retention.bytes',
      '+ segment.bytes), within half of that disk). The data written to it so far is debug output nobody needs.',
      `You are root on the Docker host, which holds the brokers' data. The ${RECORDS} records of '${TOPIC}' must stay readable.`,
    ].join('\n'),
  async setup(ctx) {
    requireRoot();
    await putDataBack(ctx);
    const victim = pickVictim(ctx.cluster);
    const seeded = await seedTopic(ctx, TOPIC, { partitions: 3, count: RECORDS });
    await deleteTopicsIfPresent(ctx.d, [DUMP]);
    await stopNode(victim.containerName, 120);
    let disk: { dataDir: string; sizeMiB: number };
    try {
      // Folders of topics deleted in the last minute (another drill's) would vanish from the small disk later.
      disk = await mountSmallDisk(ctx.cluster.name, victim.volumeName, ROOM_MIB, isDeletedLogDir);
    } finally {
      await startNode(victim.containerName);
    }
    await restartDiskExporter(ctx);
    await waitUntilWhole(ctx.cluster, ctx.d);
    await ensureTopic(ctx.d, {
      name: DUMP,
      partitions: DUMP_PARTITIONS,
      replicationFactor: 1,
      replicaAssignment: Array.from({ length: DUMP_PARTITIONS }, () => [victim.id]),
      config: { 'retention.ms': '-1', 'retention.bytes': '-1', 'segment.bytes': String(4 * MiB) },
    });
    await fillTo(ctx, disk.dataDir, FILL_PERCENT);
    await waitForMetric(
      ctx,
      `kafkalab_node_disk_used_ratio{node="${victim.hostname}"}`,
      (s) => ((s[0]?.value ?? 0) > 0.8 ? undefined : `Prometheus shows ${victim.hostname}'s disk ${showSamples(s, 'node')} used`),
      `${victim.hostname}'s full disk on the dashboards`,
    );
    return { marker: seeded.marker, victimId: victim.id, dataDir: disk.dataDir, diskMiB: disk.sizeMiB };
  },
  async check(ctx) {
    const victim = victimOf(ctx);
    const dataDir = (await volumeMountpoint(victim.volumeName)) ?? String(ctx.facts.dataDir);
    const service = await serviceCriteria(ctx);
    const room = await grade(`broker ${victim.id}'s data disk is at most ${MAX_USED_PERCENT}% used`, async () => {
      const u = await diskUsage(dataDir);
      return { ok: usedPercent(u) <= MAX_USED_PERCENT, saw: describeUsage(u) };
    });
    const bounded = await grade(`'${DUMP}' cannot fill the disk again: deleted, or its worst case fits in half of broker ${victim.id}'s data disk`, async () => {
      const d = await ctx.live();
      const exists = await withAdmin(d, async (admin) => (await admin.listTopics()).includes(DUMP));
      if (!exists) return { ok: true, saw: 'deleted' };
      const partitions = await withAdmin(d, async (admin) => (await admin.fetchTopicMetadata({ topics: [DUMP] })).topics[0]?.partitions.length ?? 0);
      return firehoseVerdict({
        partitions,
        retentionBytes: Number((await describeTopicConfig(d, [DUMP], 'retention.bytes'))[DUMP] ?? -1),
        segmentBytes: Number((await describeTopicConfig(d, [DUMP], 'segment.bytes'))[DUMP] ?? 1024 * MiB),
        diskBytes: (await diskUsage(dataDir)).sizeBytes,
      });
    });
    return [...service, room, bounded, await seededRecordsCriterion(ctx, TOPIC, String(ctx.facts.marker), RECORDS)];
  },
  hints: [
    'npm run alerts names the node (node=kafka-N); the overview dashboard\'s "Data disk used" panel shows it climbing while the others stay flat. On the host: df -h $(docker volume inspect -f \'{{.Mountpoint}}\' <its volume>).',
    'What fills it: kafka-log-dirs.sh --describe --broker-list <id> prints the size of every partition on that broker (one JSON line); add them up per topic.',
    `Free it: kafka-topics.sh --delete --topic ${DUMP} (Kafka removes the files file.delete.delay.ms, 60 s, later), or cap it with retention.bytes and a small segment.bytes (kafka-configs.sh --alter --entity-type topics …), which the retention check applies within log.retention.check.interval.ms (5 min).`,
  ],
  solution: {
    steps: [
      'npm run alerts -- --cluster <cluster>   # KafkaDiskUsageHigh node=kafka-N (or the "Data disk used" panel)',
      'kafka-log-dirs.sh --describe --broker-list <N>   # sizes per partition: one topic holds nearly all of it',
      `kafka-topics.sh --delete --topic ${DUMP}   # nobody needs what it holds`,
      "df -h $(docker volume inspect -f '{{.Mountpoint}}' <volume>)   # down to a few percent once the files are removed (60 s)",
    ],
    async run(ctx) {
      const firing = (await alerts(prometheusOf(ctx))).filter((a) => a.name === 'KafkaDiskUsageHigh');
      ctx.say(`alerts: ${firing.map((a) => `${a.name} (${a.state}) ${a.summary}`).join('; ') || 'KafkaDiskUsageHigh not firing yet (it waits 1 min)'}`);
      const ratios = await metricQuery(ctx, 'kafkalab_node_disk_used_ratio');
      ctx.say(`kafkalab_node_disk_used_ratio: ${showSamples(ratios, 'node')}`);
      const name = fullestNode(firing.map((a) => a.labels.node ?? ''), ratios.map((r) => ({ node: r.labels.node ?? '', ratio: r.value })));
      const node = brokersOf(ctx.cluster).find((b) => b.hostname === name);
      if (!node) throw new Error(`no broker's disk is over 80% (${showSamples(ratios, 'node')}): is the drill started?`);
      const args = ['--describe', '--broker-list', String(node.id)];
      ctx.say(`$ kafka-log-dirs.sh ${args.join(' ')}`);
      const topics = bytesByTopic((await ctx.tool('kafka-log-dirs.sh', args)).stdout);
      ctx.say(indent(topics.slice(0, 3).map((t) => `${t.topic}: ${(t.bytes / MiB).toFixed(1)} MiB`).join('\n')));
      const biggest = topics[0]?.topic;
      if (!biggest) throw new Error(`kafka-log-dirs.sh shows no topic on broker ${node.id}`);
      ctx.say(`$ kafka-topics.sh --delete --topic ${biggest}`);
      await ctx.tool('kafka-topics.sh', ['--delete', '--topic', biggest]);
      const dataDir = (await volumeMountpoint(node.volumeName))!;
      const u = await waitFor(
        async () => {
          const now = await diskUsage(dataDir);
          if (usedPercent(now) > MAX_USED_PERCENT) throw new Error(describeUsage(now));
          return now;
        },
        { what: `the files of '${biggest}' to be removed`, timeoutMs: 180_000, intervalMs: 2000 },
      );
      ctx.say(`$ df ${dataDir}\n  ${describeUsage(u)}`);
    },
  },
  explain: [
    'Kafka keeps a partition\'s records until retention removes whole closed segments: retention.ms by age,',
    'retention.bytes by size per partition (-1, the default, is no limit), and the open segment never, so a',
    'size cap needs a small segment.bytes too. Brokers do not export their disk\'s free space; watch it from',
    'outside (here the lag exporter reads each node\'s volume) and alert well before 100%: a write that fails',
    'with "No space left on device" takes the log directory offline and, with one log dir, stops the broker.',
    'kafka-log-dirs.sh --describe shows what each broker holds per partition. A deleted topic\'s files go',
    'file.delete.delay.ms (60 s) after the delete; a new cap applies at the next retention check.',
  ].join('\n'),
  async beforeHeal(ctx) {
    await putDataBack(ctx);
  },
  async reset(ctx) {
    await deleteTopicsIfPresent(ctx.d, [TOPIC, DUMP]);
  },
};
