import { Partitioners, type PartitionerArgs } from 'kafkajs';
import { deleteTopicsIfPresent, produceRecords, readTopic } from '../../../kafka/index.ts';
import { grade, indent, notTried, partitionsOf, practiceFile, practicePathForTask, removePracticeFiles, seedTopic, seedValues, seededRecordsCriterion, waitFor, writePracticeFile } from '../kit/kit.ts';
import type { Drill } from '../kit/types.ts';

const TOPIC = 'ops-grow';
const FROM = 3;
const TO = 6;
export const KEYS = Array.from({ length: 12 }, (_, i) => `sku-${i}`);
const RECORDS = KEYS.length * 2;
const ANSWER_FILE = `${TOPIC}.moved-keys`;

/** The partition Kafka's default partitioner picks for a key (murmur2 of its bytes, positive, modulo the count). */
export function partitionForKey(key: string, partitions: number): number {
  const pick = Partitioners.DefaultPartitioner();
  const partitionMetadata = Array.from({ length: partitions }, (_, partitionId) => ({ partitionId, leader: 0, partitionErrorCode: 0, replicas: [0], isr: [0] }));
  return pick({ topic: TOPIC, partitionMetadata, message: { key, value: null } } as unknown as PartitionerArgs);
}

/** The keys whose records go to another partition once the topic has `to` partitions instead of `from`. */
export const movedKeys = (keys: readonly string[], from: number, to: number): string[] => keys.filter((k) => partitionForKey(k, from) !== partitionForKey(k, to));

/** Keys in an answer: separated by lines, commas or spaces; duplicates dropped. */
export const parseKeyList = (text: string): string[] => [...new Set(text.split(/[\s,]+/).map((s) => s.trim()).filter(Boolean))];

export const addPartitions: Drill = {
  id: 'add-partitions',
  title: 'Add partitions to a keyed topic, and see which keys move',
  track: 'ops',
  domain: 'scaling-and-capacity',
  difficulty: 'medium',
  minutes: 15,
  needs: { minBrokers: 3, mode: 'any', security: 'any' },
  task: () =>
    [
      `Topic '${TOPIC}' (${FROM} partitions) needs more consumers in parallel. Its producers key every record by`,
      `product (${KEYS[0]} … ${KEYS[KEYS.length - 1]}), so each product's events are read in order.`,
      `1. Grow it to ${TO} partitions in place: not recreated, its ${RECORDS} records kept.`,
      `2. Find out which of the ${KEYS.length} keys now go to a different partition than their records so far (for`,
      '   those, a consumer may see new events before old ones), and list them, one per line, in',
      `   ${practicePathForTask(ANSWER_FILE)}.`,
    ].join('\n'),
  async setup(ctx) {
    removePracticeFiles(ctx, [ANSWER_FILE]);
    const seeded = await seedTopic(ctx, TOPIC, { partitions: FROM, count: 0 });
    const values = seedValues(TOPIC, RECORDS, seeded.marker);
    // Keyed, no partition given: the default partitioner places them, as the real producers do.
    await produceRecords(ctx.d, TOPIC, values.map((value, i) => ({ key: KEYS[i % KEYS.length]!, value })));
    return { marker: seeded.marker };
  },
  async check(ctx) {
    const parts = await partitionsOf(ctx, TOPIC);
    if (!parts) return [notTried(`topic '${TOPIC}' exists`, `topic '${TOPIC}' is gone (was it deleted?)`)];
    const want = movedKeys(KEYS, FROM, TO);
    const answer = practiceFile(ctx, ANSWER_FILE);
    return [
      await grade(`'${TOPIC}' has ${TO} partitions`, async () => ({ ok: parts.length === TO, saw: `${parts.length} partitions` })),
      await seededRecordsCriterion(ctx, TOPIC, String(ctx.facts.marker), RECORDS),
      await grade(`${practicePathForTask(ANSWER_FILE)} lists exactly the keys that moved`, async () => {
        if (answer === undefined || answer === '') return { ok: false, saw: 'no such file, or it is empty' };
        const got = parseKeyList(answer);
        const unknown = got.filter((k) => !KEYS.includes(k));
        const right = got.filter((k) => want.includes(k)).length;
        const wrong = got.filter((k) => KEYS.includes(k) && !want.includes(k)).length;
        const missing = want.length - right;
        const ok = unknown.length === 0 && wrong === 0 && missing === 0;
        return {
          ok,
          saw: ok ? `all ${want.length} moved keys, nothing else` : `${got.length} listed: ${right} right, ${wrong} that did not move, ${missing} moved key(s) missing${unknown.length > 0 ? `, not keys of the topic: ${unknown.join(', ')}` : ''}`,
        };
      }),
    ];
  },
  hints: [
    'kafka-topics.sh --alter --topic ops-grow --partitions 6 adds partitions (it can never remove any). Existing records stay where they are.',
    'Where do a key\'s records go? The default partitioner hashes the key (murmur2) modulo the partition count. kafka-console-consumer.sh --topic ops-grow --from-beginning --property print.key=true --property print.partition=true shows where each key\'s records are now.',
    'Produce one new record per key with kafka-console-producer.sh --topic ops-grow --property parse.key=true --property key.separator=: (lines like sku-0:probe) and compare each key\'s new partition with its old one.',
  ],
  solution: {
    steps: [
      `kafka-topics.sh --alter --topic ${TOPIC} --partitions ${TO}`,
      `kafka-console-producer.sh --topic ${TOPIC} --property parse.key=true --property key.separator=:   # sku-0:probe … sku-11:probe`,
      `kafka-console-consumer.sh --topic ${TOPIC} --from-beginning --property print.key=true --property print.partition=true`,
      `write the keys whose probe landed elsewhere than their old records to ${practicePathForTask(ANSWER_FILE)}`,
    ],
    async run(ctx) {
      const args = ['--alter', '--topic', TOPIC, '--partitions', String(TO)];
      ctx.say(`$ kafka-topics.sh ${args.join(' ')}`);
      await ctx.tool('kafka-topics.sh', args);
      await waitFor(
        async () => {
          const n = ((await partitionsOf(ctx, TOPIC)) ?? []).filter((p) => p.leader >= 0).length;
          if (n !== TO) throw new Error(`${n} partitions with a leader`);
          return true;
        },
        { what: `'${TOPIC}' to have ${TO} partitions with leaders`, timeoutMs: 60_000 },
      );
      ctx.say(`producing one probe record per key (keyed, default partitioner): ${KEYS.map((k) => `${k}:probe`).join(' ')}`);
      await produceRecords(await ctx.live(), TOPIC, KEYS.map((key) => ({ key, value: `probe ${key}` })));
      const records = await readTopic(await ctx.live(), TOPIC, { timeoutMs: 30_000 });
      const old = new Map<string, number>();
      const now = new Map<string, number>();
      for (const r of records) {
        if (r.key === null) continue;
        if (r.value === `probe ${r.key}`) now.set(r.key, r.partition);
        else if (!old.has(r.key)) old.set(r.key, r.partition);
      }
      ctx.say(indent(KEYS.map((k) => `${k}: old records in p${old.get(k)}, new ones in p${now.get(k)}`).join('\n')));
      const moved = KEYS.filter((k) => old.get(k) !== now.get(k));
      ctx.say(`wrote ${moved.length} moved keys (${moved.join(', ')}) to ${writePracticeFile(ctx, ANSWER_FILE, moved.join('\n'))}`);
    },
  },
  explain: [
    'A keyed record goes to murmur2(key) mod the partition count, so adding partitions changes the mapping:',
    'going from 3 to 6, a key stays only when its hash mod 6 is below 3, about half of them. Old records do',
    'not move, so for a moved key the old events sit in one partition and the new ones in another, read by',
    'possibly different consumers at different speeds: the per-key order is broken across the change. Plan',
    'partitions for the peak up front, or drain the producers (consume everything) before growing; for',
    'compacted topics, moved keys leave their old values behind for good.',
  ].join('\n'),
  async reset(ctx) {
    await deleteTopicsIfPresent(ctx.d, [TOPIC]);
    removePracticeFiles(ctx, [ANSWER_FILE]);
  },
};
