/**
 * Kafka Connect: a FileStreamSource writes each line of a file to a topic with a null key. The learner
 * adds Single Message Transforms so that new records land keyed by the line's user.
 *
 * Measured on Connect 3.9.1: FileStreamSource makes a STRING value per line, and ValueToKey refuses it
 * ("Only Struct objects supported for [copying fields from value to key], found: java.lang.String"), also
 * with value.converter=JsonConverter: on a source the converter only serializes what the transforms made,
 * it parses nothing, and no built-in SMT parses JSON. HoistField$Value first wraps the line into a Struct,
 * which ValueToKey, ExtractField$Key and ExtractField$Value then work on. So each line is one user id.
 */
import { randomBytes } from 'node:crypto';
import { deleteTopicsIfPresent, ensureTopic, readTopic, topicOffsets, type ReadRecord } from '../../../kafka/index.ts';
import { brokersOf } from '../../../../../stacks/model/spec.ts';
import { grade, indent, notTried, waitFor } from '../kit/kit.ts';
import {
  CONNECT_FILES,
  connectOf,
  connectorConfig,
  connectorStatusOf,
  createFresh,
  fileSourceConfig,
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
} from '../kit/connect.ts';
import { criterion, type Criterion, type Drill, type DrillContext } from '../kit/types.ts';

export const CONNECTOR = 'clicks-import';
const TOPIC = 'clicks';
export const FILE = `${CONNECT_FILES}/clicks.txt`;
const PARTITIONS = 3;
const USERS = ['u-1001', 'u-1002', 'u-1003', 'u-1004'];
const SEED_LINES = 12;
const GRANT = { connector: CONNECTOR, type: 'source', topic: TOPIC } as const;
const T = 'org.apache.kafka.connect.transforms';

/** The transforms that key each record by its line: hoist the string into a Struct, copy it to the key, unwrap both. */
export const KEYING_TRANSFORMS: Readonly<Record<string, string>> = {
  transforms: 'hoist,key,extract,unhoist',
  'transforms.hoist.type': `${T}.HoistField$Value`,
  'transforms.hoist.field': 'user',
  'transforms.key.type': `${T}.ValueToKey`,
  'transforms.key.fields': 'user',
  'transforms.extract.type': `${T}.ExtractField$Key`,
  'transforms.extract.field': 'user',
  'transforms.unhoist.type': `${T}.ExtractField$Value`,
  'transforms.unhoist.field': 'user',
};

/** The lines the setup writes: clicks of a few users, in turn. */
export const seedLines = (): string[] => Array.from({ length: SEED_LINES }, (_, i) => USERS[i % USERS.length]!);

/** `printf '%s\n' … >> file` for lines of letters, digits and '-'. */
export function appendScript(file: string, lines: readonly string[]): string {
  for (const l of lines) if (!/^[A-Za-z0-9-]+$/.test(l)) throw new Error(`'${l}' is not a plain user id`);
  return `printf '%s\\n' ${lines.join(' ')} >> ${file}`;
}

/** How each wanted line landed: the record whose value holds it (the last, if several), or none. */
export function landed(records: readonly ReadRecord[], lines: readonly string[]): { line: string; record?: ReadRecord }[] {
  return lines.map((line) => ({ line, record: [...records].reverse().find((r) => r.value === line || (r.value ?? '').includes(line)) }));
}

/** The criteria on the lines the check appended: they arrived, each keyed by its line, each value the line. */
export function keyedCriteria(found: readonly { line: string; record?: ReadRecord }[]): Criterion[] {
  const arrived = found.filter((f) => f.record);
  const show = (f: { line: string; record?: ReadRecord }): string => `${f.line} → key ${f.record?.key === null ? 'null' : `'${f.record?.key}'`}, value '${f.record?.value}'`;
  const badKey = arrived.filter((f) => f.record!.key !== f.line);
  const badValue = arrived.filter((f) => f.record!.value !== f.line);
  return [
    criterion(`the ${found.length} lines the check appended to ${FILE} reached '${TOPIC}'`, arrived.length === found.length, `${arrived.length} of ${found.length} arrived${arrived.length < found.length ? `; not: ${found.filter((f) => !f.record).map((f) => f.line).join(', ')}` : ''}`),
    criterion('each of them is keyed by its user (the key is the line)', arrived.length === found.length && badKey.length === 0, arrived.length === 0 ? 'nothing arrived' : badKey.length === 0 ? arrived.slice(0, 2).map(show).join('; ') : badKey.slice(0, 2).map(show).join('; ')),
    criterion('each value is still the line itself, a plain string', arrived.length === found.length && badValue.length === 0, arrived.length === 0 ? 'nothing arrived' : badValue.length === 0 ? `${arrived.length} values as written` : badValue.slice(0, 2).map(show).join('; ')),
  ];
}

const endOf = async (ctx: DrillContext): Promise<number> => (await topicOffsets(await ctx.live(), TOPIC)).reduce((n, o) => n + o.high, 0);

export const smtKeyedRecords: Drill = {
  id: 'smt-keyed-records',
  title: 'Key the records of a source connector with Single Message Transforms',
  track: 'dev',
  domain: 'streams-and-connect',
  difficulty: 'medium',
  minutes: 20,
  needs: { minBrokers: 1, mode: 'any', security: 'any', connect: true },
  task: (_facts, cluster) =>
    [
      `The connector '${CONNECTOR}' (FileStreamSource) writes each new line of ${FILE}, in the Connect worker, to`,
      `'${TOPIC}' (${PARTITIONS} partitions). Each line is one click: the id of the user who clicked (e.g. u-1001). The records land`,
      'with a null key, so one user\'s clicks are spread over every partition and come out of order.',
      `Change the connector's config (Connect's REST API at ${restUrlOf(cluster)}) so that from now on each record is keyed by`,
      'its user (the key is the line) and its value stays the line, a plain string. Use Single Message Transforms, the',
      'ones built into Kafka Connect; keep the file, the topic and the string converters.',
      `The check appends new lines to ${FILE} and reads how they land.`,
    ].join('\n'),
  async setup(ctx) {
    connectOf(ctx);
    await removeConnector(ctx, CONNECTOR, 'source');
    await onEveryWorker(ctx, `rm -f ${FILE}`);
    await deleteTopicsIfPresent(ctx.d, [TOPIC]);
    await ensureTopic(ctx.d, { name: TOPIC, partitions: PARTITIONS, replicationFactor: Math.min(3, brokersOf(ctx.cluster).length) });
    await grantConnector(ctx, GRANT);
    // The same file in every worker: the task reads the one of the worker it runs in, wherever that is.
    await onEveryWorker(ctx, appendScript(FILE, seedLines()));
    await createFresh(ctx, CONNECTOR, fileSourceConfig(FILE, TOPIC));
    await waitForConnector(ctx, CONNECTOR, isRunning, `'${CONNECTOR}' to run`);
    await waitFor(async () => ((await endOf(ctx)) >= SEED_LINES ? true : undefined), { what: `the ${SEED_LINES} lines in '${TOPIC}'`, timeoutMs: 60_000, intervalMs: 1500 });
    return { lines: SEED_LINES };
  },
  async check(ctx) {
    if (!ctx.facts.lines) return [notTried(`'${CONNECTOR}' keys its records`, 'the drill has nothing on record: start it again')];
    const out: Criterion[] = [];
    const running = await grade(`connector '${CONNECTOR}' and its task are RUNNING`, async () => {
      const c = await connectorStatusOf(ctx, CONNECTOR);
      return { ok: isRunning(c), saw: showConnector(c) };
    });
    out.push(running);
    out.push(
      await grade(`it still reads ${FILE} into '${TOPIC}' with string converters`, async () => {
        const config = await connectorConfig(ctx, CONNECTOR);
        if (!config) return { ok: false, saw: 'no such connector' };
        const ok = config.file === FILE && config.topic === TOPIC && !/JsonConverter|AvroConverter|ByteArrayConverter/.test(`${config['key.converter'] ?? ''} ${config['value.converter'] ?? ''}`);
        return { ok, saw: `file=${config.file ?? '(none)'}, topic=${config.topic ?? '(none)'}, key.converter=${config['key.converter'] ?? '(worker default: JsonConverter)'}, value.converter=${config['value.converter'] ?? '(worker default: JsonConverter)'}` };
      }),
    );
    const tag = randomBytes(3).toString('hex');
    const lines = [1, 2, 3, 4].map((i) => `u-${tag}${i}`);
    try {
      await onEveryWorker(ctx, appendScript(FILE, lines));
    } catch (error) {
      out.push(criterion(`lines appended to ${FILE} reach '${TOPIC}'`, false, error instanceof Error ? error.message : String(error)));
      return out;
    }
    // A running source picks new lines up within a second or two; a failed one never does.
    const deadline = Date.now() + (running.ok ? 45_000 : 8_000);
    let found = landed([], lines);
    for (;;) {
      try {
        found = landed(await readTopic(await ctx.live(), TOPIC, { timeoutMs: 20_000 }), lines);
      } catch {
        // read again
      }
      if (found.every((f) => f.record) || Date.now() >= deadline) break;
      await new Promise((done) => setTimeout(done, 2000));
    }
    out.push(...keyedCriteria(found));
    return out;
  },
  hints: [
    `A transform (SMT) works on each record the connector made, before the converter turns it into bytes. FileStreamSource makes a record per line: key null, value the line, schema STRING. See the config with curl -s <restUrl>/connectors/${CONNECTOR}/config.`,
    'ValueToKey builds the key from fields of the value, and ExtractField$Key takes one field out of a key. But ValueToKey needs a Struct (or a schemaless map) and refuses a plain string ("Only Struct objects supported"); a JsonConverter does not help here, since on a source it only serializes. HoistField$Value wraps the string into a Struct with one field.',
    `transforms=hoist,key,extract,unhoist: hoist = ${T}.HoistField$Value (field=user), key = ${T}.ValueToKey (fields=user), extract = ${T}.ExtractField$Key (field=user), unhoist = ${T}.ExtractField$Value (field=user), each as transforms.<alias>.type and its settings. PUT the whole config; npm run connect -- status shows a task that failed on a transform.`,
  ],
  solution: {
    steps: [
      `curl -s <restUrl>/connectors/${CONNECTOR}/config   # FileStreamSource, file ${FILE}, topic ${TOPIC}, string converters, no transforms`,
      putCommand('<restUrl>', CONNECTOR, { ...fileSourceConfig(FILE, TOPIC), ...KEYING_TRANSFORMS }),
      `npm run connect -- status   # ${CONNECTOR}: RUNNING, task 0 RUNNING`,
      `docker exec -u kafka kafkalab-<cluster>-connect-1 bash -c 'echo u-2001 >> ${FILE}'   # then read ${TOPIC} with kafka-console-consumer.sh --formatter-property print.key=true: u-2001	u-2001`,
    ],
    async run(ctx) {
      const d = connectOf(ctx);
      const config = await connectorConfig(ctx, CONNECTOR);
      if (!config) throw new Error(`no connector '${CONNECTOR}': is the drill started?`);
      ctx.say(`$ curl -s ${d.restUrl}/connectors/${CONNECTOR}/config`);
      ctx.say(indent(JSON.stringify(config)));
      const keyed = { ...config, ...KEYING_TRANSFORMS };
      ctx.say(`$ ${putCommand(d.restUrl, CONNECTOR, keyed)}`);
      await putConnectorConfig(ctx, CONNECTOR, keyed);
      // The new config restarts the task: wait until the restarted one runs.
      await new Promise((done) => setTimeout(done, 3000));
      const c = await waitForConnector(ctx, CONNECTOR, isRunning, `'${CONNECTOR}' and its task to run`);
      ctx.say(`$ npm run connect -- status --cluster ${ctx.cluster.name}`);
      ctx.say(indent(`${CONNECTOR}: ${showConnector(c)}`));
    },
  },
  explain: [
    'A Single Message Transform changes one record at a time inside Connect: on a source after the connector made it and',
    'before the converter serializes it, on a sink after the converter parsed it and before the connector gets it.',
    'transforms=a,b,c runs them in that order, each with transforms.<alias>.type and its own settings (and optionally',
    'a predicate). ValueToKey copies fields of a Struct or a map into the key, and ExtractField$Key takes a single field',
    'back out, the usual pair for keying records of a JDBC source. FileStreamSource makes plain strings, which have no',
    'fields: HoistField$Value wraps one into a Struct first, ExtractField$Value unwraps it again. No built-in SMT parses',
    'JSON, and on a source a converter never parses either: keying by a field inside a JSON line needs a connector that',
    'makes structured records, a custom SMT, or a stream processor (Kafka Streams, ksqlDB) after the topic.',
  ].join('\n'),
  async reset(ctx) {
    await removeConnector(ctx, CONNECTOR, 'source');
    await onEveryWorker(ctx, `rm -f ${FILE}`);
    await revokeConnector(ctx, GRANT);
    await deleteTopicsIfPresent(ctx.d, [TOPIC]);
  },
};
