import { describe, expect, it } from 'vitest';
import { claimedVersions, listClaimedDefaults } from '../../../../../scripts/lib/practice/exam/defaults.ts';
import { question } from './fixtures.ts';

describe('claimed defaults', () => {
  it('lists each version, scope, key and value once with the questions that state it, sorted', () => {
    const qs = [
      question({ id: 'dev-a', defaults: [{ key: 'linger.ms', value: '5', version: '4.4.0', scope: 'producer' }, { key: 'linger.ms', value: '0', version: '3.9.1', scope: 'producer' }] }),
      question({ id: 'dev-b', defaults: [{ key: 'linger.ms', value: '5', version: '4.4.0', scope: 'producer' }] }),
      question({ id: 'dev-c' }),
      question({ id: 'ops-a', track: 'ops', defaults: [{ key: 'min.insync.replicas', value: '1', version: '4.4.0', scope: 'broker' }] }),
    ];
    const claims = listClaimedDefaults(qs);
    expect(claims).toEqual([
      { key: 'linger.ms', value: '0', version: '3.9.1', scope: 'producer', questions: ['dev-a'] },
      { key: 'min.insync.replicas', value: '1', version: '4.4.0', scope: 'broker', questions: ['ops-a'] },
      { key: 'linger.ms', value: '5', version: '4.4.0', scope: 'producer', questions: ['dev-a', 'dev-b'] },
    ]);
    expect(claimedVersions(claims)).toEqual(['3.9.1', '4.4.0']);
  });
});
