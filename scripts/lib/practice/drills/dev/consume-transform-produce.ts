import { committedOffsets, deleteGroupsIfPresent, deleteTopicsIfPresent, describePartitions, processTopic, readTopic, topicOffsets } from '../../../kafka/index.ts';
import { grade, notTried, partitionsOf, seedTopic, seedValues } from '../kit/kit.ts';
import { topicBatches } from '../kit/segments.ts';
import type { Drill } from '../kit/types.ts';

const INPUT = 'dev-ctp-in';
const OUTPUT = 'dev-ctp-out';
const GROUP = 'dev-ctp-app';
const TX_ID = 'dev-ctp-tx';
const RECORDS = 30;
const OFFSETS_TOPIC = '__consumer_offsets';

/** The transformation the task asks for: the input value upper-cased. */
export const transform = (value: string): string => value.toUpperCase();

/** Java's String.hashCode (UTF-16 code units, 32-bit overflow). */
export function javaHashCode(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0;
  return h;
}

/** The __consumer_offsets partition a group's offsets live in: Utils.abs(groupId.hashCode()) % partitions. */
export function offsetsPartitionFor(groupId: string, partitions: number): number {
  const h = javaHashCode(groupId);
  return (h === -2147483648 ? 0 : Math.abs(h)) % partitions;
}

/** Wanted values missing, wanted values seen more than once, values nobody asked for. */
export function valueCensus(got: readonly (string | null)[], want: readonly string[]): { missing: string[]; repeated: string[]; foreign: number } {
  const counts = new Map<string, number>();
  let foreign = 0;
  const wanted = new Set(want);
  for (const v of got) {
    if (v === null || !wanted.has(v)) foreign++;
    else counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  return { missing: want.filter((v) => !counts.has(v)), repeated: [...counts].filter(([, n]) => n > 1).map(([v]) => v), foreign };
}

const few = (xs: readonly string[]): string => `${xs.slice(0, 3).map((x) => `'${x}'`).join(', ')}${xs.length > 3 ? `, … (${xs.length})` : ''}`;

export const consumeTransformProduce: Drill = {
  id: 'consume-transform-produce',
  title: 'Consume, transform and produce exactly once with transactions',
  track: 'dev',
  domain: 'transactions-and-semantics',
  difficulty: 'hard',
  minutes: 30,
  needs: { minBrokers: 3, mode: 'any', security: 'any' },
  task: () =>
    [
      `'${INPUT}' (3 partitions) holds ${RECORDS} records. Write a consume-transform-produce application:`,
      `- it consumes '${INPUT}' as consumer group '${GROUP}' (isolation.level=read_committed, auto-commit off);`,
      `- for every input record it writes one record to '${OUTPUT}': the same key, the value UPPER-CASED;`,
      `- it writes the outputs and commits the group's input offsets in the same transactions (transactional.id`,
      `  of your choice, e.g. '${TX_ID}'; the offsets go through the transaction: sendOffsetsToTransaction), and stops`,
      '  when the input is done.',
      'The grader reads the output (read_committed and read_uncommitted), the group\'s offsets, and the record batches',
      `of '${OUTPUT}' and of ${OFFSETS_TOPIC} in the segment files.`,
    ].join('\n'),
  async setup(ctx) {
    await deleteGroupsIfPresent(ctx.d, [GROUP]);
    await deleteTopicsIfPresent(ctx.d, [OUTPUT]);
    const { marker } = await seedTopic(ctx, INPUT, { partitions: 3, count: RECORDS });
    await seedTopic(ctx, OUTPUT, { partitions: 3, count: 0 });
    // Offset commits of earlier attempts (same group, maybe the same producer id) stay in the log: only later ones count.
    const offsetsParts = await partitionsOf(ctx, OFFSETS_TOPIC);
    const offsetsFrom = offsetsParts ? ((await topicOffsets(ctx.d, OFFSETS_TOPIC)).find((e) => e.partition === offsetsPartitionFor(GROUP, offsetsParts.length))?.high ?? 0) : 0;
    return { marker, offsetsFrom };
  },
  async check(ctx) {
    if (!(await partitionsOf(ctx, INPUT)) || !(await partitionsOf(ctx, OUTPUT))) return [notTried(`topics '${INPUT}' and '${OUTPUT}' exist`, `one is gone: npm run drill -- start consume-transform-produce again`)];
    const d = await ctx.live();
    const want = seedValues(INPUT, RECORDS, String(ctx.facts.marker ?? '?')).map(transform);
    const committedRead = await readTopic(d, OUTPUT, { readUncommitted: false });
    const everything = await readTopic(d, OUTPUT, { readUncommitted: true });
    const census = valueCensus(committedRead.map((r) => r.value), want);
    const batches = await topicBatches(ctx, OUTPUT).catch(() => undefined);
    const data = (batches ?? []).filter((b) => !b.isControl);
    const txProducers = new Set(data.filter((b) => b.isTransactional).map((b) => b.producerId));
    return [
      await grade(`read_committed sees each of the ${RECORDS} upper-cased values exactly once`, async () => ({
        ok: census.missing.length === 0 && census.repeated.length === 0 && census.foreign === 0,
        saw: `${committedRead.length} committed records${census.missing.length > 0 ? `; missing ${few(census.missing)}` : ''}${census.repeated.length > 0 ? `; more than once ${few(census.repeated)}` : ''}${census.foreign > 0 ? `; ${census.foreign} other values` : ''}`,
      })),
      await grade('every output batch was written in a transaction, and the transactions committed', async () => {
        if (!batches) throw new Error(`could not read the segment files of '${OUTPUT}'`);
        const plain = data.filter((b) => !b.isTransactional);
        const markers = batches.filter((b) => b.isControl).length;
        return {
          ok: data.length > 0 && plain.length === 0 && markers > 0 && everything.length === committedRead.length,
          saw: `${data.length} data batches, ${plain.length} not transactional, ${markers} transaction markers; ${committedRead.length} records read_committed, ${everything.length} read_uncommitted${everything.length > committedRead.length ? ' (some transactions aborted or still open)' : ''}`,
        };
      }),
      await grade(`group '${GROUP}' is committed at the end of every partition of '${INPUT}'`, async () => {
        const ends = await topicOffsets(d, INPUT);
        const got = await committedOffsets(d, GROUP, INPUT);
        return {
          ok: ends.every((e) => got.get(e.partition) === e.high),
          saw: ends.map((e) => `p${e.partition} ${(got.get(e.partition) ?? -1) < 0 ? 'nothing committed' : `at ${got.get(e.partition)}`} (end ${e.high})`).join(', '),
        };
      }),
      await grade(`the offsets were committed inside the transactions (by the producer that wrote '${OUTPUT}')`, async () => {
        const parts = (await describePartitions(d, [OFFSETS_TOPIC])).length;
        if (parts === 0) throw new Error(`${OFFSETS_TOPIC} has no partitions`);
        const p = offsetsPartitionFor(GROUP, parts);
        const from = Number(ctx.facts.offsetsFrom ?? 0);
        const offsetBatches = (await topicBatches(ctx, OFFSETS_TOPIC, [p])).filter((b) => !b.isControl && b.isTransactional && b.baseOffset >= from);
        const mine = offsetBatches.filter((b) => txProducers.has(b.producerId));
        return {
          ok: mine.length > 0,
          saw: `${OFFSETS_TOPIC}-${p} (group '${GROUP}') from offset ${from}: ${offsetBatches.length} transactional offset batches, ${mine.length} from the output's producer id${txProducers.size === 1 ? '' : 's'} [${[...txProducers].join(', ')}]`,
        };
      }),
    ];
  },
  hints: [
    'The loop: poll; beginTransaction; send the transformed records; sendOffsetsToTransaction(the next offset of each partition, the consumer\'s group metadata); commitTransaction. The output records and the input offsets then become visible together, or not at all.',
    'The consumer must not commit on its own (enable.auto.commit=false) and should read with isolation.level=read_committed. The offsets you send are the NEXT record to read: last processed offset + 1.',
    'kafkajs: const tx = await producer.transaction(); await tx.send({ topic: "dev-ctp-out", messages }); await tx.sendOffsets({ consumerGroupId: "dev-ctp-app", topics: [{ topic: "dev-ctp-in", partitions: [{ partition, offset: String(last + 1) }] }] }); await tx.commit(); with producer({ transactionalId, idempotent: true, maxInFlightRequests: 1 }).',
  ],
  solution: {
    steps: [
      `consume ${INPUT} as group ${GROUP} (read_committed, autoCommit off), batch by batch`,
      `per batch: begin a transaction (transactional.id ${TX_ID}); send each value upper-cased to ${OUTPUT}; sendOffsets(last offset + 1) for ${GROUP}; commit`,
      'stop at the end offsets the input had when starting',
    ],
    async run(ctx) {
      ctx.say(`consuming '${INPUT}' as '${GROUP}', writing upper-cased values to '${OUTPUT}' in transactions of '${TX_ID}' with the offsets`);
      const r = await processTopic(ctx.d, INPUT, (rec) => [{ topic: OUTPUT, record: { key: rec.key, value: rec.value === null ? null : transform(rec.value) } }], { groupId: GROUP, transactionalId: TX_ID });
      ctx.say(`read ${r.read}, wrote ${r.written}, committed with the offsets in each transaction`);
    },
  },
  explain: [
    'Exactly-once processing in Kafka is a transaction that spans the output records and the input offsets:',
    'sendOffsetsToTransaction makes the group coordinator write the offsets into __consumer_offsets as part of',
    "the producer's transaction, and the commit marker makes both visible at once. A crash before the commit",
    'aborts both, so the input is re-read and the half-written output is skipped by read_committed consumers.',
    'The transactional.id fences a zombie instance; read_committed downstream consumers never see aborted output.',
  ].join('\n'),
  async reset(ctx) {
    await deleteGroupsIfPresent(ctx.d, [GROUP]);
    await deleteTopicsIfPresent(ctx.d, [INPUT, OUTPUT]);
  },
};
