import { describe, expect, it } from 'vitest';
import type { ConnectionDescriptor } from '../../../../scripts/lib/cluster/index.ts';
import type { PartitionLag } from '../../../../scripts/lib/kafka/index.ts';
import { STREAMS_APPS, parseHttpAnswer, renderStreamsStatus, statusRequestCommand, streamsStatus, type AppReport, type StreamsStatus } from '../../../../scripts/lib/streams/index.ts';

const app = STREAMS_APPS['order-totals']!;
const d = { cluster: 'dev' } as ConnectionDescriptor;
const REPARTITION = 'kafkalab-order-totals-by-customer-repartition';
const CHANGELOG = 'kafkalab-order-totals-customer-totals-store-changelog';

const report: AppReport = {
  applicationId: 'kafkalab-order-totals',
  state: 'RUNNING',
  store: { name: 'customer-totals-store', entries: 20 },
  threads: 1,
  input: 'orders-in',
  output: 'customer-totals',
  skipped: 2,
  lastError: null,
  uptimeMs: 61_400,
};
const lag = (topic: string, partition: number, n: number): PartitionLag => ({ topic, partition, committed: 100, end: 100 + n, lag: n });

describe('the app\'s HTTP answer', () => {
  it('is asked with bash alone inside the container', () => {
    expect(statusRequestCommand()).toEqual(['bash', '-c', "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /status HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && cat <&3"]);
  });

  it('gives the body of a 200, and an error with the status line otherwise', () => {
    expect(parseHttpAnswer('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{"state":"RUNNING"}\n')).toBe('{"state":"RUNNING"}\n');
    expect(() => parseHttpAnswer('HTTP/1.1 404 Not Found\r\n\r\nnot found')).toThrow('the app answered HTTP/1.1 404 Not Found');
    expect(() => parseHttpAnswer('')).toThrow('the app answered nothing');
  });
});

describe('streamsStatus', () => {
  const topics = async (): Promise<string[]> => ['__consumer_offsets', 'customer-totals', CHANGELOG, REPARTITION, 'kafkalab-other-x-changelog', 'orders-in'];

  it('joins the container, the app\'s report, its lag on the topics it reads and its internal topics', async () => {
    let asked: readonly string[] = [];
    const s = await streamsStatus(d, app, {
      container: async () => ({ running: true, status: 'running' }),
      report: async (c) => {
        expect(c).toBe('kafkalab-dev-streams-order-totals');
        return report;
      },
      topics,
      lag: async (_d, group, t) => {
        expect(group).toBe('kafkalab-order-totals');
        asked = t;
        return [lag('orders-in', 0, 3), lag(REPARTITION, 0, 1)];
      },
    });
    expect(asked).toEqual(['orders-in', REPARTITION]);
    expect(s).toEqual({
      cluster: 'dev',
      app: 'order-totals',
      applicationId: 'kafkalab-order-totals',
      container: 'kafkalab-dev-streams-order-totals',
      containerStatus: 'running',
      running: true,
      report,
      lag: { total: 4, partitions: [lag('orders-in', 0, 3), lag(REPARTITION, 0, 1)] },
      internalTopics: [REPARTITION, CHANGELOG],
    });
  });

  it('says why there is no report or no lag instead of failing', async () => {
    const s = await streamsStatus(d, app, {
      container: async () => undefined,
      topics: async () => {
        throw new Error('Connection error: connect ECONNREFUSED 127.0.0.1:19092\nstack');
      },
    });
    expect(s).toMatchObject({
      containerStatus: 'absent',
      running: false,
      reportError: 'not started: npm run streams -- start',
      kafkaError: 'the cluster does not answer: Connection error: connect ECONNREFUSED 127.0.0.1:19092',
    });
    const exited = await streamsStatus(d, app, { container: async () => ({ running: false, status: 'exited' }), topics: async () => [], lag: async () => [] });
    expect(exited).toMatchObject({ reportError: 'its container is exited', lag: { total: 0, partitions: [] }, internalTopics: [] });
    const silent = await streamsStatus(d, app, {
      container: async () => ({ running: true, status: 'running' }),
      report: async () => {
        throw new Error('its HTTP endpoint does not answer yet (connection refused)');
      },
      topics: async () => [],
      lag: async () => [],
    });
    expect(silent.reportError).toBe('its HTTP endpoint does not answer yet (connection refused)');
  });
});

describe('renderStreamsStatus', () => {
  const base: StreamsStatus = {
    cluster: 'dev',
    app: 'order-totals',
    applicationId: 'kafkalab-order-totals',
    container: 'kafkalab-dev-streams-order-totals',
    containerStatus: 'running',
    running: true,
  };

  it('shows the state, the store, the lag per topic and the internal topics', () => {
    const text = renderStreamsStatus({
      ...base,
      report: { ...report, processingGuarantee: 'exactly_once_v2', lastError: '2026-12-05T10:00:00Z TimeoutException: x' },
      lag: { total: 4, partitions: [lag('orders-in', 0, 3), lag('orders-in', 1, 0), lag(REPARTITION, 0, 1)] },
      internalTopics: [REPARTITION, CHANGELOG],
    });
    expect(text).toBe(
      [
        'Streams app order-totals of cluster dev (application.id kafkalab-order-totals): RUNNING',
        '  container   kafkalab-dev-streams-order-totals (running)',
        '  topics      orders-in -> customer-totals',
        '  guarantee   processing.guarantee=exactly_once_v2',
        '  store       customer-totals-store: 20 key(s)',
        '  threads     1; up 61s; 2 order(s) skipped as unreadable',
        '  last error  2026-12-05T10:00:00Z TimeoutException: x',
        `  lag         4 record(s) (orders-in 3, ${REPARTITION} 1)`,
        `  internal    ${REPARTITION}, ${CHANGELOG}`,
        '',
      ].join('\n'),
    );
  });

  it('a store not queryable, an app not started, a cluster that does not answer', () => {
    expect(renderStreamsStatus({ ...base, report: { ...report, state: 'REBALANCING', store: { name: 'customer-totals-store', entries: null, error: 'InvalidStateStoreException: rebalancing' } } })).toContain(
      '  store       customer-totals-store: not queryable now (InvalidStateStoreException: rebalancing)',
    );
    expect(renderStreamsStatus({ ...base, containerStatus: 'absent', running: false, reportError: 'not started: npm run streams -- start', kafkaError: 'the cluster does not answer: x' })).toBe(
      [
        'Streams app order-totals of cluster dev (application.id kafkalab-order-totals): not running',
        '  container   kafkalab-dev-streams-order-totals (absent)',
        '  app         not started: npm run streams -- start',
        '  kafka       the cluster does not answer: x',
        '',
      ].join('\n'),
    );
    // An app built before it reported its guarantee: no guarantee line.
    expect(renderStreamsStatus({ ...base, report })).not.toContain('guarantee');
    expect(renderStreamsStatus({ ...base, report: { ...report, processingGuarantee: 'at_least_once' } })).toContain('  guarantee   processing.guarantee=at_least_once\n');
    expect(renderStreamsStatus({ ...base, lag: { total: 0, partitions: [] }, internalTopics: [] })).toContain('  lag         0 record(s) (nothing committed yet)\n  internal    none yet (Streams makes them when it first runs)');
  });
});
