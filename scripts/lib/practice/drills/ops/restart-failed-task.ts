/**
 * Kafka Connect: a sink task FAILED for a reason that is gone now (its export folder was missing when
 * it started; it exists now). Connect never restarts a failed task by itself: the learner restarts only
 * the failed task, without touching the config or restarting the worker.
 */
import { restartConnector } from '../../../connect/index.ts';
import { deleteTopicsIfPresent } from '../../../kafka/index.ts';
import { grade, indent, notTried, seedTopic, seedValues } from '../kit/kit.ts';
import {
  CONNECT_FILES,
  configChanges,
  connectOf,
  connectorConfig,
  connectorStatusOf,
  fileSinkConfig,
  grantConnector,
  isRunning,
  onEveryWorker,
  parseStartsFact,
  putConnectorConfig,
  removeConnector,
  restUrlOf,
  revokeConnector,
  showConnector,
  startsFact,
  waitForConnector,
  workerFileHolds,
  workerStarts,
} from '../kit/connect.ts';
import type { Drill, DrillContext } from '../kit/types.ts';

export const CONNECTOR = 'payments-export';
const TOPIC = 'payments-ledger';
export const FOLDER = `${CONNECT_FILES}/exports`;
export const FILE = `${FOLDER}/payments.txt`;
const RECORDS = 20;
const GRANT = { connector: CONNECTOR, type: 'sink', topic: TOPIC } as const;

const wanted = (ctx: DrillContext): string[] => seedValues(TOPIC, Number(ctx.facts.count ?? RECORDS), String(ctx.facts.marker ?? ''));

export const restartFailedTask: Drill = {
  id: 'restart-failed-task',
  title: "Restart a connector's failed task, and nothing else",
  track: 'ops',
  domain: 'operations-and-maintenance',
  difficulty: 'easy',
  minutes: 10,
  needs: { minBrokers: 1, mode: 'any', security: 'any', connect: true },
  task: (_facts, cluster) =>
    [
      `The connector '${CONNECTOR}' (FileStreamSink) copies '${TOPIC}' into ${FILE} in the Connect worker. Its task`,
      `FAILED when it started: the folder ${FOLDER} was not there yet. The storage team has created it since, so`,
      'the config is right as it is; but the task stays FAILED.',
      `Bring it back (npm run connect, or Connect's REST API at ${restUrlOf(cluster)}) without changing the connector's config`,
      'and without restarting the worker, which runs other teams\' connectors too. Done when the connector and its task',
      `are RUNNING and ${FILE} holds every record of '${TOPIC}'.`,
    ].join('\n'),
  async setup(ctx) {
    connectOf(ctx);
    await removeConnector(ctx, CONNECTOR, 'sink');
    await onEveryWorker(ctx, `rm -rf ${FOLDER}`);
    const { marker, count } = await seedTopic(ctx, TOPIC, { partitions: 1, count: RECORDS });
    await grantConnector(ctx, GRANT);
    await putConnectorConfig(ctx, CONNECTOR, fileSinkConfig(TOPIC, FILE));
    await waitForConnector(ctx, CONNECTOR, (c) => !!c && c.tasks.some((t) => t.state === 'FAILED'), `the task of '${CONNECTOR}' to fail`);
    // The cause goes away; the task stays FAILED until someone restarts it.
    await onEveryWorker(ctx, `mkdir -p ${FOLDER}`);
    const config = await connectorConfig(ctx, CONNECTOR);
    return { marker, count, config: JSON.stringify(config ?? {}), starts: startsFact(await workerStarts(ctx)) };
  },
  async check(ctx) {
    if (!ctx.facts.marker || !ctx.facts.config) return [notTried(`'${CONNECTOR}' runs`, 'the drill has nothing on record: start it again')];
    const running = isRunning(await connectorStatusOf(ctx, CONNECTOR).catch(() => undefined));
    return [
      await grade(`connector '${CONNECTOR}' and its task are RUNNING`, async () => {
        const c = await connectorStatusOf(ctx, CONNECTOR);
        return { ok: isRunning(c), saw: showConnector(c) };
      }),
      await grade("the connector's config is unchanged", async () => {
        const now = await connectorConfig(ctx, CONNECTOR);
        if (!now) return { ok: false, saw: 'no such connector' };
        const changed = configChanges(JSON.parse(String(ctx.facts.config)) as Record<string, string>, now);
        return { ok: changed.length === 0, saw: changed.length === 0 ? 'the same config as at the start' : `changed: ${changed.join('; ')}` };
      }),
      await grade('no Connect worker was restarted', async () => {
        const before = parseStartsFact((ctx.facts.starts ?? []) as readonly string[]);
        const now = await workerStarts(ctx);
        const restarted = Object.keys(before).filter((c) => now[c] !== before[c]);
        return { ok: restarted.length === 0, saw: restarted.length === 0 ? `${Object.keys(before).length} worker(s) up since the start` : restarted.map((c) => `${c} started at ${before[c]}, now at ${now[c] || 'not running'}`).join('; ') };
      }),
      await grade(`${FILE} holds the ${wanted(ctx).length} records of '${TOPIC}'`, () => workerFileHolds(ctx, FILE, wanted(ctx), running ? 30_000 : 0)),
    ];
  },
  hints: [
    'npm run connect -- status: the connector is RUNNING, its task FAILED. Connect does not retry a task that failed while starting; it waits for you.',
    `Changing the config would restart the task, and so would restarting the worker, but both are heavier than needed: Connect's REST API restarts a connector's failed parts in place (KIP-745).`,
    `npm run connect -- restart ${CONNECTOR} --failed-tasks, or curl -s -X POST '<restUrl>/connectors/${CONNECTOR}/restart?includeTasks=true&onlyFailed=true' (without includeTasks, a restart restarts only the connector instance, not its tasks).`,
  ],
  solution: {
    steps: [
      `npm run connect -- status   # ${CONNECTOR}: RUNNING, task 0 FAILED (NoSuchFileException: ${FILE})`,
      `npm run connect -- restart ${CONNECTOR} --failed-tasks   # = curl -s -X POST '<restUrl>/connectors/${CONNECTOR}/restart?includeTasks=true&onlyFailed=true'`,
      `npm run connect -- status   # ${CONNECTOR}: RUNNING, task 0 RUNNING`,
      `docker exec kafkalab-<cluster>-connect-N cat ${FILE}   # the worker the status names for the task`,
    ],
    async run(ctx) {
      const d = connectOf(ctx);
      ctx.say(`$ npm run connect -- status --cluster ${ctx.cluster.name}`);
      ctx.say(indent(`${CONNECTOR}: ${showConnector(await connectorStatusOf(ctx, CONNECTOR))}`));
      ctx.say(`$ npm run connect -- restart ${CONNECTOR} --failed-tasks --cluster ${ctx.cluster.name}   # POST ${d.restUrl}/connectors/${CONNECTOR}/restart?includeTasks=true&onlyFailed=true`);
      const answer = await restartConnector(d, CONNECTOR, { failedTasksOnly: true, cluster: ctx.cluster.name });
      if (answer) ctx.say(indent(`Connect answered: ${showConnector({ ...answer, tasks: answer.tasks.map((t) => ({ id: t.id, state: t.state, workerId: t.workerId })) })}`));
      const c = await waitForConnector(ctx, CONNECTOR, isRunning, `'${CONNECTOR}' and its task to run`);
      ctx.say(indent(`${CONNECTOR}: ${showConnector(c)}`));
      ctx.say(indent((await workerFileHolds(ctx, FILE, wanted(ctx), 60_000)).saw));
    },
  },
  explain: [
    'A Connect worker runs many connectors; its tasks fail one by one (an unreachable database, a full disk, a',
    'missing folder) and Connect leaves a FAILED task failed, with its trace in the status, until someone acts.',
    'When the cause is gone, restart the smallest thing: POST /connectors/<name>/restart?includeTasks=true&onlyFailed=true',
    '(Kafka 3.0+, KIP-745) restarts just the failed connector instance and tasks, in place; plain POST',
    '/connectors/<name>/restart restarts only the connector instance, and /connectors/<name>/tasks/<id>/restart one',
    "task. A new config or a worker restart also brings it back, but the first changes what is deployed and the",
    'second stops every connector on that worker and rebalances the group. A sink resumes from its committed offsets.',
  ].join('\n'),
  async reset(ctx) {
    await removeConnector(ctx, CONNECTOR, 'sink');
    await onEveryWorker(ctx, `rm -rf ${FOLDER}`);
    await revokeConnector(ctx, GRANT);
    await deleteTopicsIfPresent(ctx.d, [TOPIC]);
  },
};
