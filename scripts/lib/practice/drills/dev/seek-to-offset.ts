import { randomInt } from 'node:crypto';
import { deleteGroupsIfPresent, deleteTopicsIfPresent, processTopic, type ReadRecord, readTopic } from '../../../kafka/index.ts';
import { grade, notTried, partitionsOf, seedTopic } from '../kit/kit.ts';
import type { Drill } from '../kit/types.ts';

const INPUT = 'dev-seek-in';
const OUTPUT = 'dev-seek-out';
const PARTITIONS = 3;
/** Records per partition. */
const PER_PARTITION = 20;
const SOURCE_PARTITION = 1;

/** Where one copied sequence first goes wrong against the wanted one (undefined when equal). */
export function firstDifference(got: readonly (readonly [string | null, string | null])[], want: readonly (readonly [string | null, string | null])[]): string | undefined {
  for (let i = 0; i < Math.max(got.length, want.length); i++) {
    const g = got[i];
    const w = want[i];
    if (!g) return `record ${i} missing: want ${w![0]}=${w![1]}`;
    if (!w) return `${got.length - want.length} record(s) too many, from ${g[0]}=${g[1]}`;
    if (g[0] !== w[0] || g[1] !== w[1]) return `record ${i} is ${g[0]}=${g[1]}, want ${w[0]}=${w[1]}`;
  }
  return undefined;
}

const pairs = (rs: readonly ReadRecord[]): [string | null, string | null][] => rs.map((r) => [r.key, r.value]);

export const seekToOffset: Drill = {
  id: 'seek-to-offset',
  title: 'Seek a consumer to an offset and copy from there',
  track: 'dev',
  domain: 'consumers',
  difficulty: 'easy',
  minutes: 15,
  needs: { minBrokers: 1, mode: 'any', security: 'any' },
  task: (facts) =>
    [
      `'${INPUT}' has ${PARTITIONS} partitions of ${PER_PARTITION} records each. Write a consumer that starts reading partition`,
      `${SOURCE_PARTITION} at offset ${String(facts.from ?? '<N>')} (seek there: assign the partition, or seek after the assignment) and copies`,
      `every record from that offset to the end of the partition to '${OUTPUT}' (1 partition): the same key and`,
      'value, in the same order. Nothing else goes into the output: not the records before the offset, not other partitions.',
    ].join('\n'),
  async setup(ctx) {
    await deleteTopicsIfPresent(ctx.d, [OUTPUT]);
    await seedTopic(ctx, INPUT, { partitions: PARTITIONS, count: PARTITIONS * PER_PARTITION });
    await seedTopic(ctx, OUTPUT, { partitions: 1, count: 0 });
    return { from: randomInt(5, PER_PARTITION - 4) };
  },
  async check(ctx) {
    if (!(await partitionsOf(ctx, INPUT)) || !(await partitionsOf(ctx, OUTPUT))) return [notTried(`topics '${INPUT}' and '${OUTPUT}' exist`, 'one is gone: start the drill again')];
    const d = await ctx.live();
    const from = Number(ctx.facts.from);
    const want = pairs((await readTopic(d, INPUT)).filter((r) => r.partition === SOURCE_PARTITION && r.offset >= from));
    const got = await readTopic(d, OUTPUT);
    const diff = firstDifference(pairs(got), want);
    return [
      await grade(`'${OUTPUT}' holds ${want.length} records (offsets ${from} … ${from + want.length - 1} of partition ${SOURCE_PARTITION})`, async () => ({ ok: got.length === want.length, saw: `${got.length} records` })),
      await grade('the same keys and values, in the same order', async () => ({ ok: got.length > 0 && diff === undefined, saw: diff ?? `all ${got.length} match` })),
    ];
  },
  hints: [
    'A consumer\'s position is per partition, and seek(partition, offset) moves it: the next poll returns records from there. Without a group, assign() the partition and seek; with a group, seek once the partition is assigned (in the rebalance listener, or after the first poll).',
    'Java: consumer.assign(List.of(new TopicPartition("dev-seek-in", 1))); consumer.seek(tp, N); poll until the position reaches endOffsets(). kcat: kcat -C -t dev-seek-in -p 1 -o N -e -K: | kcat -P -t dev-seek-out -K:',
    'kafka-console-consumer.sh --partition 1 --offset N --property print.key=true --timeout-ms 5000 reads the same range; keep key and value apart with --property key.separator=…',
  ],
  solution: {
    steps: [`consume ${INPUT} with a throwaway group, pause the other partitions, seek partition ${SOURCE_PARTITION} to <from>`, `copy each record (key, value) to ${OUTPUT} until the partition's end offset`],
    async run(ctx) {
      const from = Number(ctx.facts.from);
      ctx.say(`seeking partition ${SOURCE_PARTITION} of '${INPUT}' to offset ${from}, copying to '${OUTPUT}'`);
      const groupId = `dev-seek-copy-${Date.now().toString(36)}`;
      const r = await processTopic(ctx.d, INPUT, (rec) => [{ topic: OUTPUT, record: { key: rec.key, value: rec.value } }], {
        groupId,
        startAt: new Map([[SOURCE_PARTITION, from]]),
        commit: false,
      });
      await deleteGroupsIfPresent(ctx.d, [groupId]).catch(() => undefined);
      ctx.say(`copied ${r.written} records`);
    },
  },
  explain: [
    "A consumer's position is just an offset per partition, kept by the client; the committed offset is where it",
    'resumes after a restart. seek() moves the position (seekToBeginning and seekToEnd too), so an application can',
    're-read, skip, or start anywhere without touching the group\'s committed offsets. With assign() there is no group',
    'at all: no rebalances and no commits unless you make them. Offsets are per partition: offset N of one partition',
    'says nothing about another.',
  ].join('\n'),
  async reset(ctx) {
    await deleteTopicsIfPresent(ctx.d, [INPUT, OUTPUT]);
  },
};
