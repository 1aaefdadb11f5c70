import { describe, expect, it } from 'vitest';
import { parseKcatJson } from '../../../../scripts/lib/kafka/read-back.ts';

describe('parseKcatJson', () => {
  it('reads one record per JSON line of kcat -J, keys and values as strings or null', () => {
    const out = [
      '{"topic":"t","partition":0,"offset":4,"tstype":"create","ts":1,"broker":1,"key":"k1","payload":"v1"}',
      '% Reached end of topic t [0] at offset 5',
      '{"topic":"t","partition":2,"offset":0,"tstype":"create","ts":1,"broker":3,"key":null,"payload":null}',
      '',
    ].join('\n');
    expect(parseKcatJson(out)).toEqual([
      { partition: 0, offset: '4', key: 'k1', value: 'v1' },
      { partition: 2, offset: '0', key: null, value: null },
    ]);
  });
});
