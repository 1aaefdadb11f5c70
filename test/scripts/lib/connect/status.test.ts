import { describe, expect, it } from 'vitest';
import { connectStatus, ConnectRestError, plainError, renderConnectStatus, type ConnectStatus } from '../../../../scripts/lib/connect/index.ts';
import { StepError } from '../../../../stacks/model/errors.ts';
import { connectError, DESCRIPTOR, expanded, FakeConnect, ok, REBALANCING, refused, SINK_TASK_TRACE, SOURCE_CONNECTOR_TRACE, W1, W2 } from './fake-connect.ts';

const EXPANDED = '/connectors?expand=status&expand=info';
const VERSION = { version: '3.9.1', commit: 'f745dfdcee2b9851', kafka_cluster_id: 'MkU3OEVBNTcwNTJENDM2Qk' };

describe('plainError: a Connect trace in plain words', () => {
  it('takes the last "Caused by:" line, the class without its package', () => {
    expect(plainError(SINK_TASK_TRACE)).toBe('NoSuchFileException: /no/such/dir/out.txt');
  });

  it('takes the first line when nothing is "Caused by:"', () => {
    expect(plainError(SOURCE_CONNECTOR_TRACE)).toBe('ConfigException: Missing required configuration "topic" which has no default value.');
  });

  it('of several causes, the last (the root), with inner classes and nested class names shortened', () => {
    const trace = [
      'org.apache.kafka.connect.errors.ConnectException: Failed to start connector: file-sink',
      '\tat org.apache.kafka.connect.runtime.distributed.DistributedHerder.lambda$startConnector$35(DistributedHerder.java:2052)',
      'Caused by: org.apache.kafka.connect.errors.ConnectException: Failed to transition connector file-sink to state STARTED',
      '\t... 8 more',
      'Caused by: org.apache.kafka.common.errors.InvalidTopicException: org.apache.kafka.common.errors.InvalidTopicException$Bad: Invalid topics: [bad topic!]',
      '\tat org.apache.kafka.clients.Metadata.maybeThrowExceptionForTopic(Metadata.java:447)',
    ].join('\n');
    expect(plainError(trace)).toBe('InvalidTopicException: InvalidTopicException$Bad: Invalid topics: [bad topic!]');
  });

  it('keeps it to one line of at most 300 characters', () => {
    const long = plainError(`org.apache.kafka.common.config.ConfigException: ${'x'.repeat(400)}\n\tat a.b.C.d(C.java:1)`);
    expect(long).toHaveLength(300);
    expect(long.startsWith('ConfigException: xxx')).toBe(true);
    expect(long.endsWith('x…')).toBe(true);
    expect(plainError('java.lang.IllegalStateException: two\r\nlines')).toBe('IllegalStateException: two');
    expect(plainError('')).toBe('');
  });
});

describe('connectStatus', () => {
  it("gives each worker's version and every connector with its tasks, sorted, errors in plain words", async () => {
    const fake = new FakeConnect().on('GET', `${W1}/`, ok(VERSION)).on('GET', `${W2}/`, ok(VERSION)).on('GET', `${W1}${EXPANDED}`, ok(expanded()));
    const status = await connectStatus(DESCRIPTOR, { fetch: fake.fetch });
    expect(status).toEqual({
      groupId: 'kafkalab-kraft-3-connect',
      workers: [
        { name: 'connect-1', restUrl: W1, ok: true, version: '3.9.1' },
        { name: 'connect-2', restUrl: W2, ok: true, version: '3.9.1' },
      ],
      connectors: [
        {
          name: 'file-sink',
          type: 'sink',
          state: 'RUNNING',
          workerId: 'connect-2:8083',
          tasks: [
            { id: 0, state: 'RUNNING', workerId: 'connect-2:8083' },
            { id: 1, state: 'FAILED', workerId: 'connect-1:8083', error: 'NoSuchFileException: /no/such/dir/out.txt' },
          ],
        },
        { name: 'file-source', type: 'source', state: 'RUNNING', workerId: 'connect-1:8083', tasks: [{ id: 0, state: 'RUNNING', workerId: 'connect-2:8083' }] },
      ],
    } satisfies ConnectStatus);
    expect(fake.calls).toEqual([`GET ${W1}/`, `GET ${W2}/`, `GET ${W1}${EXPANDED}`]);
  });

  it("a failed connector's own error is its lastError; a type Connect does not give is unknown", async () => {
    const body = {
      'file-source': {
        status: { name: 'file-source', connector: { state: 'FAILED', worker_id: 'connect-1:8083', trace: SOURCE_CONNECTOR_TRACE }, tasks: [] },
      },
    };
    const fake = new FakeConnect().on('GET', `${W1}/`, ok(VERSION)).on('GET', `${W2}/`, ok(VERSION)).on('GET', `${W1}${EXPANDED}`, ok(body));
    expect((await connectStatus(DESCRIPTOR, { fetch: fake.fetch })).connectors).toEqual([
      {
        name: 'file-source',
        type: 'unknown',
        state: 'FAILED',
        workerId: 'connect-1:8083',
        tasks: [],
        lastError: 'ConfigException: Missing required configuration "topic" which has no default value.',
      },
    ]);
  });

  it('a worker that refuses is shown with why; the connectors come from one that answers', async () => {
    const fake = new FakeConnect().on('GET', `${W1}/`, refused(W1)).on('GET', `${W2}/`, ok(VERSION)).on('GET', `${W2}${EXPANDED}`, ok({}));
    const status = await connectStatus(DESCRIPTOR, { fetch: fake.fetch });
    expect(status.workers).toEqual([
      { name: 'connect-1', restUrl: W1, ok: false, error: `the worker at ${W1} is not answering: connect ECONNREFUSED 127.0.0.1:18083` },
      { name: 'connect-2', restUrl: W2, ok: true, version: '3.9.1' },
    ]);
    expect(status.connectors).toEqual([]);
  });

  it('during a rebalance (409 from the first worker), asks the next one', async () => {
    const fake = new FakeConnect()
      .on('GET', `${W1}/`, ok(VERSION))
      .on('GET', `${W2}/`, ok(VERSION))
      .on('GET', `${W1}${EXPANDED}`, connectError(409, REBALANCING))
      .on('GET', `${W2}${EXPANDED}`, ok(expanded('RUNNING')));
    const status = await connectStatus(DESCRIPTOR, { fetch: fake.fetch });
    expect(status.connectors.map((c) => `${c.name} ${c.tasks.map((t) => t.state).join(',')}`)).toEqual(['file-sink RUNNING,RUNNING', 'file-source RUNNING']);
  });

  it("when every worker answers 409, Connect's answer is the error", async () => {
    const fake = new FakeConnect()
      .on('GET', `${W1}/`, ok(VERSION))
      .on('GET', `${W2}/`, ok(VERSION))
      .on('GET', `${W1}${EXPANDED}`, connectError(409, REBALANCING))
      .on('GET', `${W2}${EXPANDED}`, connectError(409, REBALANCING));
    const error = await connectStatus(DESCRIPTOR, { fetch: fake.fetch }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectRestError);
    expect((error as Error).message).toBe(
      `Connect REST GET ${W2}${EXPANDED} failed: HTTP 409: ${REBALANCING}\n  try: the Connect group is rebalancing (a worker joining or leaving, or a config change): wait a few seconds and try again`,
    );
  });

  it('no worker answers: the cluster may not be running, and the command that starts Connect', async () => {
    const fake = new FakeConnect().on('GET', `${W1}/`, refused(W1)).on('GET', `${W2}/`, refused(W2));
    const error = await connectStatus(DESCRIPTOR, { fetch: fake.fetch, cluster: 'kraft-3' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StepError);
    expect((error as StepError).exitCode).toBe(1);
    expect((error as Error).message).toBe(
      "reaching Connect failed: no worker of Connect group 'kafkalab-kraft-3-connect' answers (" +
        `connect-1 (${W1}): the worker at ${W1} is not answering: connect ECONNREFUSED 127.0.0.1:18083; ` +
        `connect-2 (${W2}): the worker at ${W2} is not answering: connect ECONNREFUSED 127.0.0.1:18084` +
        '): the cluster may not be running, or Connect is off\n' +
        '  try: npm run up -- --cluster kraft-3 --connect (then npm run connect -- status --cluster kraft-3)',
    );
  });
});

describe('renderConnectStatus', () => {
  it('shows the workers, then the connectors with their tasks, then the errors', async () => {
    const fake = new FakeConnect().on('GET', `${W1}/`, ok(VERSION)).on('GET', `${W2}/`, refused(W2)).on('GET', `${W1}${EXPANDED}`, ok(expanded()));
    const text = renderConnectStatus('kraft-3', await connectStatus(DESCRIPTOR, { fetch: fake.fetch }));
    expect(text).toBe(
      [
        "cluster 'kraft-3': Connect group 'kafkalab-kraft-3-connect', 1 of 2 workers answering",
        'workers:',
        `  ✔  connect-1  ${W1}  3.9.1`,
        `  ✘  connect-2  ${W2}  the worker at ${W2} is not answering: connect ECONNREFUSED 127.0.0.1:18084`,
        'connectors:',
        '     NAME         TYPE    STATE    WORKER          TASKS',
        '  ✘  file-sink    sink    RUNNING  connect-2:8083  0 RUNNING, 1 FAILED',
        '  ✔  file-source  source  RUNNING  connect-1:8083  0 RUNNING',
        'errors:',
        '  file-sink task 1 (connect-1:8083): NoSuchFileException: /no/such/dir/out.txt',
        '',
      ].join('\n'),
    );
  });

  it('says when there are no connectors', () => {
    const text = renderConnectStatus('dev', { groupId: 'g', workers: [{ name: 'connect-1', restUrl: W1, ok: true, version: '3.9.1' }], connectors: [] });
    expect(text).toBe(`cluster 'dev': Connect group 'g', 1 of 1 worker answering\nworkers:\n  ✔  connect-1  ${W1}  3.9.1\nconnectors: none\n`);
  });
});
