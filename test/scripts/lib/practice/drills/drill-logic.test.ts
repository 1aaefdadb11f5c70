import { describe, expect, it } from 'vitest';
import { raisedAssignment, reassignmentJson } from '../../../../../scripts/lib/practice/drills/ops/raise-replication-factor.ts';
import { skewedAssignment, spreadAssignment } from '../../../../../scripts/lib/practice/drills/ops/preferred-leader-election.ts';
import { kafkaDateTime, replayTimes } from '../../../../../scripts/lib/practice/drills/ops/reset-offsets-to-timestamp.ts';
import { keyCensus } from '../../../../../scripts/lib/practice/drills/dev/idempotent-producer.ts';
import { ordersByKey } from '../../../../../scripts/lib/practice/drills/dev/ordering-by-key.ts';
import { latestByKey } from '../../../../../scripts/lib/practice/drills/dev/compacted-topic-tombstones.ts';
import { extraGrants } from '../../../../../scripts/lib/practice/drills/ops/scram-user-least-privilege.ts';
import type { ReadRecord } from '../../../../../scripts/lib/kafka/records.ts';
import { sawFromError } from '../../../../../scripts/lib/practice/drills/kit/kit.ts';

const rec = (partition: number, offset: number, key: string | null, value: string | null): ReadRecord => ({ partition, offset, key, value, headers: {}, timestamp: 0 });

describe('raise-replication-factor', () => {
  it('keeps each leader first and adds the next brokers', () => {
    expect(raisedAssignment([1, 2, 3], [1, 2, 3], 3)).toEqual([
      [1, 2, 3],
      [2, 3, 1],
      [3, 1, 2],
    ]);
    expect(reassignmentJson('t', [[1, 2]])).toBe('{"version":1,"partitions":[{"topic":"t","partition":0,"replicas":[1,2]}]}');
  });
});

describe('preferred-leader-election', () => {
  it('spreads preferred leaders and skews them onto one broker with the same replica sets', () => {
    const spread = spreadAssignment([1, 2, 3], 6);
    expect(spread.map((r) => r[0])).toEqual([1, 2, 3, 1, 2, 3]);
    const skewed = skewedAssignment(spread, 1);
    expect(skewed.every((r) => r[0] === 1)).toBe(true);
    skewed.forEach((r, i) => expect([...r].sort()).toEqual([...spread[i]!].sort()));
  });
});

describe('reset-offsets-to-timestamp', () => {
  it('places records on whole minutes, three hours back, and prints the tool\'s datetime form', () => {
    const { base, target } = replayTimes(Date.parse('2025-06-01T12:34:56.789Z'));
    expect(new Date(base).toISOString()).toBe('2025-06-01T09:34:00.000Z');
    expect(target - base).toBe(12 * 60_000);
    expect(kafkaDateTime(target)).toBe('2025-06-01T09:46:00.000');
  });
});

describe('record graders', () => {
  it('counts missing, duplicated and foreign keys', () => {
    expect(keyCensus(['k0', 'k1', 'k1', null, 'x'], ['k0', 'k1', 'k2'])).toEqual({ missing: ['k2'], duplicated: ['k1'], foreign: 2 });
  });

  it('orders values per key in offset order and lists their partitions', () => {
    const by = ordersByKey([rec(1, 1, 'a', '1'), rec(1, 0, 'a', '0'), rec(2, 0, 'a', '2'), rec(0, 0, 'b', '0')]);
    expect(by.get('a')).toEqual({ key: 'a', partitions: [1, 2], values: ['0', '1', '2'] });
    expect(by.get('b')?.partitions).toEqual([0]);
  });

  it('the latest record of a key wins; a null value stays null', () => {
    const latest = latestByKey([rec(0, 0, 'u', 'v1'), rec(0, 1, 'u', null), rec(0, 2, 'w', '')]);
    expect(latest.get('u')?.value).toBeNull();
    expect(latest.get('w')?.value).toBe('');
  });
});

describe('least privilege', () => {
  const b = (resourceType: string, resourceName: string, operation: string, pattern = 'literal', permission = 'allow') => ({ principal: 'User:payments-app', resourceType, resourceName, pattern, operation, permission });

  it('accepts exactly the needed grants and names the rest', () => {
    expect(extraGrants([b('topic', 'payments', 'write'), b('topic', 'payments', 'read'), b('topic', 'payments', 'describe'), b('group', 'payments-readers', 'read')])).toEqual([]);
    expect(extraGrants([b('topic', 'payments', 'create'), b('topic', 'pay', 'read', 'prefixed'), b('cluster', 'kafka-cluster', 'idempotent_write'), b('topic', '*', 'all')])).toEqual([
      "create on topic 'payments'",
      "read on topic 'pay' (prefixed)",
      "idempotent_write on cluster 'kafka-cluster'",
      "all on topic '*'",
    ]);
    expect(extraGrants([b('topic', 'ledger', 'write', 'literal', 'deny'), { ...b('topic', 'x', 'all'), principal: 'User:other' }])).toEqual([]);
  });
});

describe('preferred leaders', () => {
  it('counts how many partitions each broker is the preferred leader of', async () => {
    const { preferredCounts } = await import('../../../../../scripts/lib/practice/drills/ops/preferred-leader-election.ts');
    expect([...preferredCounts([[1, 2, 3], [2, 3, 1], [1, 3, 2]])]).toEqual([
      [1, 2],
      [2, 1],
    ]);
  });
});

describe('sawFromError', () => {
  it('says what a leaderless partition means for the cluster', () => {
    expect(sawFromError(new Error('There is no leader for this topic-partition as we are in the middle of a leadership election\nat ...'))).toBe(
      'a partition has no leader (a broker holding its only in-sync replica is down, or an election is under way), so the cluster could not be read whole: There is no leader for this topic-partition as we are in the middle of a leadership election',
    );
  });

  it('keeps any other error to its first line', () => {
    expect(sawFromError(new Error('Connection timeout\nstack'))).toBe('Connection timeout');
    expect(sawFromError('plain')).toBe('plain');
  });
});
