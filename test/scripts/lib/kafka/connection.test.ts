import { describe, expect, it } from 'vitest';
import { isLeadershipMoment, retryThroughLeadership } from '../../../../scripts/lib/kafka/connection.ts';

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

describe('retryThroughLeadership', () => {
  it('tries again while the failure is a leadership moment', async () => {
    let tries = 0;
    const attempt = async (): Promise<string> => {
      tries++;
      if (tries < 3) throw new Error('This server is not the leader for that topic-partition');
      return 'offsets';
    };
    expect(await retryThroughLeadership(attempt, { pauseMs: 0 })).toBe('offsets');
    expect(tries).toBe(3);
  });

  it('throws any other failure at once', async () => {
    let tries = 0;
    const attempt = async (): Promise<never> => {
      tries++;
      throw new Error('SASL SCRAM SHA512 authentication failed');
    };
    await expect(retryThroughLeadership(attempt, { pauseMs: 0 })).rejects.toThrow('authentication failed');
    expect(tries).toBe(1);
  });

  it('throws the leadership failure once the deadline has passed', async () => {
    let tries = 0;
    const attempt = async (): Promise<never> => {
      tries++;
      throw new Error('LEADER_NOT_AVAILABLE');
    };
    await expect(retryThroughLeadership(attempt, { timeoutMs: 0, pauseMs: 0 })).rejects.toThrow('LEADER_NOT_AVAILABLE');
    expect(tries).toBe(1);
  });
});
