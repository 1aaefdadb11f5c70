import { describe, expect, it } from 'vitest';
import type { KafkaMessage } from 'kafkajs';
import { readRecordOf, toMessage } from '../../../../scripts/lib/kafka/records.ts';

describe('toMessage', () => {
  it('keeps a tombstone and a missing key as null, and sets only the fields given', () => {
    expect(toMessage({ value: null })).toEqual({ key: null, value: null });
  });

  it('carries partition, headers and the timestamp as a string', () => {
    expect(toMessage({ key: 'k', value: 'v', partition: 2, headers: { h: '1' }, timestamp: 1700000000000 })).toEqual({
      key: 'k',
      value: 'v',
      partition: 2,
      headers: { h: '1' },
      timestamp: '1700000000000',
    });
  });
});

describe('readRecordOf', () => {
  it('reads offsets and timestamps as numbers, a tombstone as null and the last value of a repeated header', () => {
    const m = {
      offset: '41',
      key: Buffer.from('k'),
      value: null,
      timestamp: '1700000000000',
      headers: { h: [Buffer.from('a'), Buffer.from('b')], one: Buffer.from('x'), gone: undefined },
      attributes: 0,
      size: 0,
    } as unknown as KafkaMessage;
    expect(readRecordOf(3, m)).toEqual({ partition: 3, offset: 41, key: 'k', value: null, headers: { h: 'b', one: 'x' }, timestamp: 1700000000000 });
  });
});
