import { describe, expect, it } from 'vitest';
import {
  centsOfTotal,
  compareTotals,
  latestByKey,
  money,
  ORDER_TOTALS,
  orderRecords,
  orderValue,
  parseOrder,
  resetterConfigFlag,
  STREAMS_RESETTER_CLASS,
  streamsResetterArgv,
  streamsResetterCommand,
  sumOrders,
  totalsOf,
} from '../../../../../../scripts/lib/practice/drills/kit/streams.ts';

describe('the Streams drills\' orders and totals', () => {
  it('runs the repo\'s order-totals app', () => {
    expect(ORDER_TOTALS).toMatchObject({ name: 'order-totals', applicationId: 'kafkalab-order-totals', inputTopic: 'orders-in', outputTopic: 'customer-totals', partitions: 3 });
  });

  it('writes totals as the app does: cents as a decimal with two places', () => {
    expect(money(0)).toBe('0.00');
    expect(money(5)).toBe('0.05');
    expect(money(123456)).toBe('1234.56');
    expect(() => money(1.5)).toThrow('a total in cents must be a whole number of at least 0, not 1.5');
    expect(centsOfTotal('37.50')).toBe(3750);
    expect(centsOfTotal('37.5')).toBeUndefined();
    expect(centsOfTotal(undefined)).toBeUndefined();
  });

  it('writes an order in euros, or in cents (the upstream bug)', () => {
    const o = { key: 'o-1', customer: 'c-1', cents: 1250 };
    expect(orderValue(o)).toBe('{"customer":"c-1","amount":12.5}');
    expect(orderValue(o, 'cents')).toBe('{"customer":"c-1","amount":1250}');
    expect(orderRecords([o, { key: 'o-2', customer: 'c-2', cents: 100 }])).toEqual([
      { key: 'o-1', value: '{"customer":"c-1","amount":12.5}' },
      { key: 'o-2', value: '{"customer":"c-2","amount":1}' },
    ]);
  });

  it('reads an order as KafkalabOrderTotals does (compared with the Java on these inputs)', () => {
    const cases: [string | null, string | undefined][] = [
      ['{"customer":"c-1","amount":12.5}', 'c-1:1250'],
      ['{"customer":"c-1","amount":1.005}', undefined],
      ['{"customer":"c-1","amount":-1}', undefined],
      ['{"customer":"c-1","amount":-0}', 'c-1:0'],
      ['{"customer":"c-1","amount":1e2}', 'c-1:10000'],
      ['{"customer":"c-1","amount":1.5E-1}', 'c-1:15'],
      ['{"customer":"c-1","amount":1.55E-1}', undefined],
      ['{"customer":"c-1"}', undefined],
      ['not json', undefined],
      ['{"customer":"c\\"1","amount":3}', undefined],
      ['{"customer":"c-1","amount":"12.5"}', undefined],
      ['{"customer":"","amount":3}', undefined],
      ['{"customer": "c-2" , "amount" : 7.10 }', 'c-2:710'],
      ['{"amount":+3,"customer":"c-3"}', 'c-3:300'],
      ['{"customer":"c-4","amount":.5}', 'c-4:50'],
      ['{"customer":"c-4","amount":5.}', 'c-4:500'],
      ['{"customer":"c-4","amount":}', undefined],
      ['{"customer":"c-5","amount":12.50,"x":1}', 'c-5:1250'],
      ['{"customer":c-6,"amount":1}', undefined],
      [null, undefined],
    ];
    for (const [value, want] of cases) {
      const o = parseOrder(value);
      expect(o ? `${o.customer}:${o.cents}` : undefined, String(value)).toBe(want);
    }
  });

  it('sums orders per customer, skipping what the app skips', () => {
    expect(sumOrders(['{"customer":"c-1","amount":1.25}', 'bad', '{"customer":"c-1","amount":2}', '{"customer":"c-2","amount":0.5}', null])).toEqual(
      new Map([
        ['c-1', 325],
        ['c-2', 50],
      ]),
    );
    expect(totalsOf([{ key: 'a', customer: 'c-9', cents: 1999 }, { key: 'b', customer: 'c-9', cents: 1 }])).toEqual(new Map([['c-9', 2000]]));
  });

  it('takes the latest total of each key by offset', () => {
    const got = latestByKey([
      { key: 'c-1', value: '1.00', offset: '0' },
      { key: 'c-1', value: '3.00', offset: '7' },
      { key: 'c-1', value: '2.00', offset: 3 },
      { key: null, value: 'x', offset: 9 },
      { key: 'c-2', value: null, offset: 9 },
    ]);
    expect(got).toEqual(new Map([['c-1', '3.00']]));
  });

  it('compares totals: exact, counted twice (over: final, totals only grow), missing or below (under: maybe not yet)', () => {
    const want = new Map([
      ['c-1', 1250],
      ['c-2', 100],
    ]);
    expect(compareTotals(want, new Map([['c-1', '12.50'], ['c-2', '1.00'], ['c-3', '9.99']]))).toEqual({ exact: true, over: [], under: [], saw: '2 of 2 customers exact, e.g. c-1 12.50, c-2 1.00' });
    const twice = compareTotals(want, new Map([['c-1', '25.00'], ['c-2', '1.00']]));
    expect(twice).toMatchObject({ exact: false, over: ['c-1'], under: [] });
    expect(twice.saw).toBe('1 of 2 exact; c-1 25.00 (want 12.50: 12.50 too much)');
    const behind = compareTotals(want, new Map([['c-1', '2.50']]));
    expect(behind).toMatchObject({ exact: false, over: [], under: ['c-1', 'c-2'] });
    expect(behind.saw).toBe('0 of 2 exact; c-1 2.50 (want 12.50); c-2 no total (want 1.00)');
  });
});

describe('the application reset tool', () => {
  it('is the StreamsResetter class, run with kafka-run-class.sh in a broker as the admin', () => {
    expect(STREAMS_RESETTER_CLASS).toBe('org.apache.kafka.tools.StreamsResetter');
    const argv = streamsResetterArgv('4.4.0', 'kafka-1', ['--application-id', 'kafkalab-order-totals', '--force']);
    expect(argv.slice(argv.indexOf('kafka-run-class.sh'))).toEqual([
      'kafka-run-class.sh',
      'org.apache.kafka.tools.StreamsResetter',
      '--bootstrap-server',
      'kafka-1:9092',
      '--command-config',
      '/opt/kafka/config/admin-client.properties',
      '--application-id',
      'kafkalab-order-totals',
      '--force',
    ]);
    expect(argv[0]).toBe('env');
    // Kafka 3.9 names the client config --config-file (4.0 deprecated it for --command-config).
    expect(resetterConfigFlag('3.9.1')).toBe('--config-file');
    expect(streamsResetterArgv('3.9.1', 'kafka-2', [])).toContain('--config-file');
    expect(streamsResetterArgv('4.4.0', 'kafka-1', [], 'b')).toContain('kafka-1:9192');
    expect(streamsResetterCommand('4.4.0', 'kafka-1', ['--application-id', 'x'])).toBe(
      'kafka-run-class.sh org.apache.kafka.tools.StreamsResetter --bootstrap-server kafka-1:9092 --command-config /opt/kafka/config/admin-client.properties --application-id x',
    );
  });
});
