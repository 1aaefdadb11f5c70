import { deleteTopicsIfPresent, produceRecords, readTopic } from '../../../kafka/index.ts';
import { grade, notTried, partitionsOf, seedTopic } from '../kit/kit.ts';
import type { Drill } from '../kit/types.ts';

const TOPIC = 'dev-tx';
const TX_ID = 'dev-tx-app';
const COMMITTED = ['tx-1', 'tx-2', 'tx-3'];
const ABORTED = 'tx-aborted';

export const transactionalReadCommitted: Drill = {
  id: 'transactional-read-committed',
  title: 'Commit one transaction, abort another, read committed',
  track: 'dev',
  domain: 'transactions-and-semantics',
  difficulty: 'hard',
  minutes: 20,
  needs: { minBrokers: 3, mode: 'any', security: 'any' },
  task: () =>
    [
      `With a transactional producer (transactional.id '${TX_ID}'):`,
      `1. write the records ${COMMITTED.map((v) => `'${v}'`).join(', ')} (values; any keys) to '${TOPIC}' in one transaction, and commit it;`,
      `2. write the record '${ABORTED}' in a second transaction, and abort it.`,
      'The grader reads the topic twice: read_committed must see exactly the committed three, read_uncommitted',
      `must also see '${ABORTED}' (so it was really written, then aborted).`,
    ].join('\n'),
  async setup(ctx) {
    await seedTopic(ctx, TOPIC, { partitions: 1, count: 0 });
    return {};
  },
  async check(ctx) {
    if (!(await partitionsOf(ctx, TOPIC))) return [notTried(`topic '${TOPIC}' exists`, `topic '${TOPIC}' is gone`)];
    const d = await ctx.live();
    const committed = (await readTopic(d, TOPIC, { readUncommitted: false })).map((r) => r.value ?? 'null');
    const all = (await readTopic(d, TOPIC, { readUncommitted: true })).map((r) => r.value ?? 'null');
    return [
      await grade(`read_committed sees exactly ${COMMITTED.join(', ')}`, async () => ({
        ok: committed.length === COMMITTED.length && COMMITTED.every((v) => committed.includes(v)),
        saw: committed.length === 0 ? 'nothing' : committed.join(', '),
      })),
      await grade(`read_uncommitted also sees '${ABORTED}' (written, then aborted)`, async () => ({
        ok: all.includes(ABORTED) && !committed.includes(ABORTED),
        saw: all.length === 0 ? 'nothing' : all.join(', '),
      })),
    ];
  },
  hints: [
    'transactional.id on the producer, then initTransactions(), beginTransaction(), send…, commitTransaction() or abortTransaction().',
    'kafkajs: producer({ transactionalId: "dev-tx-app", idempotent: true, maxInFlightRequests: 1 }); const tx = await producer.transaction(); await tx.send(…); await tx.commit() (or tx.abort()).',
    'The aborted record stays in the log, followed by an abort marker: read_committed consumers skip it, kafka-console-consumer.sh --isolation-level read_uncommitted shows it.',
  ],
  solution: {
    steps: [`transaction 1 (${TX_ID}): send ${COMMITTED.join(', ')}; commit`, `transaction 2 (${TX_ID}): send ${ABORTED}; abort`],
    async run(ctx) {
      ctx.say(`transaction 1 as '${TX_ID}': ${COMMITTED.join(', ')}, commit`);
      await produceRecords(ctx.d, TOPIC, COMMITTED.map((value, i) => ({ key: `k${i}`, value })), { transaction: { id: TX_ID } });
      ctx.say(`transaction 2 as '${TX_ID}': ${ABORTED}, abort`);
      await produceRecords(ctx.d, TOPIC, [{ key: 'k-aborted', value: ABORTED }], { transaction: { id: TX_ID, abort: true } });
    },
  },
  explain: [
    'A transactional producer writes records to the log at once, then the transaction coordinator writes',
    'a commit or abort marker (a control record) into every partition the transaction touched. Consumers',
    'with isolation.level=read_committed read only up to the last stable offset and drop records of aborted',
    'transactions; read_uncommitted consumers see everything. The transactional.id fences zombie instances:',
    'a new producer with the same id bumps the epoch, and the old one can no longer write.',
  ].join('\n'),
  async reset(ctx) {
    await deleteTopicsIfPresent(ctx.d, [TOPIC]);
  },
};
