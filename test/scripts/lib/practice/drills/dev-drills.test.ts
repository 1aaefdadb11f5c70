import { describe, expect, it } from 'vitest';
import { javaHashCode, offsetsPartitionFor, transform, valueCensus } from '../../../../../scripts/lib/practice/drills/dev/consume-transform-produce.ts';
import { firstDifference } from '../../../../../scripts/lib/practice/drills/dev/seek-to-offset.ts';
import { eventTimes } from '../../../../../scripts/lib/practice/drills/dev/seek-to-timestamp.ts';
import { readingsFrom } from '../../../../../scripts/lib/practice/drills/dev/event-time.ts';
import { batchStats } from '../../../../../scripts/lib/practice/drills/dev/compression-batching.ts';
import { parseLagAnswer } from '../../../../../scripts/lib/practice/drills/dev/consumer-lag.ts';
import { isVip, partitionsByKey, vipPartition } from '../../../../../scripts/lib/practice/drills/dev/custom-partitioner.ts';
import { orderProblem, orderValues } from '../../../../../scripts/lib/practice/drills/dev/dead-letter-queue.ts';
import { sha256Hex } from '../../../../../scripts/lib/practice/drills/dev/large-message.ts';
import type { BatchInfo } from '../../../../../scripts/lib/practice/drills/kit/dump-log.ts';

describe('consume-transform-produce', () => {
  it("hashes like Java's String.hashCode and finds the group's __consumer_offsets partition", () => {
    expect(javaHashCode('hello')).toBe(99162322);
    expect(javaHashCode('')).toBe(0);
    // Integer.MIN_VALUE: Kafka's Utils.abs maps it to 0.
    expect(javaHashCode('polygenelubricants')).toBe(-2147483648);
    expect(offsetsPartitionFor('polygenelubricants', 50)).toBe(0);
    expect(offsetsPartitionFor('hello', 50)).toBe(99162322 % 50);
    expect(offsetsPartitionFor('dev-ctp-app', 50)).toBeGreaterThanOrEqual(0);
    expect(transform('dev-ctp-in #1 ab')).toBe('DEV-CTP-IN #1 AB');
  });

  it('counts missing, repeated and foreign values', () => {
    expect(valueCensus(['A', 'B', 'B', null, 'Z'], ['A', 'B', 'C'])).toEqual({ missing: ['C'], repeated: ['B'], foreign: 2 });
    expect(valueCensus(['A'], ['A'])).toEqual({ missing: [], repeated: [], foreign: 0 });
  });
});

describe('seek drills', () => {
  it('names the first record that differs from the wanted copy', () => {
    const w = [['k1', 'a'], ['k2', 'b']] as const;
    expect(firstDifference(w, w)).toBeUndefined();
    expect(firstDifference([['k1', 'a']], w)).toBe('record 1 missing: want k2=b');
    expect(firstDifference([...w, ['k3', 'c']], w)).toBe('1 record(s) too many, from k3=c');
    expect(firstDifference([['k1', 'x'], ['k2', 'b']], w)).toBe('record 0 is k1=x, want k1=a');
  });

  it('spaces events a minute apart per partition, partitions 20 s apart', () => {
    const t = eventTimes(0);
    expect(t).toHaveLength(3);
    expect(t[0]!.slice(0, 3)).toEqual([0, 60_000, 120_000]);
    expect(t[2]![1]).toBe(100_000);
  });
});

describe('event-time', () => {
  it('lists six readings with their measured times, not in time order', () => {
    const r = readingsFrom(1_000_000);
    expect(r).toHaveLength(6);
    expect(r[0]).toEqual({ key: 'thermo-1', value: '21.4', timestamp: 1_000_000 });
    expect(r[1]!.timestamp).toBeGreaterThan(r[2]!.timestamp);
  });
});

describe('compression-batching', () => {
  it('averages records per data batch and counts codecs, control batches left out', () => {
    const b = (count: number, compression: string, isControl = false): BatchInfo => ({ baseOffset: 0, lastOffset: count - 1, count, producerId: 1, producerEpoch: 0, isTransactional: false, isControl, compression });
    expect(batchStats([b(500, 'gzip'), b(100, 'gzip'), b(1, 'none', true), b(3, 'none')])).toEqual({ batches: 3, records: 603, average: 201, codecs: { gzip: 2, none: 1 } });
    expect(batchStats([]).average).toBe(0);
  });
});

describe('consumer-lag', () => {
  it('reads "<partition> <lag>" lines in a few spellings and reports the rest', () => {
    const { lags, bad } = parseLagAnswer('# lag\n0 12\np1=0\n2: 7\n\nthree 4\n');
    expect([...lags]).toEqual([[0, 12], [1, 0], [2, 7]]);
    expect(bad).toEqual(['three 4']);
  });
});

describe('custom-partitioner', () => {
  it('sends VIP keys to partition 0 and spreads the rest over 1..3, stably', () => {
    expect(isVip('vip-ada')).toBe(true);
    expect(vipPartition('vip-ada', 4)).toBe(0);
    const others = Array.from({ length: 9 }, (_, i) => `cust-${101 + i}`).map((k) => vipPartition(k, 4));
    expect(others.every((p) => p >= 1 && p <= 3)).toBe(true);
    expect(new Set(others).size).toBeGreaterThanOrEqual(2);
    expect(vipPartition('cust-101', 4)).toBe(vipPartition('cust-101', 4));
  });

  it('lists the partitions of each key', () => {
    expect([...partitionsByKey([{ key: 'a', partition: 2 }, { key: 'a', partition: 0 }, { key: null, partition: 1 }, { key: 'b', partition: 1 }])]).toEqual([['a', [0, 2]], ['b', [1]]]);
  });
});

describe('dead-letter-queue', () => {
  it('accepts objects with a string id and a positive amount; names what is wrong otherwise', () => {
    expect(orderProblem('{"id":"o-1","amount":5}')).toBeUndefined();
    expect(orderProblem(null)).toBe('null value');
    expect(orderProblem('{"id":"o-3","amount":')).toBe('not JSON');
    expect(orderProblem('["o",1]')).toBe('not a JSON object');
    expect(orderProblem('{"amount":1}')).toBe('no string "id"');
    expect(orderProblem('{"id":"x","amount":"1"}')).toBe('"amount" is not a positive number');
    expect(orderProblem('{"id":"x","amount":0}')).toBe('"amount" is not a positive number');
  });

  it('seeds 24 orders, 6 of them bad', () => {
    const v = orderValues();
    expect(v).toHaveLength(24);
    expect(v.filter((x) => orderProblem(x) !== undefined)).toHaveLength(6);
  });
});

describe('large-message', () => {
  it('hashes the text as UTF-8, lowercase hex', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
