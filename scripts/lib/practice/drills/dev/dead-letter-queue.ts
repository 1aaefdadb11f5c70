import { committedOffsets, deleteGroupsIfPresent, deleteTopicsIfPresent, ensureTopic, processTopic, produceRecords, type ReadRecord, readTopic, topicOffsets } from '../../../kafka/index.ts';
import { brokersOf } from '../../../../../stacks/model/spec.ts';
import { grade, notTried, partitionsOf, seedTopic } from '../kit/kit.ts';
import type { Drill } from '../kit/types.ts';

const INPUT = 'dev-orders-raw';
const VALID = 'dev-orders';
const DLQ = 'dev-orders-dlq';
const GROUP = 'dev-orders-validator';
const PARTITIONS = 3;
const ORDERS = 24;

/** Why a value is not a valid order (a JSON object with a string "id" and a positive number "amount"), or undefined. */
export function orderProblem(value: string | null): string | undefined {
  if (value === null) return 'null value';
  let v: unknown;
  try {
    v = JSON.parse(value);
  } catch {
    return 'not JSON';
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return 'not a JSON object';
  const o = v as Record<string, unknown>;
  if (typeof o.id !== 'string' || o.id === '') return 'no string "id"';
  if (typeof o.amount !== 'number' || !(o.amount > 0)) return '"amount" is not a positive number';
  return undefined;
}

/** The seeded values: mostly valid orders, with bad ones at fixed places. */
export function orderValues(): string[] {
  const bad: Record<number, string> = {
    3: '{"id":"o-3","amount":',
    8: 'ORDER o-8 amount=12.5',
    11: '{"id":"o-11","amount":"12.50"}',
    16: '{"id":"o-16"}',
    19: '{"id":"o-19","amount":-4}',
    22: '["o-22",9.99]',
  };
  return Array.from({ length: ORDERS }, (_, i) => bad[i] ?? JSON.stringify({ id: `o-${i}`, amount: 5 + i * 1.25, currency: 'EUR' }));
}

const keysOf = (rs: readonly ReadRecord[]): string[] => rs.map((r) => r.key ?? 'null');
const sameMultiset = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');

export const deadLetterQueue: Drill = {
  id: 'dead-letter-queue',
  title: 'Validate records and route the bad ones to a dead letter queue',
  track: 'dev',
  domain: 'schemas-and-serialization',
  difficulty: 'medium',
  minutes: 25,
  needs: { minBrokers: 1, mode: 'any', security: 'any' },
  task: () =>
    [
      `'${INPUT}' (${PARTITIONS} partitions) holds ${ORDERS} order records (key = order key), a few of them malformed. Write a`,
      `validating consumer in group '${GROUP}' that reads all of it and, for each record:`,
      `- a valid order (a JSON object with a non-empty string "id" and a positive number "amount") goes to '${VALID}';`,
      `- anything else goes to the dead letter queue '${DLQ}', unchanged (same key, same value bytes), with a header`,
      '  "error" saying what is wrong with it.',
      `Both topics exist. Commit the group's offsets so it is at the end of '${INPUT}', then stop. Each record lands once.`,
    ].join('\n'),
  async setup(ctx) {
    await deleteGroupsIfPresent(ctx.d, [GROUP]);
    await deleteTopicsIfPresent(ctx.d, [INPUT]);
    await ensureTopic(ctx.d, { name: INPUT, partitions: PARTITIONS, replicationFactor: Math.min(3, brokersOf(ctx.cluster).length) });
    await produceRecords(ctx.d, INPUT, orderValues().map((value, i) => ({ key: `order-${i}`, value, partition: i % PARTITIONS })));
    await seedTopic(ctx, VALID, { partitions: PARTITIONS, count: 0 });
    await seedTopic(ctx, DLQ, { partitions: 1, count: 0 });
    return {};
  },
  async check(ctx) {
    for (const t of [INPUT, VALID, DLQ]) if (!(await partitionsOf(ctx, t))) return [notTried(`topic '${t}' exists`, 'it is gone: start the drill again')];
    const d = await ctx.live();
    const input = await readTopic(d, INPUT);
    const good = input.filter((r) => orderProblem(r.value) === undefined);
    const bad = input.filter((r) => orderProblem(r.value) !== undefined);
    const valid = await readTopic(d, VALID);
    const dlq = await readTopic(d, DLQ);
    const original = new Map(input.map((r) => [r.key, r.value]));
    return [
      await grade(`'${VALID}' holds the ${good.length} valid orders, each once`, async () => ({
        ok: sameMultiset(keysOf(valid), keysOf(good)) && valid.every((r) => original.get(r.key) === r.value),
        saw: `${valid.length} records${valid.some((r) => orderProblem(r.value) !== undefined) ? `; invalid ones among them: ${keysOf(valid.filter((r) => orderProblem(r.value) !== undefined)).join(', ')}` : ''}${keysOf(good).some((k) => !keysOf(valid).includes(k)) ? `; missing ${keysOf(good).filter((k) => !keysOf(valid).includes(k)).slice(0, 4).join(', ')}` : ''}`,
      })),
      await grade(`'${DLQ}' holds the ${bad.length} malformed records, each once and unchanged`, async () => {
        const changed = dlq.filter((r) => !original.has(r.key) || original.get(r.key) !== r.value);
        return {
          ok: sameMultiset(keysOf(dlq), keysOf(bad)) && changed.length === 0,
          saw: `${dlq.length} records: ${keysOf(dlq).join(', ') || 'none'}${changed.length > 0 ? `; changed or unknown: ${keysOf(changed).join(', ')}` : ''} (want ${keysOf(bad).join(', ')})`,
        };
      }),
      await grade('every dead letter carries a non-empty "error" header', async () => {
        const without = dlq.filter((r) => !(r.headers.error ?? '').trim());
        return { ok: dlq.length > 0 && without.length === 0, saw: dlq.length === 0 ? 'no dead letters' : without.length === 0 ? dlq.map((r) => `${r.key}: ${r.headers.error}`).slice(0, 3).join('; ') : `${without.length} of ${dlq.length} without: ${keysOf(without).join(', ')}` };
      }),
      await grade(`group '${GROUP}' is committed at the end of '${INPUT}'`, async () => {
        const ends = await topicOffsets(d, INPUT);
        const got = await committedOffsets(d, GROUP, INPUT);
        return { ok: ends.every((e) => got.get(e.partition) === e.high), saw: ends.map((e) => `p${e.partition} ${(got.get(e.partition) ?? -1) < 0 ? 'nothing committed' : `at ${got.get(e.partition)}`} (end ${e.high})`).join(', ') };
      }),
    ];
  },
  hints: [
    'A dead letter queue keeps a poison record out of the way without losing it: the consumer writes it, unchanged, to another topic with the reason in a header, commits, and carries on, instead of crashing or retrying forever.',
    'Parse each value in a try/catch: JSON.parse (or your deserializer) failing, a missing "id", an "amount" that is a string or not > 0 are all dead letters. Copy the raw bytes, not a re-serialised form.',
    'kafkajs: consumer.run({ eachMessage }) with producer.send({ topic: "dev-orders-dlq", messages: [{ key: message.key, value: message.value, headers: { error: reason } }] }); commit offset + 1 after both outcomes. Java: the same with ProducerRecord headers().add("error", …).',
  ],
  solution: {
    steps: [
      `consume ${INPUT} as ${GROUP} from the beginning, batch by batch`,
      `valid → ${VALID} (key and value as read); invalid → ${DLQ} (unchanged, header error=<reason>)`,
      'commit the next offset after each batch; stop at the end offsets',
    ],
    async run(ctx) {
      ctx.say(`validating '${INPUT}' as '${GROUP}': valid orders to '${VALID}', the rest to '${DLQ}' with an error header`);
      const r = await processTopic(
        ctx.d,
        INPUT,
        (rec) => {
          const problem = orderProblem(rec.value);
          return [problem === undefined ? { topic: VALID, record: { key: rec.key, value: rec.value } } : { topic: DLQ, record: { key: rec.key, value: rec.value, headers: { error: problem } } }];
        },
        { groupId: GROUP },
      );
      ctx.say(`read ${r.read} records, routed ${r.written}, committed`);
    },
  },
  explain: [
    'Kafka stores bytes; the meaning (JSON, Avro, Protobuf) is a contract between producers and consumers. A record',
    'that breaks the contract is a poison pill: a consumer that throws on it stops at that offset for ever. A dead',
    'letter queue moves it aside with the reason (headers keep the payload untouched), so the stream keeps flowing',
    'and someone can inspect or replay the rejects. Schema Registry prevents many of these at produce time;',
    "Kafka Connect has the same pattern built in (errors.tolerance=all, errors.deadletterqueue.topic.name).",
  ].join('\n'),
  async reset(ctx) {
    await deleteGroupsIfPresent(ctx.d, [GROUP]);
    await deleteTopicsIfPresent(ctx.d, [INPUT, VALID, DLQ]);
  },
};
