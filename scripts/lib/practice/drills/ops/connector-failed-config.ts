/**
 * Kafka Connect: a sink connector whose config passes Connect's validation but fails at run time (its
 * file is in a folder that does not exist), so its task is FAILED. The learner reads the task's error,
 * PUTs a corrected config, and the records reach the file.
 */
import { deleteTopicsIfPresent } from '../../../kafka/index.ts';
import { grade, indent, notTried, seedTopic, seedValues } from '../kit/kit.ts';
import {
  CONNECT_FILES,
  connectOf,
  connectorConfig,
  connectorStatusOf,
  fileSinkConfig,
  grantConnector,
  isRunning,
  onEveryWorker,
  putCommand,
  putConnectorConfig,
  removeConnector,
  restUrlOf,
  revokeConnector,
  showConnector,
  waitForConnector,
  workerFileHolds,
  workerOf,
} from '../kit/connect.ts';
import type { Drill, DrillContext } from '../kit/types.ts';

export const CONNECTOR = 'audit-export';
const TOPIC = 'audit-events';
export const GOOD_FILE = `${CONNECT_FILES}/audit.txt`;
export const BAD_FILE = `${CONNECT_FILES}/missing/audit.txt`;
const RECORDS = 20;
const GRANT = { connector: CONNECTOR, type: 'sink', topic: TOPIC } as const;

const wanted = (ctx: DrillContext): string[] => seedValues(TOPIC, Number(ctx.facts.count ?? RECORDS), String(ctx.facts.marker ?? ''));

async function clearFiles(ctx: DrillContext): Promise<void> {
  await onEveryWorker(ctx, `rm -rf ${CONNECT_FILES}/missing ${GOOD_FILE}`);
}

export const connectorFailedConfig: Drill = {
  id: 'connector-failed-config',
  title: "A sink connector's task FAILED on a bad config: read the error and fix the config",
  track: 'ops',
  domain: 'monitoring-and-troubleshooting',
  difficulty: 'easy',
  minutes: 10,
  needs: { minBrokers: 1, mode: 'any', security: 'any', connect: true },
  task: (_facts, cluster) =>
    [
      `The connector '${CONNECTOR}' (FileStreamSink) should copy every record of '${TOPIC}' into a file in the Connect`,
      `worker, ${GOOD_FILE}, but the audit file stays empty. Connect accepted its config; something fails at run time.`,
      `Find out why from the connector's status (npm run connect -- status, or GET ${restUrlOf(cluster)}/connectors/${CONNECTOR}/status)`,
      `and fix its config through Connect's REST API so that it writes ${GOOD_FILE}. Keep it reading '${TOPIC}'.`,
      'Done when the connector and its task are RUNNING and the file holds every record of the topic.',
    ].join('\n'),
  async setup(ctx) {
    connectOf(ctx);
    await removeConnector(ctx, CONNECTOR, 'sink');
    await clearFiles(ctx);
    const { marker, count } = await seedTopic(ctx, TOPIC, { partitions: 1, count: RECORDS });
    await grantConnector(ctx, GRANT);
    // Connect validates the class, the topics and the converters, not whether the file's folder exists.
    await putConnectorConfig(ctx, CONNECTOR, fileSinkConfig(TOPIC, BAD_FILE));
    await waitForConnector(ctx, CONNECTOR, (c) => !!c && c.tasks.some((t) => t.state === 'FAILED'), `the task of '${CONNECTOR}' to fail`);
    return { marker, count };
  },
  async check(ctx) {
    if (!ctx.facts.marker) return [notTried(`'${CONNECTOR}' runs`, 'the drill has no records on record: start it again')];
    const status = await connectorStatusOf(ctx, CONNECTOR).catch(() => undefined);
    return [
      await grade(`connector '${CONNECTOR}' and its task are RUNNING`, async () => {
        const c = await connectorStatusOf(ctx, CONNECTOR);
        return { ok: isRunning(c), saw: showConnector(c) };
      }),
      await grade(`it still reads '${TOPIC}' and writes ${GOOD_FILE}`, async () => {
        const config = await connectorConfig(ctx, CONNECTOR);
        if (!config) return { ok: false, saw: 'no such connector' };
        return { ok: config.topics === TOPIC && config.file === GOOD_FILE, saw: `topics=${config.topics ?? '(none)'}, file=${config.file ?? '(none)'}` };
      }),
      await grade(`${GOOD_FILE} holds the ${wanted(ctx).length} records of '${TOPIC}'`, async () => {
        const r = await workerFileHolds(ctx, GOOD_FILE, wanted(ctx), isRunning(status) ? 30_000 : 0);
        const worker = status?.tasks[0]?.workerId ? workerOf(connectOf(ctx), status.tasks[0].workerId) : undefined;
        return { ...r, saw: `${r.saw}${worker ? ` (the task runs in ${worker.container})` : ''}` };
      }),
    ];
  },
  hints: [
    `npm run connect -- status shows each connector and task with its error: the connector itself can be RUNNING while its task is FAILED. The same in JSON: curl -s <restUrl>/connectors/${CONNECTOR}/status (the task's "trace" ends with the cause).`,
    `The trace says NoSuchFileException: FileStreamSink opens its file when the task starts and does not create folders. Connect validated the config (class, topics, converters) but cannot know the folder is missing. The worker's own area, ${CONNECT_FILES}, exists.`,
    `Read the config (curl -s <restUrl>/connectors/${CONNECTOR}/config), change "file" to ${GOOD_FILE} and PUT the whole config back: curl -s -X PUT -H 'Content-Type: application/json' <restUrl>/connectors/${CONNECTOR}/config -d '{…}'. A new config restarts the tasks; check with npm run connect -- status, then docker exec <worker container> cat ${GOOD_FILE}.`,
  ],
  solution: {
    steps: [
      `npm run connect -- status   # ${CONNECTOR}: RUNNING, task 0 FAILED (NoSuchFileException: ${BAD_FILE})`,
      `curl -s <restUrl>/connectors/${CONNECTOR}/config   # the config Connect holds`,
      putCommand('<restUrl>', CONNECTOR, fileSinkConfig(TOPIC, GOOD_FILE)),
      `npm run connect -- status   # ${CONNECTOR}: RUNNING, task 0 RUNNING on connect-N:8083`,
      `docker exec kafkalab-<cluster>-connect-N cat ${GOOD_FILE}   # the worker running the task (connect-N:8083 → kafkalab-<cluster>-connect-N)`,
    ],
    async run(ctx) {
      const d = connectOf(ctx);
      ctx.say(`$ npm run connect -- status --cluster ${ctx.cluster.name}`);
      ctx.say(indent(`${CONNECTOR}: ${showConnector(await connectorStatusOf(ctx, CONNECTOR))}`));
      const config = await connectorConfig(ctx, CONNECTOR);
      if (!config) throw new Error(`no connector '${CONNECTOR}': is the drill started?`);
      ctx.say(`$ curl -s ${d.restUrl}/connectors/${CONNECTOR}/config`);
      ctx.say(indent(JSON.stringify(config)));
      const fixed = { ...config, file: GOOD_FILE };
      ctx.say(`$ ${putCommand(d.restUrl, CONNECTOR, fixed)}`);
      await putConnectorConfig(ctx, CONNECTOR, fixed);
      const c = await waitForConnector(ctx, CONNECTOR, isRunning, `'${CONNECTOR}' and its task to run`);
      ctx.say(indent(`${CONNECTOR}: ${showConnector(c)}`));
      const worker = c?.tasks[0] ? workerOf(d, c.tasks[0].workerId) : undefined;
      const r = await workerFileHolds(ctx, GOOD_FILE, wanted(ctx), 60_000);
      ctx.say(`$ docker exec ${worker?.container ?? d.workers[0]!.container} cat ${GOOD_FILE}`);
      ctx.say(indent(r.saw));
    },
  },
  explain: [
    'Connect validates a config when it is PUT (the class exists, required keys are set, the converters load) but',
    'what a connector does with it, opening a file, a database or an API, happens when its tasks start. A task that',
    'throws is FAILED with its stack trace in the status, while the connector (which only plans the tasks) can stay',
    'RUNNING: always look at the tasks. Connect never restarts a FAILED task by itself; a new config (PUT',
    '/connectors/<name>/config, the whole config each time) restarts them, and a sink then resumes from its group',
    "connect-<name>'s committed offsets, so no record is lost while it was down. With errors.tolerance=all a connector",
    'skips bad records (to a dead letter queue for a sink) instead, but that is for bad data, not a broken setup.',
  ].join('\n'),
  async reset(ctx) {
    await removeConnector(ctx, CONNECTOR, 'sink');
    await clearFiles(ctx);
    await revokeConnector(ctx, GRANT);
    await deleteTopicsIfPresent(ctx.d, [TOPIC]);
  },
};
