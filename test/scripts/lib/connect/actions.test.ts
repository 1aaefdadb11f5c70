import { describe, expect, it } from 'vitest';
import {
  ConnectRestError,
  describeState,
  pauseConnector,
  restartConnector,
  resumeConnector,
  waitForConnectorsRunning,
  waitForWorkers,
} from '../../../../scripts/lib/connect/index.ts';
import { StepError } from '../../../../stacks/model/errors.ts';
import { connectError, DESCRIPTOR, expanded, FakeClock, FakeConnect, ok, REBALANCING, refused, W1, W2 } from './fake-connect.ts';

const EXPANDED = '/connectors?expand=status&expand=info';
const VERSION = { version: '3.9.1' };

describe('restartConnector (KIP-745)', () => {
  it('restarts the connector and all its tasks, and gives the states Connect answered (202)', async () => {
    const restarting = {
      name: 'file-sink',
      connector: { state: 'RESTARTING', worker_id: 'connect-2:8083' },
      tasks: [
        { id: 0, state: 'RESTARTING', worker_id: 'connect-2:8083' },
        { id: 1, state: 'RESTARTING', worker_id: 'connect-1:8083' },
      ],
      type: 'sink',
    };
    const fake = new FakeConnect().on('POST', `${W1}/connectors/file-sink/restart?includeTasks=true&onlyFailed=false`, { status: 202, body: restarting });
    expect(await restartConnector(DESCRIPTOR, 'file-sink', { fetch: fake.fetch })).toEqual({
      name: 'file-sink',
      type: 'sink',
      state: 'RESTARTING',
      workerId: 'connect-2:8083',
      tasks: [
        { id: 0, state: 'RESTARTING', workerId: 'connect-2:8083' },
        { id: 1, state: 'RESTARTING', workerId: 'connect-1:8083' },
      ],
    });
    expect(fake.calls).toEqual([`POST ${W1}/connectors/file-sink/restart?includeTasks=true&onlyFailed=false`]);
  });

  it('with failedTasksOnly asks for onlyFailed=true; an empty answer (204) gives undefined', async () => {
    const fake = new FakeConnect().on('POST', `${W1}/connectors/file-sink/restart?includeTasks=true&onlyFailed=true`, { status: 204 });
    expect(await restartConnector(DESCRIPTOR, 'file-sink', { fetch: fake.fetch, failedTasksOnly: true })).toBeUndefined();
    expect(fake.calls).toEqual([`POST ${W1}/connectors/file-sink/restart?includeTasks=true&onlyFailed=true`]);
  });

  it('escapes the name in the path, and asks the next worker when the first does not answer', async () => {
    const path = '/connectors/my%20sink%2F1/restart?includeTasks=true&onlyFailed=false';
    const fake = new FakeConnect().on('POST', `${W1}${path}`, refused(W1)).on('POST', `${W2}${path}`, { status: 200, body: {} });
    expect(await restartConnector(DESCRIPTOR, 'my sink/1', { fetch: fake.fetch })).toBeUndefined();
    expect(fake.calls).toEqual([`POST ${W1}${path}`, `POST ${W2}${path}`]);
  });

  it('a 404 names the connector and lists the connectors there are', async () => {
    const fake = new FakeConnect()
      .on('POST', `${W1}/connectors/file-snk/restart?includeTasks=true&onlyFailed=false`, connectError(404, 'Connector file-snk not found'))
      .on('GET', `${W1}/connectors`, ok(['file-source', 'file-sink']));
    const error = await restartConnector(DESCRIPTOR, 'file-snk', { fetch: fake.fetch, cluster: 'kraft-3' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StepError);
    expect((error as Error).message).toBe(
      "restart file-snk failed: no connector 'file-snk' in Connect group 'kafkalab-kraft-3-connect' (Connect answered: Connector file-snk not found); " +
        'the connectors: file-sink, file-source\n  try: npm run connect -- status --cluster kraft-3',
    );
  });

  it('a 409 (rebalance) is passed on as Connect said it', async () => {
    const fake = new FakeConnect().on('POST', `${W1}/connectors/file-sink/restart?includeTasks=true&onlyFailed=true`, connectError(409, REBALANCING));
    const error = await restartConnector(DESCRIPTOR, 'file-sink', { fetch: fake.fetch, failedTasksOnly: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectRestError);
    expect((error as ConnectRestError).status).toBe(409);
    expect(fake.calls).toHaveLength(1);
  });

  it('no worker answers: the cluster may not be running', async () => {
    const path = '/connectors/file-sink/restart?includeTasks=true&onlyFailed=false';
    const fake = new FakeConnect().on('POST', `${W1}${path}`, refused(W1)).on('POST', `${W2}${path}`, refused(W2));
    await expect(restartConnector(DESCRIPTOR, 'file-sink', { fetch: fake.fetch })).rejects.toThrow(
      "reaching Connect failed: no worker of Connect group 'kafkalab-kraft-3-connect' answers (" +
        `connect-1 (${W1}): the worker at ${W1} is not answering: connect ECONNREFUSED 127.0.0.1:18083; ` +
        `connect-2 (${W2}): the worker at ${W2} is not answering: connect ECONNREFUSED 127.0.0.1:18084` +
        '): the cluster may not be running, or Connect is off\n  try: npm run up -- --connect (then npm run connect -- status)',
    );
  });
});

describe('pauseConnector and resumeConnector', () => {
  it('PUT pause and resume (202)', async () => {
    const fake = new FakeConnect().on('PUT', `${W1}/connectors/file-sink/pause`, { status: 202 }).on('PUT', `${W1}/connectors/file-sink/resume`, { status: 202 });
    await pauseConnector(DESCRIPTOR, 'file-sink', { fetch: fake.fetch });
    await resumeConnector(DESCRIPTOR, 'file-sink', { fetch: fake.fetch });
    expect(fake.calls).toEqual([`PUT ${W1}/connectors/file-sink/pause`, `PUT ${W1}/connectors/file-sink/resume`]);
  });

  it('a 404 on a group with no connectors says so', async () => {
    const fake = new FakeConnect().on('PUT', `${W1}/connectors/x/pause`, connectError(404, 'Connector x not found')).on('GET', `${W1}/connectors`, ok([]));
    await expect(pauseConnector(DESCRIPTOR, 'x', { fetch: fake.fetch })).rejects.toThrow(
      "pause x failed: no connector 'x' in Connect group 'kafkalab-kraft-3-connect' (Connect answered: Connector x not found); the group has no connectors\n  try: npm run connect -- status",
    );
  });

  it('a 404 when the list cannot be read either says that', async () => {
    const fake = new FakeConnect()
      .on('PUT', `${W1}/connectors/x/resume`, connectError(404, 'Connector x not found'))
      .on('GET', `${W1}/connectors`, connectError(409, REBALANCING))
      .on('GET', `${W2}/connectors`, connectError(409, REBALANCING));
    await expect(resumeConnector(DESCRIPTOR, 'x', { fetch: fake.fetch })).rejects.toThrow(
      "resume x failed: no connector 'x' in Connect group 'kafkalab-kraft-3-connect' (Connect answered: Connector x not found); the list of connectors could not be read",
    );
  });
});

describe('waitForConnectorsRunning', () => {
  it('polls through a rebalance and unassigned tasks until the connectors and all their tasks run', async () => {
    const clock = new FakeClock();
    const start = clock.now();
    const fake = new FakeConnect().on('GET', `${W1}${EXPANDED}`, connectError(409, REBALANCING), ok(expanded('UNASSIGNED')), ok(expanded('RUNNING')));
    const running = await waitForConnectorsRunning(DESCRIPTOR, ['file-sink', 'file-source'], { timeoutMs: 60_000, clock, fetch: fake.fetch });
    expect(running.map((c) => c.name)).toEqual(['file-sink', 'file-source']);
    expect(running.every((c) => c.state === 'RUNNING' && c.tasks.every((t) => t.state === 'RUNNING'))).toBe(true);
    expect(fake.calls).toEqual(Array(3).fill(`GET ${W1}${EXPANDED}`));
    expect(clock.now() - start).toBe(2000);
  });

  it('times out as a StepError with the last states seen, errors in plain words', async () => {
    const clock = new FakeClock();
    const fake = new FakeConnect().on('GET', `${W1}${EXPANDED}`, ok(expanded('FAILED')));
    const error = await waitForConnectorsRunning(DESCRIPTOR, ['file-sink', 'file-source', 'jdbc-sink'], { timeoutMs: 30_000, intervalMs: 5000, clock, fetch: fake.fetch, cluster: 'kraft-3' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StepError);
    expect((error as Error).message).toBe(
      'waiting on Connect failed: timed out after 30s waiting for connectors file-sink, file-source, jdbc-sink to run: ' +
        'file-sink RUNNING, task 0 RUNNING, task 1 FAILED (NoSuchFileException: /no/such/dir/out.txt); jdbc-sink does not exist\n' +
        "  try: npm run connect -- status --cluster kraft-3; the workers' logs: docker logs <container>",
    );
    expect(fake.calls).toHaveLength(7);
  });

  it('gives up before the deadline once a task has stayed FAILED (or a connector missing) for failedForMs', async () => {
    const clock = new FakeClock();
    const start = clock.now();
    const fake = new FakeConnect().on('GET', `${W1}${EXPANDED}`, ok(expanded('FAILED')));
    const error = await waitForConnectorsRunning(DESCRIPTOR, ['file-sink'], { timeoutMs: 120_000, clock, fetch: fake.fetch, cluster: 'kraft-3', failedForMs: 15_000 }).catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      'waiting on Connect failed: file-sink RUNNING, task 0 RUNNING, task 1 FAILED (NoSuchFileException: /no/such/dir/out.txt) (for 15s: Connect does not restart a failed task by itself)\n' +
        '  try: fix the connector\'s config and run npm run up -- --cluster kraft-3, or restart it: npm run connect -- restart <connector> --failed-tasks --cluster kraft-3',
    );
    expect(clock.now() - start).toBe(15_000);
  });

  it('a FAILED task that recovers within failedForMs is waited for', async () => {
    const clock = new FakeClock();
    const fake = new FakeConnect().on('GET', `${W1}${EXPANDED}`, ok(expanded('FAILED')), ok(expanded('UNASSIGNED')), ok(expanded('RUNNING')));
    const running = await waitForConnectorsRunning(DESCRIPTOR, ['file-sink'], { timeoutMs: 60_000, clock, fetch: fake.fetch, failedForMs: 15_000 });
    expect(running[0]!.tasks.map((t) => t.state)).toEqual(['RUNNING', 'RUNNING']);
  });

  it('a connector without tasks yet is not running', () => {
    expect(describeState('s', { name: 's', type: 'sink', state: 'RUNNING', workerId: 'w', tasks: [] })).toBe('s RUNNING, no tasks yet');
    expect(describeState('s', { name: 's', type: 'sink', state: 'FAILED', workerId: 'w', tasks: [], lastError: 'ConfigException: x' })).toBe('s FAILED (ConfigException: x), no tasks yet');
  });
});

describe('waitForWorkers', () => {
  it('polls until every worker answers GET / and GET /connectors (409 while it joins the group)', async () => {
    const clock = new FakeClock();
    const fake = new FakeConnect()
      .on('GET', `${W1}/`, ok(VERSION))
      .on('GET', `${W1}/connectors`, ok([]))
      .on('GET', `${W2}/`, refused(W2), ok(VERSION))
      .on('GET', `${W2}/connectors`, connectError(409, REBALANCING), ok([]));
    await waitForWorkers(DESCRIPTOR, { timeoutMs: 60_000, clock, fetch: fake.fetch });
    expect(fake.calls.filter((c) => c.startsWith(`GET ${W2}`))).toEqual([`GET ${W2}/`, `GET ${W2}/`, `GET ${W2}/connectors`, `GET ${W2}/`, `GET ${W2}/connectors`]);
  });

  it('times out naming each worker not ready and why', async () => {
    const clock = new FakeClock();
    const fake = new FakeConnect()
      .on('GET', `${W1}/`, ok(VERSION))
      .on('GET', `${W1}/connectors`, connectError(409, REBALANCING))
      .on('GET', `${W2}/`, refused(W2));
    await expect(waitForWorkers(DESCRIPTOR, { timeoutMs: 10_000, clock, fetch: fake.fetch })).rejects.toThrow(
      "waiting on Connect failed: timed out after 10s waiting for the 2 Connect workers of group 'kafkalab-kraft-3-connect': " +
        `connect-1: HTTP 409 ${REBALANCING}; connect-2: the worker at ${W2} is not answering: connect ECONNREFUSED 127.0.0.1:18084\n` +
        "  try: npm run connect -- status; the workers' logs: docker logs <container>",
    );
  });
});
