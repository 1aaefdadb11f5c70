import { describe, expect, it } from 'vitest';
import { isLeadershipMoment } from '../../../../scripts/lib/kafka/admin-tasks.ts';

describe('isLeadershipMoment', () => {
  it('recognizes the errors of a leadership change', () => {
    expect(isLeadershipMoment(new Error('There is no leader for this topic-partition as we are in the middle of a leadership election'))).toBe(true);
    expect(isLeadershipMoment(new Error('This server is not the leader for that topic-partition'))).toBe(true);
    expect(isLeadershipMoment(Object.assign(new Error('x'), { name: 'LEADER_NOT_AVAILABLE' }))).toBe(true);
    expect(isLeadershipMoment(new Error('The leader high watermark has not caught up from a recent leader election so the offsets cannot be guaranteed to be monotonically increasing'))).toBe(true);
  });

  it('lets other errors through at once', () => {
    expect(isLeadershipMoment(new Error('This server does not host this topic-partition'))).toBe(false);
    expect(isLeadershipMoment(new Error('SASL SCRAM SHA512 authentication failed'))).toBe(false);
  });
});
