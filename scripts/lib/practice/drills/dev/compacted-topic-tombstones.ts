import { deleteTopicsIfPresent, describeTopicOverrides, produceRecords, type ReadRecord, readTopic } from '../../../kafka/index.ts';
import { grade, indent, notTried, partitionsOf, waitFor } from '../kit/kit.ts';
import { criterion, type Drill } from '../kit/types.ts';

const TOPIC = 'dev-compacted';
const USERS = ['user-41', 'user-42', 'user-43'];
const GONE = 'user-42';

/** The last record of each key, in offset order within each partition. */
export function latestByKey(records: readonly ReadRecord[]): Map<string, ReadRecord> {
  const out = new Map<string, ReadRecord>();
  for (const r of [...records].sort((a, b) => a.partition - b.partition || a.offset - b.offset)) if (r.key !== null) out.set(r.key, r);
  return out;
}

export const compactedTopicTombstones: Drill = {
  id: 'compacted-topic-tombstones',
  title: 'Create a compacted topic and delete a key with a tombstone',
  track: 'dev',
  domain: 'topics-and-partitions',
  difficulty: 'medium',
  minutes: 15,
  needs: { minBrokers: 1, mode: 'any', security: 'any' },
  task: () =>
    [
      `1. Create topic '${TOPIC}' (1 partition) as a compacted topic: cleanup.policy=compact.`,
      `2. Write a profile record for each of ${USERS.join(', ')} (key = user id, any non-empty value).`,
      `3. Delete ${GONE}: write a tombstone for it, a record with key ${GONE} and a null value (not an empty string).`,
    ].join('\n'),
  async setup(ctx) {
    await deleteTopicsIfPresent(ctx.d, [TOPIC]);
    return {};
  },
  async check(ctx) {
    if (!(await partitionsOf(ctx, TOPIC))) {
      return [
        criterion(`topic '${TOPIC}' exists`, false, 'not created yet'),
        notTried('cleanup.policy includes compact', 'no topic'),
        notTried(`${USERS.filter((u) => u !== GONE).join(' and ')} have a profile`, 'no topic'),
        notTried(`the last record of ${GONE} is a tombstone`, 'no topic'),
      ];
    }
    const d = await ctx.live();
    const policy = (await describeTopicOverrides(d, [TOPIC]))[TOPIC]?.['cleanup.policy'];
    const latest = latestByKey(await readTopic(d, TOPIC));
    const kept = USERS.filter((u) => u !== GONE);
    return [
      criterion(`topic '${TOPIC}' exists`, true, 'yes'),
      await grade('cleanup.policy includes compact', async () => ({ ok: (policy ?? '').split(',').includes('compact'), saw: policy ? `cleanup.policy=${policy}` : 'not set on the topic (the default is delete)' })),
      await grade(`${kept.join(' and ')} have a profile`, async () => ({
        ok: kept.every((u) => (latest.get(u)?.value ?? '') !== ''),
        saw: kept.map((u) => `${u}: ${latest.has(u) ? (latest.get(u)!.value === null ? 'tombstone' : `'${latest.get(u)!.value!.slice(0, 30)}'`) : 'no record'}`).join(', '),
      })),
      await grade(`the last record of ${GONE} is a tombstone`, async () => {
        const r = latest.get(GONE);
        return { ok: r !== undefined && r.value === null, saw: r === undefined ? 'no record' : r.value === null ? `null value at offset ${r.offset}` : `value '${r.value.slice(0, 30)}' at offset ${r.offset}${r.value === '' ? ' (an empty string is not a tombstone)' : ''}` };
      }),
    ];
  },
  hints: [
    'cleanup.policy=compact keeps the latest record of every key (instead of deleting by age); set it with --config when creating the topic.',
    'A tombstone is a record whose value is null. Compaction removes older records of that key, and the tombstone itself after delete.retention.ms.',
    'kafkajs: send({ messages: [{ key: "user-42", value: null }] }); Java: new ProducerRecord<>(topic, "user-42", null); kcat: -K: -Z with a line "user-42:" (empty is sent as NULL with -Z). kafka-console-producer.sh in Kafka 4.x: --property null.marker=NULL.',
  ],
  solution: {
    steps: [
      `kafka-topics.sh --create --topic ${TOPIC} --partitions 1 --config cleanup.policy=compact`,
      `produce ${USERS.map((u) => `${u}:<profile>`).join(', ')}`,
      `produce ${GONE}:null (a tombstone)`,
    ],
    async run(ctx) {
      const args = ['--create', '--topic', TOPIC, '--partitions', '1', '--config', 'cleanup.policy=compact'];
      ctx.say(`$ kafka-topics.sh ${args.join(' ')}`);
      ctx.say(indent((await ctx.tool('kafka-topics.sh', args)).stdout));
      await waitFor(async () => ((await partitionsOf(ctx, TOPIC))?.every((p) => p.leader >= 0) ? true : undefined), { what: `topic '${TOPIC}' to have a leader`, timeoutMs: 60_000 });
      ctx.say(`producing profiles for ${USERS.join(', ')}, then a tombstone for ${GONE}`);
      await produceRecords(ctx.d, TOPIC, [...USERS.map((key) => ({ key, value: `{"user":"${key}","plan":"pro"}` })), { key: GONE, value: null }]);
    },
  },
  explain: [
    'A compacted topic is a table: the log cleaner keeps at least the latest record of every key and drops',
    'older ones, in closed segments only (the active segment is never cleaned). A null value, a tombstone,',
    'means "delete this key": readers that rebuild state remove the key, and the cleaner removes the older',
    'records and, after delete.retention.ms, the tombstone too. An empty string is a value, not a delete.',
  ].join('\n'),
  async reset(ctx) {
    await deleteTopicsIfPresent(ctx.d, [TOPIC]);
  },
};
