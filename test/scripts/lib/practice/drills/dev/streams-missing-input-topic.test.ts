import { describe, expect, it } from 'vitest';
import {
  EARLIER_ORDERS,
  missingTopicLines,
  probeOrders,
  streamsMissingInputTopic,
  totalsFromFacts,
  totalsToFacts,
  wantedTotals,
} from '../../../../../../scripts/lib/practice/drills/dev/streams-missing-input-topic.ts';
import { orderValue, totalsOf } from '../../../../../../scripts/lib/practice/drills/kit/streams.ts';
import { resolveCluster } from '../../../../../../stacks/model/resolve.ts';

describe('streams-missing-input-topic', () => {
  it('fits any cluster of 1 broker or more, and its task names the app, its topics and the container', () => {
    expect(streamsMissingInputTopic.needs).toEqual({ minBrokers: 1, mode: 'any', security: 'any' });
    const task = streamsMissingInputTopic.task({}, resolveCluster({ name: 'kraft-3' }));
    expect(task).toContain("'orders-in'");
    expect(task).toContain('docker logs kafkalab-kraft-3-streams-order-totals');
    expect(task).toContain('do not reset it');
  });

  it('finds the missing topic in the app\'s log', () => {
    const log = [
      '2026-12-05T10:00:00Z kafkalab-order-totals: state CREATED -> REBALANCING',
      '[2026-12-05 10:00:01,000] ERROR stream-thread [x-StreamThread-1] Encountered the following exception during processing and the registered exception handler opted to REPLACE_THREAD. (org.apache.kafka.streams.processor.internals.StreamThread)',
      'org.apache.kafka.streams.errors.MissingSourceTopicException: One or more source topics were missing during rebalance',
      '2026-12-05T10:00:02Z kafkalab-order-totals: a stream thread failed, replacing it: MissingSourceTopicException: One or more source topics were missing during rebalance',
    ].join('\n');
    expect(missingTopicLines(log)).toEqual(log.split('\n').slice(2));
    expect(missingTopicLines(log, 1)).toEqual([log.split('\n')[3]]);
    expect(missingTopicLines('state RUNNING')).toEqual([]);
    expect(missingTopicLines(`MissingSourceTopicException ${'x'.repeat(300)}`)[0]).toHaveLength(241);
  });

  it('keeps the earlier totals in the facts and back', () => {
    const earlier = totalsOf(EARLIER_ORDERS);
    expect([...earlier.keys()].sort()).toEqual(['c-1', 'c-2', 'c-3', 'c-4']);
    expect(totalsFromFacts({ earlier: totalsToFacts(earlier) })).toEqual(earlier);
    expect(totalsFromFacts({})).toEqual(new Map());
  });

  it('wants the earlier totals plus whatever the new input holds; the probes reach every earlier customer and a new one', () => {
    const earlier = new Map([
      ['c-1', 1000],
      ['c-2', 50],
    ]);
    const probes = probeOrders('ab12cd', ['c-1', 'c-2']);
    expect(probes.map((p) => p.customer)).toEqual(['c-1', 'c-2', 'n-ab12cd', 'n-ab12cd']);
    expect(new Set(probes.map((p) => p.key)).size).toBe(probes.length);
    const want = wantedTotals(earlier, [...probes.map((p) => orderValue(p)), 'not an order']);
    expect(want).toEqual(
      new Map([
        ['c-1', 1101],
        ['c-2', 162],
        ['n-ab12cd', 2000],
      ]),
    );
  });
});
