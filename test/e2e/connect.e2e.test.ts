/**
 * Kafka Connect on a sasl_ssl cluster with two real workers: a FileStream source declared in the
 * access spec moves lines into a topic; a sink whose file cannot be created shows FAILED with
 * Connect's error in plain words, and fixing the spec brings it RUNNING; a connector deleted
 * behind the tool's back is drift (plan, verify) that up puts back; a rolling restart of the
 * workers keeps the connectors running. The negative cases fail before anything is created.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { $ } from 'zx';
import type { ClusterSpec } from '../../stacks/model/spec.ts';
import { readDescriptor, type ConnectionDescriptor } from '../../scripts/lib/cluster/descriptor.ts';
import { clusterLeftovers } from '../../scripts/lib/core/docker.ts';
import { waitFor } from '../../scripts/lib/core/index.ts';
import { readWholeTopic } from '../../scripts/lib/kafka/index.ts';
import { removeLeftovers } from '../../scripts/lib/lifecycle/cluster-lifecycle.ts';
import type { ConnectStatus } from '../../scripts/lib/connect/index.ts';
import { E2E_CLUSTERS } from './clusters.ts';
import { npmRun, show, specFile } from './helpers.ts';

const { name: NAME, basePort } = E2E_CLUSTERS.connect;
const STRING = 'org.apache.kafka.connect.storage.StringConverter';
const IN_FILE = '/var/lib/connect/lines.txt';
const BROKEN_OUT = '/var/lib/connect/missing/out.txt';
const GOOD_OUT = '/var/lib/connect/out.txt';

const specWith = (sinkFile: string): ClusterSpec => ({
  name: NAME,
  basePort,
  connect: { workers: 2 },
  access: {
    topics: [{ name: 'lines', partitions: 1 }],
    connectors: [
      { name: 'lines-import', class: 'FileStreamSource', config: { file: IN_FILE, topic: 'lines', 'value.converter': STRING }, topics: ['lines'] },
      { name: 'lines-export', class: 'FileStreamSink', config: { file: sinkFile, 'value.converter': STRING }, topics: ['lines'] },
    ],
  },
});

const workerOf = (workerId: string): string => `kafkalab-${NAME}-${workerId.split(':')[0]}`;

async function status(): Promise<ConnectStatus> {
  const r = await npmRun('connect', ['status', '--cluster', NAME, '--json']);
  expect(r.code, show(r)).toBe(0);
  return JSON.parse(r.stdout) as ConnectStatus;
}

/** Append lines to the source's file on every worker, so whichever runs its task reads the same file. */
async function appendLines(lines: readonly string[]): Promise<void> {
  for (const w of readDescriptor(NAME)!.connect!.workers) {
    await $`docker exec -u kafka ${w.container} bash -c ${`printf '%s\\n' ${lines.map((l) => `'${l}'`).join(' ')} >> ${IN_FILE}`}`;
  }
}

async function topicValues(d: ConnectionDescriptor, want: number): Promise<string[]> {
  return waitFor(
    async () => {
      const values = (await readWholeTopic(d, 'lines')).map((r) => r.value ?? '');
      if (values.length < want) throw new Error(`${values.length} of ${want} records`);
      return values;
    },
    { what: `${want} records in 'lines'`, timeoutMs: 60_000 },
  );
}

describe('Kafka Connect: connectors declared in the access spec, on a sasl_ssl cluster', () => {
  let spec: string;
  let d: ConnectionDescriptor;

  beforeAll(async () => {
    await removeLeftovers(NAME);
    spec = specFile(specWith(BROKEN_OUT));
  });

  afterAll(async () => {
    const r = await npmRun('down', ['--cluster', NAME, '--force']);
    expect(r.code, show(r)).toBe(0);
    expect(await clusterLeftovers(NAME)).toEqual({ containers: [], networks: [], volumes: [] });
  });

  it('refuses bad Connect input before anything is created: worker count, unknown class, a topic its user may not write', async () => {
    const badWorkers = await npmRun('up', ['--cluster', specFile({ ...specWith(GOOD_OUT), connect: { workers: 4 } })]);
    expect(badWorkers.code, show(badWorkers)).toBe(2);
    expect(badWorkers.stderr).toContain("'connect.workers' (4) is out of range: use a whole number of workers from 1 to 3");
    const badConnectors = specFile({
      ...specWith(GOOD_OUT),
      access: {
        topics: [{ name: 'lines', partitions: 1 }],
        connectors: [
          { name: 'x', class: 'JdbcSource', topics: ['lines'] },
          { name: 'y', class: 'FileStreamSource', config: { file: IN_FILE, topic: 'secret' }, topics: ['lines'] },
        ],
      },
    });
    const r = await npmRun('up', ['--cluster', badConnectors]);
    expect(r.code, show(r)).toBe(2);
    expect(r.stderr).toContain("'connectors[0].class' ('JdbcSource') is not a connector class the Connect workers have: use one of FileStreamSource");
    expect(r.stderr).toContain(
      "'connectors[1].config.topic' ('secret') is not in the connector's 'topics' ([\"lines\"]): the workers' user 'connect' is granted only those, so Kafka would refuse it; add 'secret' to connectors[1].topics",
    );
    expect(await clusterLeftovers(NAME)).toEqual({ containers: [], networks: [], volumes: [] });
  });

  it('says Connect is not running for a cluster that is not up', async () => {
    const r = await npmRun('connect', ['status', '--cluster', spec]);
    expect(r.code, show(r)).toBe(1);
    expect(r.stderr).toMatch(/not answering/);
    expect(r.stderr).toContain('npm run up');
  });

  it('up applies the workers and both connectors; the sink with a bad file shows FAILED in plain words', async () => {
    const r = await npmRun('up', ['--cluster', spec]);
    // verify fails: the sink's task cannot create its file.
    expect(r.code, show(r)).toBe(1);
    expect(r.stdout).toContain('✔ Connect workers joined: 2 of 2 workers answer');
    expect(r.stdout).toMatch(/✖ every declared connector RUNNING: .*lines-export RUNNING, task 0 FAILED \(.*missing\/out\.txt/);
    d = readDescriptor(NAME)!;
    const s = await status();
    expect(s.workers.map((w) => `${w.name} ${w.ok}`)).toEqual(['connect-1 true', 'connect-2 true']);
    const sink = s.connectors.find((c) => c.name === 'lines-export')!;
    expect(sink.tasks[0]!.state).toBe('FAILED');
    expect(sink.tasks[0]!.error).toContain(BROKEN_OUT);
    expect(sink.tasks[0]!.error!.length).toBeLessThanOrEqual(300);
    expect(s.connectors.find((c) => c.name === 'lines-import')!.tasks[0]!.state).toBe('RUNNING');
  });

  it('the source moves lines from its file into the topic', async () => {
    await appendLines(['one', 'two', 'three', 'four', 'five']);
    expect(await topicValues(d, 5)).toEqual(['one', 'two', 'three', 'four', 'five']);
  });

  it('fixing the sink in the spec and running up brings it RUNNING, and it writes the records', async () => {
    writeFileSync(spec, JSON.stringify(specWith(GOOD_OUT), null, 2));
    const r = await npmRun('up', ['--cluster', spec]);
    expect(r.code, show(r)).toBe(0);
    expect(r.stdout).toMatch(/✔ every declared connector RUNNING: .*lines-export RUNNING, task 0 RUNNING/);
    const sink = (await status()).connectors.find((c) => c.name === 'lines-export')!;
    const container = workerOf(sink.tasks[0]!.workerId);
    const written = await waitFor(
      async () => {
        const out = (await $({ nothrow: true })`docker exec ${container} cat ${GOOD_OUT}`).stdout.trim().split('\n');
        if (out.length < 5) throw new Error(`${out.length} lines`);
        return out;
      },
      { what: `the sink's file in ${container}`, timeoutMs: 60_000 },
    );
    expect(written).toEqual(['one', 'two', 'three', 'four', 'five']);
  });

  it('a connector deleted behind the tool is drift: plan and verify report it, up puts it back', async () => {
    const del = await fetch(`${d.connect!.restUrl}/connectors/lines-import`, { method: 'DELETE' });
    expect(del.status).toBe(204);
    const plan = await npmRun('plan', ['--cluster', spec, '--json']);
    expect(plan.code, show(plan)).toBe(0);
    const planned = JSON.parse(plan.stdout) as { change: number; lines: string[] };
    expect(planned.change).toBeGreaterThanOrEqual(1);
    expect(planned.lines.join('\n')).toContain('kafka-connect_connector.connector-lines-import will be updated in-place');
    const verify = await npmRun('verify', ['--cluster', spec]);
    expect(verify.code, show(verify)).toBe(1);
    expect(verify.stdout).toContain("✖ access: connectors as declared (no drift): drift: connector 'lines-import' is missing");
    const up = await npmRun('up', ['--cluster', spec]);
    expect(up.code, show(up)).toBe(0);
    const config = (await (await fetch(`${d.connect!.restUrl}/connectors/lines-import/config`)).json()) as Record<string, string>;
    expect(config).toEqual({
      name: 'lines-import',
      'connector.class': 'org.apache.kafka.connect.file.FileStreamSourceConnector',
      'tasks.max': '1',
      file: IN_FILE,
      topic: 'lines',
      'value.converter': STRING,
    });
  });

  it('a rolling restart of the workers keeps the connectors running, and records keep flowing', async () => {
    const r = await npmRun('connect', ['roll', '--cluster', NAME]);
    expect(r.code, show(r)).toBe(0);
    expect(r.stdout).toMatch(/✔ rolled 2 Connect worker\(s\) in [\d.]+s; 2 connector\(s\) running/);
    // The group may still rebalance once after the last worker is back (a connector UNASSIGNED for a
    // moment, seen once in CI): the connectors must be running again within a minute.
    const states = await waitFor(
      async () => {
        const s = (await status()).connectors.map((c) => `${c.name} ${c.state} ${c.tasks.map((t) => t.state).join(',')}`);
        if (s.join() !== 'lines-export RUNNING RUNNING,lines-import RUNNING RUNNING') throw new Error(s.join('; '));
        return s;
      },
      { what: 'both connectors and their tasks RUNNING after the roll', timeoutMs: 60_000, intervalMs: 2000 },
    );
    expect(states).toEqual(['lines-export RUNNING RUNNING', 'lines-import RUNNING RUNNING']);
    await appendLines(['six', 'seven']);
    expect(await topicValues(d, 7)).toEqual(['one', 'two', 'three', 'four', 'five', 'six', 'seven']);
  });
});
