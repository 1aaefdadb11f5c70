import { describe, expect, it } from 'vitest';
import { crashStream, KILL_AFTER_WAVE, MORNING_ORDERS, PER_WAVE, streamsExactlyOnce, WAVES } from '../../../../../../scripts/lib/practice/drills/dev/streams-exactly-once.ts';
import { orderValue, parseOrder, totalsOf } from '../../../../../../scripts/lib/practice/drills/kit/streams.ts';

describe('streams-exactly-once', () => {
  it('the check\'s stream: waves of orders over four customers of its own, all readable by the app, keys unique', () => {
    const waves = crashStream('f00d01', WAVES, PER_WAVE);
    expect(waves).toHaveLength(WAVES);
    expect(waves.every((w) => w.length === PER_WAVE)).toBe(true);
    const all = waves.flat();
    expect(new Set(all.map((o) => o.key)).size).toBe(all.length);
    expect([...totalsOf(all).keys()].sort()).toEqual(['x-f00d01-0', 'x-f00d01-1', 'x-f00d01-2', 'x-f00d01-3']);
    for (const o of all) expect(parseOrder(orderValue(o))?.cents).toBe(o.cents);
    // Killed mid-stream: orders go on arriving while the app is down.
    expect(KILL_AFTER_WAVE).toBeGreaterThan(1);
    expect(KILL_AFTER_WAVE).toBeLessThan(WAVES - 2);
  });

  it('setup\'s orders are the app\'s own customers, apart from the check\'s', () => {
    expect([...totalsOf(MORNING_ORDERS).keys()].every((c) => /^c-\d$/.test(c))).toBe(true);
  });

  it('its solution starts the app with the guarantee the check wants', () => {
    expect(streamsExactlyOnce.solution.steps).toContain('npm run streams -- start --guarantee exactly_once_v2');
  });
});
