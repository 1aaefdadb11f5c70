/**
 * The developer's course on one 3-broker sasl_ssl cluster with a Schema Registry (one cluster:
 * the registry's checks only read, or change subjects of their own).
 *
 * The registry: up brings it up with the access spec's schema (a file beside the spec file) as
 * version 1; a producer registers the Avro schema and writes records a consumer decodes through
 * the registry; a BACKWARD-incompatible change is refused by the plan (with the registry's reason)
 * and by deploy (nothing applied) and by the registry itself, a compatible one is applied as
 * version 2; a schema file that does not parse and an unknown type are refused naming the field;
 * restarted, the registry keeps its schemas.
 *
 * Kafka Streams: `npm run streams -- start` runs
 * order-totals (exactly_once_v2) as the admin; 1,000 orders over 20 customers become exactly the
 * expected per-customer totals in customer-totals (unreadable orders skipped); a rolling restart of the brokers while it runs
 * and 500 more orders leave the totals still exact; status shows RUNNING, its store, its lag and
 * its internal topics; stop removes its container, and down leaves nothing.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { $ } from 'zx';
import { readDescriptor, type ConnectionDescriptor } from '../../scripts/lib/cluster/descriptor.ts';
import { clusterLeftovers, containerState } from '../../scripts/lib/core/docker.ts';
import { waitFor } from '../../scripts/lib/core/index.ts';
import { produceRecords, readWholeTopic } from '../../scripts/lib/kafka/index.ts';
import { removeLeftovers } from '../../scripts/lib/lifecycle/cluster-lifecycle.ts';
import type { StreamsStatus } from '../../scripts/lib/streams/index.ts';
import { consumeAvro, produceAvro, waitForRegistry } from '../../scripts/lib/schemas/index.ts';
import { E2E_CLUSTERS } from './clusters.ts';
import { npmRun, show, specFile } from './helpers.ts';

const { name: NAME, basePort } = E2E_CLUSTERS.streams;
const CONTAINER = `kafkalab-${NAME}-streams-order-totals`;
const CUSTOMERS = 20;
const REGISTRY = `kafkalab-${NAME}-schema-registry`;
const SUBJECT = 'orders-avro-value';

const ORDER_V1 = { type: 'record', name: 'Order', namespace: 'dev.kafkalab', fields: [{ name: 'id', type: 'string' }, { name: 'amount', type: 'double' }] };
/** BACKWARD-incompatible: a reader with it cannot read v1 records (no default for customer). */
const ORDER_BAD = { ...ORDER_V1, fields: [...ORDER_V1.fields, { name: 'customer', type: 'string' }] };
/** BACKWARD-compatible: the new field has a default. */
const ORDER_V2 = { ...ORDER_V1, fields: [...ORDER_V1.fields, { name: 'customer', type: 'string', default: 'unknown' }] };

/** The spec file (kept at one path: deploy registers the spec it is given) and the schema file beside it. */
const SPEC = specFile({
  name: NAME,
  basePort,
  brokers: 3,
  schemaRegistry: true,
  access: { topics: [{ name: 'orders-avro', partitions: 3 }], schemas: [{ subject: SUBJECT, file: 'order.avsc' }] },
});
const SCHEMA_FILE = join(dirname(SPEC), 'order.avsc');
const writeSchema = (schema: object | string): void => writeFileSync(SCHEMA_FILE, typeof schema === 'string' ? schema : JSON.stringify(schema, null, 2));
writeSchema(ORDER_V1);

async function versions(url: string): Promise<number[]> {
  const res = await fetch(`${url}/subjects/${SUBJECT}/versions`);
  return (await res.json()) as number[];
}

/** Order i: customer c-(i mod 20), an amount of 0.01 to 99.99 that varies with i (in cents, exact). */
const orderOf = (i: number): { key: string; customer: string; cents: number; value: string } => {
  const customer = `c-${i % CUSTOMERS}`;
  const cents = ((i * 7919) % 9999) + 1;
  return { key: `o-${i}`, customer, cents, value: JSON.stringify({ customer, amount: cents / 100 }) };
};

const expected = new Map<string, number>();

async function produceOrders(d: ConnectionDescriptor, from: number, count: number): Promise<void> {
  const orders = Array.from({ length: count }, (_, k) => orderOf(from + k));
  for (const o of orders) expected.set(o.customer, (expected.get(o.customer) ?? 0) + o.cents);
  await produceRecords(d, 'orders-in', orders.map((o) => ({ key: o.key, value: o.value })), { perRequest: 100 });
}

const money = (cents: number): string => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;

/** The latest total of each customer in customer-totals (one key stays on one partition: the last record by offset). */
async function latestTotals(d: ConnectionDescriptor): Promise<Map<string, string>> {
  const latest = new Map<string, { offset: number; value: string }>();
  for (const r of await readWholeTopic(d, 'customer-totals')) {
    if (r.key === null || r.value === null) continue;
    const prev = latest.get(r.key);
    if (!prev || Number(r.offset) > prev.offset) latest.set(r.key, { offset: Number(r.offset), value: r.value });
  }
  return new Map([...latest].map(([k, v]) => [k, v.value]));
}

/** Wait until customer-totals holds exactly the expected total for every customer, and nothing else. */
async function totalsExact(d: ConnectionDescriptor): Promise<Map<string, string>> {
  const want = new Map([...expected].map(([c, cents]) => [c, money(cents)]));
  return waitFor(
    async () => {
      const got = await latestTotals(d);
      const wrong = [...want].filter(([c, v]) => got.get(c) !== v).map(([c, v]) => `${c}: ${got.get(c) ?? 'none'} (want ${v})`);
      const extra = [...got.keys()].filter((c) => !want.has(c));
      if (wrong.length > 0 || extra.length > 0) throw new Error(`${wrong.length} customer(s) off, e.g. ${wrong.slice(0, 3).join(', ')}${extra.length ? `; unexpected keys ${extra.join(', ')}` : ''}`);
      return got;
    },
    { what: 'customer-totals to hold the exact totals', timeoutMs: 120_000, intervalMs: 2000 },
  );
}

async function status(): Promise<StreamsStatus> {
  const r = await npmRun('streams', ['status', '--cluster', NAME, '--json']);
  expect(r.code, show(r)).toBe(0);
  return JSON.parse(r.stdout) as StreamsStatus;
}

describe('Schema Registry and Kafka Streams on a 3-broker sasl_ssl cluster', () => {
  let d: ConnectionDescriptor;
  let url: string;

  beforeAll(async () => {
    await removeLeftovers(NAME);
  });

  afterAll(async () => {
    await removeLeftovers(NAME);
  });

  it('up deploys the cluster with its registry and the declared schema as version 1; info names the URL', async () => {
    const up = await npmRun('up', ['--cluster', SPEC]);
    expect(up.code, show(up)).toBe(0);
    expect(up.stdout).toMatch(/✔ Schema Registry answers: 1 subject, global compatibility BACKWARD/);
    d = readDescriptor(NAME)!;
    expect(d.securityMode).toBe('sasl_ssl');
    const info = await npmRun('info', ['--cluster', NAME, '--json']);
    expect(info.code, show(info)).toBe(0);
    url = (JSON.parse(info.stdout) as { schemaRegistry: { url: string } }).schemaRegistry.url;
    expect(url).toBe(`http://127.0.0.1:${basePort + 22}/apis/ccompat/v7`);
    expect(await versions(url)).toEqual([1]);
    // Published on 127.0.0.1 only, and no secret in its command or environment.
    const inspect = await $({ quiet: true })`docker inspect ${REGISTRY} --format ${'{{json .HostConfig.PortBindings}} {{json .Config.Env}} {{json .Config.Cmd}}'}`;
    expect(inspect.stdout).toContain('"HostIp":"127.0.0.1"');
    expect(inspect.stdout).not.toContain(readFileSync(d.sasl!.passwordPath, 'utf8').trim());
  });

  it('a producer registers the Avro schema and writes records a consumer decodes through the registry', async () => {
    const orders = Array.from({ length: 30 }, (_, i) => ({ id: `o-${i}`, amount: i + 0.5 }));
    const id = await produceAvro(d, url, 'orders-avro', SUBJECT, ORDER_V1, orders, { keys: orders.map((o) => o.id) });
    expect(typeof id).toBe('number');
    const read = await consumeAvro(d, url, 'orders-avro', orders.length);
    expect(read.filter((r) => r.error)).toEqual([]);
    expect(read.map((r) => r.value as { id: string; amount: number }).sort((a, b) => a.amount - b.amount)).toEqual(orders.map((o) => expect.objectContaining(o)));
  });

  it('a BACKWARD-incompatible change is refused by the plan, by deploy and by the registry; nothing is applied', async () => {
    writeSchema(ORDER_BAD);
    const plan = await npmRun('plan', ['--cluster', NAME]);
    expect(plan.code, show(plan)).toBe(1);
    expect(plan.stdout).toContain(`! schema '${SUBJECT}' (AVRO): REFUSED by the registry: incompatible: customer at /fields/2`);
    const deploy = await npmRun('deploy', ['--cluster', NAME]);
    expect(deploy.code, show(deploy)).toBe(1);
    expect(deploy.stderr).toContain(`refuses '${SUBJECT}' (incompatible: customer at /fields/2); nothing was applied`);
    await expect(produceAvro(d, url, 'orders-avro', SUBJECT, ORDER_BAD, [{ id: 'x', amount: 1, customer: 'c' }])).rejects.toThrow(/409|ncompatible/);
    expect(await versions(url)).toEqual([1]);
  });

  it('a compatible change is planned and applied as version 2; old and new records both decode', async () => {
    writeSchema(ORDER_V2);
    const plan = await npmRun('plan', ['--cluster', NAME]);
    expect(plan.code, show(plan)).toBe(0);
    expect(plan.stdout).toContain(`~ schema '${SUBJECT}' (AVRO): version 2, compatible`);
    const deploy = await npmRun('deploy', ['--cluster', NAME]);
    expect(deploy.code, show(deploy)).toBe(0);
    expect(deploy.stderr).toContain(`schema '${SUBJECT}': version 2`);
    expect(await versions(url)).toEqual([1, 2]);
    await produceAvro(d, url, 'orders-avro', SUBJECT, ORDER_V2, [{ id: 'o-v2', amount: 99, customer: 'c-9' }]);
    const read = await consumeAvro(d, url, 'orders-avro', 31);
    expect(read.filter((r) => r.error)).toEqual([]);
    expect(read.map((r) => r.value)).toContainEqual(expect.objectContaining({ id: 'o-v2', customer: 'c-9' }));
  });

  it('a schema file that does not parse, and an unknown type, are refused naming the field; nothing is created', async () => {
    writeSchema('{"type": "record", "name": "Order", "fields": [');
    const bad = await npmRun('deploy', ['--cluster', NAME]);
    expect(bad.code, show(bad)).toBe(2);
    expect(bad.stderr).toContain(`schemas[0].file ('${SCHEMA_FILE}') does not parse as AVRO: not JSON`);
    writeSchema(ORDER_V2);
    const spec = JSON.parse(readFileSync(SPEC, 'utf8')) as { access: { schemas: { type?: string }[] } };
    spec.access.schemas[0]!.type = 'XML';
    writeFileSync(SPEC, JSON.stringify(spec));
    const unknown = await npmRun('deploy', ['--cluster', SPEC]);
    expect(unknown.code, show(unknown)).toBe(2);
    expect(unknown.stderr).toContain("'schemas[0].type' ('XML') is not a schema type the registry takes: use AVRO, JSON or PROTOBUF");
    delete spec.access.schemas[0]!.type;
    writeFileSync(SPEC, JSON.stringify(spec));
    const back = await npmRun('deploy', ['--cluster', SPEC]);
    expect(back.code, show(back)).toBe(0);
    expect(await versions(url)).toEqual([1, 2]);
  });

  it('restarted, the registry keeps its schemas (they live in the cluster)', async () => {
    await $({ quiet: true })`docker restart ${REGISTRY}`;
    const view = await waitForRegistry(url, { deadlineMs: 120_000, container: REGISTRY });
    expect(view).toEqual({ subjects: [SUBJECT], compatibility: 'BACKWARD' });
    expect(await versions(url)).toEqual([1, 2]);
  });

  it('an unknown Streams app is refused, naming the apps', async () => {
    const bad = await npmRun('streams', ['start', '--app', 'word-count', '--cluster', NAME]);
    expect(bad.code, show(bad)).toBe(2);
    expect(bad.stderr).toContain("unknown Streams app 'word-count': the apps are order-totals");
    const before = await status();
    expect(before).toMatchObject({ running: false, containerStatus: 'absent', reportError: 'not started: npm run streams -- start' });
  });

  it('start makes the topics, builds the app and runs it until RUNNING; no secret in its command or environment', async () => {
    const r = await npmRun('streams', ['start', '--cluster', NAME]);
    expect(r.code, show(r)).toBe(0);
    expect(r.stdout).toMatch(/✔ Streams app order-totals RUNNING in kafkalab-e2e-streams-streams-order-totals after [\d.]+s/);
    const inspect = await $({ quiet: true })`docker inspect ${CONTAINER} --format ${'{{json .Config.Env}} {{json .Config.Cmd}} {{json .Config.Labels}} {{.HostConfig.RestartPolicy.Name}}'}`;
    const password = readFileSync(d.sasl!.passwordPath, 'utf8').trim();
    expect(inspect.stdout).not.toContain(password);
    expect(inspect.stdout).toContain('"dev.kafkalab.roles":"streams"');
    expect(inspect.stdout).toContain(`"dev.kafkalab.cluster":"${NAME}"`);
    const again = await npmRun('streams', ['start', '--cluster', NAME]);
    expect(again.code, show(again)).toBe(0);
    expect(again.stdout).toContain('already RUNNING');
  });

  it('1,000 orders over 20 customers become exactly the expected totals; unreadable orders are skipped', async () => {
    const bad = ['not json', '{"customer":"c-1"}', '{"customer":"c-1","amount":1.005}'].map((value, i) => ({ key: `bad-${i}`, value }));
    await produceRecords(d, 'orders-in', bad);
    await produceOrders(d, 0, 1000);
    const totals = await totalsExact(d);
    expect(totals.size).toBe(CUSTOMERS);
  });

  it('a rolling restart of the brokers while it runs, then 500 more orders: the totals are still exact', async () => {
    const roll = await npmRun('roll', ['--cluster', NAME]);
    expect(roll.code, show(roll)).toBe(0);
    expect((await containerState(CONTAINER))?.running).toBe(true);
    await produceOrders(d, 1000, 500);
    const totals = await totalsExact(d);
    expect(totals.size).toBe(CUSTOMERS);
    // The registry's journal has the cluster's replication: it answered through the roll, and still does.
    expect(await versions(url)).toEqual([1, 2]);
  });

  it('status --json: RUNNING, the store holds every customer, its lag and its internal topics', async () => {
    const s = await waitFor(
      async () => {
        const x = await status();
        if (x.report?.state !== 'RUNNING') throw new Error(`state ${x.report?.state ?? x.reportError}`);
        return x;
      },
      { what: 'status RUNNING', timeoutMs: 60_000 },
    );
    expect(s).toMatchObject({ app: 'order-totals', applicationId: 'kafkalab-order-totals', container: CONTAINER, running: true });
    expect(s.report!.store).toEqual({ name: 'customer-totals-store', entries: CUSTOMERS });
    expect(s.report!.skipped).toBeGreaterThanOrEqual(3);
    expect(s.internalTopics).toEqual(['kafkalab-order-totals-by-customer-repartition', 'kafkalab-order-totals-customer-totals-store-changelog']);
    expect([...new Set(s.lag!.partitions.map((p) => p.topic))]).toEqual(['kafkalab-order-totals-by-customer-repartition', 'orders-in']);
    // Everything read: at most a transaction marker per partition is left behind the committed offsets.
    expect(s.lag!.total).toBeLessThanOrEqual(s.lag!.partitions.length);
    const text = await npmRun('streams', ['status', '--cluster', NAME]);
    expect(text.code, show(text)).toBe(0);
    expect(text.stdout).toContain('Streams app order-totals of cluster e2e-streams (application.id kafkalab-order-totals): RUNNING');
    expect(text.stdout).toContain(`store       customer-totals-store: ${CUSTOMERS} key(s)`);
  });

  it('stop removes its container; status says it is not started', async () => {
    const r = await npmRun('streams', ['stop', '--cluster', NAME]);
    expect(r.code, show(r)).toBe(0);
    expect(r.stdout).toContain('✔ Streams app order-totals stopped');
    expect(await containerState(CONTAINER)).toBeUndefined();
    expect(await status()).toMatchObject({ running: false, containerStatus: 'absent' });
  });

  it('down --force leaves nothing of the cluster (a started app included)', async () => {
    const start = await npmRun('streams', ['start', '--cluster', NAME]);
    expect(start.code, show(start)).toBe(0);
    const r = await npmRun('down', ['--cluster', NAME, '--force']);
    expect(r.code, show(r)).toBe(0);
    expect(await clusterLeftovers(NAME)).toEqual({ containers: [], networks: [], volumes: [] });
  });
});
