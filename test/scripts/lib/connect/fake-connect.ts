/**
 * A fake Connect group for the connect domain's tests: a fetch that answers from a table of routes
 * (`METHOD url` → replies, in turn, the last one repeating), records every call, and a clock that
 * jumps instead of sleeping.
 */
import type { Clock } from '../../../../scripts/lib/core/index.ts';
import type { ConnectDescriptor } from '../../../../scripts/lib/cluster/index.ts';
import type { ConnectFetch } from '../../../../scripts/lib/connect/index.ts';

export type Reply = { readonly status: number; readonly body?: unknown } | Error;

export const W1 = 'http://127.0.0.1:18083';
export const W2 = 'http://127.0.0.1:18084';

export const DESCRIPTOR: ConnectDescriptor = {
  restUrl: W1,
  groupId: 'kafkalab-kraft-3-connect',
  workers: [
    { name: 'connect-1', container: 'kafkalab-kraft-3-connect-1', restUrl: W1 },
    { name: 'connect-2', container: 'kafkalab-kraft-3-connect-2', restUrl: W2 },
  ],
};

/** What Node's fetch throws when nothing listens on the port. */
export function refused(url: string): Error {
  const port = new URL(url).port;
  return Object.assign(new TypeError('fetch failed'), {
    cause: Object.assign(new Error(`connect ECONNREFUSED 127.0.0.1:${port}`), { code: 'ECONNREFUSED' }),
  });
}

export const ok = (body?: unknown): Reply => ({ status: 200, body });
export const connectError = (status: number, message: string): Reply => ({ status, body: { error_code: status, message } });
export const REBALANCING = 'Cannot complete request because of a conflicting operation (e.g. worker rebalance)';

export class FakeConnect {
  readonly calls: string[] = [];
  private readonly routes = new Map<string, Reply[]>();

  /** Answer `METHOD url` with these replies in turn; the last one repeats. */
  on(method: string, url: string, ...replies: Reply[]): this {
    this.routes.set(`${method} ${url}`, replies);
    return this;
  }

  readonly fetch: ConnectFetch = async (url, init) => {
    const key = `${init.method} ${url}`;
    this.calls.push(key);
    const replies = this.routes.get(key);
    if (!replies) return { ok: false, status: 404, text: async () => JSON.stringify({ error_code: 404, message: 'HTTP 404 Not Found' }) };
    const reply = replies.length > 1 ? replies.shift()! : replies[0]!;
    if (reply instanceof Error) throw reply;
    const text = reply.body === undefined ? '' : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
    return { ok: reply.status >= 200 && reply.status < 300, status: reply.status, text: async () => text };
  };
}

export class FakeClock implements Clock {
  constructor(public t = 1_700_000_000_000) {}
  now(): number {
    return this.t;
  }
  async sleep(ms: number): Promise<void> {
    this.t += ms;
  }
}

/** A FileStreamSinkTask whose file cannot be created (a real Connect 3.9 trace, shortened). */
export const SINK_TASK_TRACE = [
  "org.apache.kafka.connect.errors.ConnectException: Couldn't find or create file '/no/such/dir/out.txt' for FileStreamSinkTask",
  '\tat org.apache.kafka.connect.file.FileStreamSinkTask.start(FileStreamSinkTask.java:69)',
  '\tat org.apache.kafka.connect.runtime.WorkerSinkTask.initializeAndStart(WorkerSinkTask.java:330)',
  '\tat org.apache.kafka.connect.runtime.WorkerTask.doStart(WorkerTask.java:176)',
  '\tat org.apache.kafka.connect.runtime.WorkerTask.doRun(WorkerTask.java:225)',
  '\tat org.apache.kafka.connect.runtime.WorkerTask.run(WorkerTask.java:281)',
  '\tat java.base/java.util.concurrent.Executors$RunnableAdapter.call(Executors.java:539)',
  '\tat java.base/java.lang.Thread.run(Thread.java:840)',
  'Caused by: java.nio.file.NoSuchFileException: /no/such/dir/out.txt',
  '\tat java.base/sun.nio.fs.UnixException.translateToIOException(UnixException.java:92)',
  '\tat java.base/java.nio.file.Files.newOutputStream(Files.java:228)',
  '\tat org.apache.kafka.connect.file.FileStreamSinkTask.start(FileStreamSinkTask.java:66)',
  '\t... 10 more',
  '',
].join('\n');

/** A FileStreamSourceConnector started without its `topic` (no "Caused by:": the first line names the cause). */
export const SOURCE_CONNECTOR_TRACE = [
  'org.apache.kafka.common.config.ConfigException: Missing required configuration "topic" which has no default value.',
  '\tat org.apache.kafka.common.config.ConfigDef.parseValue(ConfigDef.java:493)',
  '\tat org.apache.kafka.common.config.ConfigDef.parse(ConfigDef.java:483)',
  '\tat org.apache.kafka.common.config.AbstractConfig.<init>(AbstractConfig.java:113)',
  '\tat org.apache.kafka.connect.file.FileStreamSourceConnector.start(FileStreamSourceConnector.java:71)',
  '\tat org.apache.kafka.connect.runtime.WorkerConnector.doStart(WorkerConnector.java:190)',
  '',
].join('\n');

/** `GET /connectors?expand=status&expand=info` with a healthy source and a sink whose task 1 failed. */
export function expanded(sinkTask1 = 'FAILED'): unknown {
  return {
    'file-source': {
      status: { name: 'file-source', connector: { state: 'RUNNING', worker_id: 'connect-1:8083' }, tasks: [{ id: 0, state: 'RUNNING', worker_id: 'connect-2:8083' }], type: 'source' },
      info: { name: 'file-source', config: { 'connector.class': 'FileStreamSource' }, tasks: [{ connector: 'file-source', task: 0 }], type: 'source' },
    },
    'file-sink': {
      status: {
        name: 'file-sink',
        connector: { state: 'RUNNING', worker_id: 'connect-2:8083' },
        tasks: [
          { id: 1, state: sinkTask1, worker_id: 'connect-1:8083', ...(sinkTask1 === 'FAILED' ? { trace: SINK_TASK_TRACE } : {}) },
          { id: 0, state: 'RUNNING', worker_id: 'connect-2:8083' },
        ],
        type: 'sink',
      },
      info: { name: 'file-sink', config: {}, tasks: [], type: 'sink' },
    },
  };
}
