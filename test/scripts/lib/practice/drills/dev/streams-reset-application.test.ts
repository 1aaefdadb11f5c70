import { describe, expect, it } from 'vitest';
import { DAY_ORDERS, RESET_ARGS, staleTotals, streamsResetApplication } from '../../../../../../scripts/lib/practice/drills/dev/streams-reset-application.ts';
import { orderValue, parseOrder, totalsOf } from '../../../../../../scripts/lib/practice/drills/kit/streams.ts';

describe('streams-reset-application', () => {
  it('the bad batch is the day\'s orders in cents: read by the app, each is 100 times too big', () => {
    expect(new Set(DAY_ORDERS.map((o) => o.customer)).size).toBe(5);
    for (const o of DAY_ORDERS) {
      expect(parseOrder(orderValue(o, 'cents'))!.cents).toBe(o.cents * 100);
      expect(parseOrder(orderValue(o))!.cents).toBe(o.cents);
    }
  });

  it('what the app holds after setup: the bad totals plus the good ones; what the check wants: the good ones', () => {
    const good = totalsOf(DAY_ORDERS);
    const stale = staleTotals(DAY_ORDERS);
    for (const [c, cents] of good) expect(stale.get(c)).toBe(cents * 101);
  });

  it('resets the app\'s group with its input, and --force for the members a stopped app leaves', () => {
    expect(RESET_ARGS).toEqual(['--application-id', 'kafkalab-order-totals', '--input-topics', 'orders-in', '--force']);
    expect(streamsResetApplication.solution.steps.join('\n')).toContain('kafka-run-class.sh org.apache.kafka.tools.StreamsResetter');
    expect(streamsResetApplication.hints.join('\n')).toContain('kafka-tools-');
  });
});
