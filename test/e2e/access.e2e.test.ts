import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { $ } from 'zx';
import { accessStackDir, accessStatePath } from '../../scripts/lib/access/state.ts';
import { removeLeftovers } from '../../scripts/lib/lifecycle/cluster-lifecycle.ts';
import { secretsDir } from '../../scripts/lib/cluster/secrets.ts';
import { readDescriptor, type ConnectionDescriptor } from '../../scripts/lib/cluster/descriptor.ts';
import { clusterLeftovers, containerState, dockerExec } from '../../scripts/lib/core/docker.ts';
import { consumeUntil, describePartitions, produce, withAdmin } from '../../scripts/lib/kafka/index.ts';
import { ADMIN_CLIENT_PATH } from '../../stacks/render/admin-client.ts';
import { consumer, producer, type AccessSpec } from '../../stacks/model/access.ts';
import type { ClusterSpec } from '../../stacks/model/spec.ts';
import { npmRun, show, specFile } from './helpers.ts';

const NAME = 'e2e-access';
const NODE = `kafkalab-${NAME}-kafka-1`;

const accessWith = (ordersPartitions: number, ledgerProtected: boolean): AccessSpec => ({
  topics: [
    { name: 'orders', partitions: ordersPartitions, config: { 'retention.ms': 604_800_000 } },
    { name: 'ledger', partitions: 1, protected: ledgerProtected },
  ],
  users: [
    { name: 'orders-producer', roles: [producer('orders')] },
    { name: 'orders-consumer', roles: [consumer('orders', 'orders-consumer')] },
  ],
});
const specWith = (access: AccessSpec): string =>
  specFile({ name: NAME, mode: 'kraft-combined', brokers: 3, basePort: 30292, access } satisfies ClusterSpec);

interface Report {
  ok: boolean;
  checks: { name: string; ok: boolean; detail: string }[];
}
interface Plan {
  add: number;
  change: number;
  destroy: number;
  noChanges: boolean;
  lines: string[];
}

async function verifyJson(spec: string): Promise<{ code: number; report: Report; out: string }> {
  const r = await npmRun('verify', ['--cluster', spec, '--json']);
  return { code: r.code, report: JSON.parse(r.stdout) as Report, out: show(r) };
}

async function plan(spec: string): Promise<Plan> {
  const r = await npmRun('plan', ['--cluster', spec, '--json']);
  expect(r.code, show(r)).toBe(0);
  return JSON.parse(r.stdout) as Plan;
}

async function kafkaTool(args: readonly string[]): Promise<string> {
  const out = await dockerExec(NODE, [args[0]!, '--bootstrap-server', 'kafka-1:9092', '--command-config', ADMIN_CLIENT_PATH, ...args.slice(1)]);
  expect(out.exitCode, out.stderr).toBe(0);
  return out.stdout;
}

const topicId = async (topic: string): Promise<string> => /TopicId: (\S+)/.exec(await kafkaTool(['kafka-topics.sh', '--describe', '--topic', topic]))?.[1] ?? '';

describe('access stack: topics, users and ACLs as code', () => {
  let spec: string;
  let d: ConnectionDescriptor;

  beforeAll(async () => {
    await removeLeftovers(NAME);
    spec = specWith(accessWith(3, true));
    const r = await npmRun('up', ['--cluster', spec]);
    expect(r.code, show(r)).toBe(0);
    d = readDescriptor(NAME)!;
  });

  afterAll(async () => {
    await npmRun('down', ['--cluster', spec, '--force']);
  });

  it('proves the ACL matrix with real clients: producer writes not reads, consumer reads in its own group only, no grant is refused, admin does everything', async () => {
    const { code, report, out } = await verifyJson(spec);
    expect(code, out).toBe(0);
    const access = report.checks.filter((c) => c.name.startsWith('access: '));
    expect(access.every((c) => c.ok), JSON.stringify(access, null, 2)).toBe(true);
    const names = access.map((c) => c.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'access: topics as declared (no drift)',
        'access: ACLs as declared (no drift)',
        "access: orders-producer write 'orders': allowed (producer of 'orders')",
        "access: orders-producer read 'orders' as group 'orders-producer-probe': denied (a producer has no Read grant)",
        "access: orders-consumer read 'orders' as group 'orders-consumer': allowed (consumer of 'orders' in group 'orders-consumer')",
        "access: orders-consumer read 'orders' as group 'orders-consumer-other': denied (its grant is for group 'orders-consumer' only)",
        "access: orders-consumer write 'orders': denied (a consumer has no Write grant)",
        "access: kafkalab-probe write 'orders': denied (no ACL grants this user anything)",
        'access: admin can do everything (create, write, read, alter, delete a topic)',
      ]),
    );
    for (const c of access.filter((x) => x.name.includes(': denied'))) expect(c.detail, c.name).toMatch(/AUTHORIZATION_FAILED/);
  });

  it('keeps user passwords out of the access stack JSON and state', () => {
    const dir = join(secretsDir(NAME), 'passwords');
    const passwords = ['orders-producer', 'orders-consumer'].map((u) => readFileSync(join(dir, u), 'utf8').trim());
    const texts = [readFileSync(join(accessStackDir(NAME), 'cdk.tf.json'), 'utf8'), readFileSync(accessStatePath(NAME), 'utf8')];
    for (const t of texts) for (const p of passwords) expect(t.includes(p)).toBe(false);
    expect(readdirSync(dir)).toEqual(expect.arrayContaining(['orders-producer', 'orders-consumer']));
  });

  it('detects drift made with Kafka CLI in plan and verify, and deploy puts it back', async () => {
    await kafkaTool(['kafka-configs.sh', '--alter', '--entity-type', 'topics', '--entity-name', 'orders', '--add-config', 'retention.ms=1000']);
    const drifted = await plan(spec);
    expect(drifted).toMatchObject({ add: 0, change: 1, destroy: 0, noChanges: false });
    expect(drifted.lines.join('\n')).toContain('"retention.ms" = "1000" -> "604800000"');
    const v = await verifyJson(spec);
    expect(v.code, v.out).toBe(1);
    const drift = v.report.checks.find((c) => c.name === 'access: topics as declared (no drift)')!;
    expect(drift).toMatchObject({ ok: false });
    expect(drift.detail).toContain("topic 'orders': retention.ms is '1000', declared '604800000'");

    const fixed = await npmRun('deploy', ['--cluster', spec]);
    expect(fixed.code, show(fixed)).toBe(0);
    expect(await plan(spec)).toMatchObject({ noChanges: true });
  });

  it('applies nothing on an up with nothing changed, and repairs with the next up a node container removed by hand and a topic config altered', async () => {
    const quiet = await npmRun('up', ['--cluster', spec]);
    expect(quiet.code, show(quiet)).toBe(0);
    expect(quiet.stderr).toContain(`cluster '${NAME}' is as last applied (stacks, containers, topics and ACLs): nothing to apply`);
    const removed = `kafkalab-${NAME}-kafka-3`;
    expect((await $({ quiet: true, nothrow: true })`docker rm -f ${removed}`).exitCode).toBe(0);
    await kafkaTool(['kafka-configs.sh', '--alter', '--entity-type', 'topics', '--entity-name', 'orders', '--add-config', 'retention.ms=1000']);
    const repaired = await npmRun('up', ['--cluster', spec]);
    expect(repaired.code, show(repaired)).toBe(0);
    expect(repaired.stderr).toContain(`container ${removed} is missing`);
    expect((await containerState(removed))?.running).toBe(true);
    expect(await plan(spec)).toMatchObject({ noChanges: true });
  });

  it('applies a partition increase in place (same topic id, records kept) and refuses a decrease before anything changes', async () => {
    const before = await topicId('orders');
    await produce(d, 'orders', Array.from({ length: 30 }, (_, i) => ({ key: `k${i}`, value: `before-${i}` })));
    spec = specWith(accessWith(6, true));
    const grown = await npmRun('deploy', ['--cluster', spec]);
    expect(grown.code, show(grown)).toBe(0);
    expect((await describePartitions(d, ['orders'])).length).toBe(6);
    expect(await topicId('orders')).toBe(before);
    const back = await consumeUntil(d, 'orders', (rs) => rs.filter((r) => r.value?.startsWith('before-')).length >= 30, { timeoutMs: 60_000 });
    expect(back.filter((r) => r.value?.startsWith('before-')).length).toBe(30);

    const shrink = await npmRun('deploy', ['--cluster', specWith(accessWith(2, true))]);
    expect(shrink.code, show(shrink)).toBe(2);
    expect(shrink.stderr).toContain("'topics[0].partitions' (2) is below the 6 partitions topic 'orders' has");
    expect((await describePartitions(d, ['orders'])).length).toBe(6);
  });

  it('keeps a protected topic through a destroy attempt, and destroys once it is released', async () => {
    const refused = await npmRun('down', ['--cluster', spec]);
    expect(refused.code, show(refused)).toBe(1);
    expect(refused.stderr).toContain("topic 'ledger' of cluster 'e2e-access' is protected");
    expect((await containerState(NODE))?.running).toBe(true);
    expect(await withAdmin(d, (a) => a.listTopics())).toEqual(expect.arrayContaining(['ledger', 'orders']));

    spec = specWith(accessWith(6, false));
    const released = await npmRun('deploy', ['--cluster', spec]);
    expect(released.code, show(released)).toBe(0);
    const gone = await npmRun('down', ['--cluster', spec]);
    expect(gone.code, show(gone)).toBe(0);
    expect(await clusterLeftovers(NAME)).toEqual({ containers: [], networks: [], volumes: [] });
  });
});
