import { createHash, randomBytes } from 'node:crypto';
import { deleteTopicsIfPresent, describeTopicOverrides, ensureTopic, produceRecords, readTopic } from '../../../kafka/index.ts';
import { brokersOf } from '../../../../../stacks/model/spec.ts';
import { grade, partitionsOf } from '../kit/kit.ts';
import { criterion, type Drill } from '../kit/types.ts';

const TOPIC = 'dev-large';
const KEY = 'report-2025';
/** Characters of the value: even compressed (random base64, 6 bits a character) it is over the 1 MiB default. */
const MIN_CHARS = 1_600_000;
/** The broker's built-in message.max.bytes, which a topic inherits. */
const DEFAULT_LIMIT = 1_048_588;

export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

export const largeMessage: Drill = {
  id: 'large-message',
  title: 'Send a record larger than the default 1 MiB limit',
  track: 'dev',
  domain: 'topics-and-partitions',
  difficulty: 'medium',
  minutes: 15,
  needs: { minBrokers: 1, mode: 'any', security: 'any' },
  task: () =>
    [
      `Create topic '${TOPIC}' (1 partition, replication factor of your choice) and write ONE record to it, key '${KEY}',`,
      `whose value is at least ${MIN_CHARS.toLocaleString('en-US')} characters of ASCII text (e.g. base64 of random bytes), with a header`,
      "'sha256' holding the lowercase hex SHA-256 of the value, so the grader can tell that it arrived intact.",
      `The brokers accept batches up to about 1 MiB by default: raise the limit for this topic only (not the broker's),`,
      'and whatever your client needs to send and fetch a record that big.',
    ].join('\n'),
  async setup(ctx) {
    await deleteTopicsIfPresent(ctx.d, [TOPIC]);
    return {};
  },
  async check(ctx) {
    if (!(await partitionsOf(ctx, TOPIC))) {
      return [
        criterion(`topic '${TOPIC}' exists`, false, 'not created yet'),
        criterion(`the topic's max.message.bytes is above the ${DEFAULT_LIMIT} default`, false, 'not checked: no topic'),
        criterion(`a record '${KEY}' of at least ${MIN_CHARS} characters`, false, 'not checked: no topic'),
        criterion("its 'sha256' header matches the value read back", false, 'not checked: no topic'),
      ];
    }
    const d = await ctx.live();
    const limit = (await describeTopicOverrides(d, [TOPIC]))[TOPIC]?.['max.message.bytes'];
    const records = (await readTopic(d, TOPIC, { timeoutMs: 60_000 })).filter((r) => r.key === KEY);
    const big = records.filter((r) => (r.value ?? '').length >= MIN_CHARS);
    return [
      criterion(`topic '${TOPIC}' exists`, true, 'yes'),
      await grade(`the topic's max.message.bytes is above the ${DEFAULT_LIMIT} default`, async () => ({
        ok: limit !== undefined && Number(limit) > DEFAULT_LIMIT,
        saw: limit === undefined ? 'not set on the topic (it inherits the broker\'s limit)' : `max.message.bytes=${limit}`,
      })),
      await grade(`a record '${KEY}' of at least ${MIN_CHARS} characters`, async () => ({
        ok: big.length > 0,
        saw: records.length === 0 ? `no record with key '${KEY}'` : records.map((r) => `offset ${r.offset}: ${(r.value ?? '').length} characters`).join(', '),
      })),
      await grade("its 'sha256' header matches the value read back", async () => {
        const r = big[big.length - 1];
        if (!r) return { ok: false, saw: 'no such record' };
        const sum = sha256Hex(r.value!);
        const header = r.headers.sha256;
        return { ok: header === sum, saw: header === undefined ? 'no sha256 header' : header === sum ? `both ${sum.slice(0, 16)}…` : `header ${header.slice(0, 16)}…, value hashes to ${sum.slice(0, 16)}…` };
      }),
    ];
  },
  hints: [
    'Three limits stand in the way: the topic\'s max.message.bytes (broker default message.max.bytes, about 1 MiB) for the whole batch, the producer\'s max.request.size (1 MiB in Java), and on the consumer side max.partition.fetch.bytes (though a fetch always returns at least the first batch).',
    'kafka-topics.sh --create --topic dev-large --partitions 1 --config max.message.bytes=2097152 (or kafka-configs.sh --alter --add-config on an existing topic). Java producer: max.request.size=2097152.',
    'The value: head -c 1200000 /dev/urandom | base64 -w0 gives 1,600,000 characters; sha256sum of exactly those characters (no trailing newline) goes in the header. kcat: -H sha256=<hex>, and -X message.max.bytes=2097152 for librdkafka.',
  ],
  solution: {
    steps: [
      `create ${TOPIC} with --config max.message.bytes=2097152 (topic only)`,
      `value = base64 of 1,200,000 random bytes (${MIN_CHARS} characters); send key ${KEY} with header sha256=<hex of the value>`,
    ],
    async run(ctx) {
      ctx.say(`creating '${TOPIC}' with max.message.bytes=2097152`);
      await ensureTopic(ctx.d, { name: TOPIC, partitions: 1, replicationFactor: Math.min(3, brokersOf(ctx.cluster).length), config: { 'max.message.bytes': '2097152' } });
      const value = randomBytes(1_200_000).toString('base64');
      const sum = sha256Hex(value);
      ctx.say(`producing one record of ${value.length} characters, sha256 ${sum}`);
      await produceRecords(ctx.d, TOPIC, [{ key: KEY, value, headers: { sha256: sum } }]);
    },
  },
  explain: [
    'Kafka limits the size of a record batch: message.max.bytes on the broker, max.message.bytes per topic (about',
    '1 MiB by default), max.request.size on the producer. Raising the topic\'s limit affects only that topic;',
    'followers and consumers still fetch it, because a fetch returns at least one whole batch even when it is',
    'larger than the fetch size. Big records cost memory on every hop and slow replication, so the usual',
    'advice is to keep payloads small: compress, split, or store the blob elsewhere and send a reference.',
  ].join('\n'),
  async reset(ctx) {
    await deleteTopicsIfPresent(ctx.d, [TOPIC]);
  },
};
