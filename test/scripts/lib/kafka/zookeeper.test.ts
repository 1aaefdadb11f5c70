import { describe, expect, it } from 'vitest';
import { parseSrvrMode } from '../../../../scripts/lib/kafka/zookeeper.ts';

describe('parseSrvrMode', () => {
  it('reads the Mode line of srvr', () => {
    const text = 'Zookeeper version: 3.8.4\nLatency min/avg/max: 0/0.0/0\nReceived: 5\nMode: leader\nNode count: 5\n';
    expect(parseSrvrMode(text)).toBe('leader');
    expect(parseSrvrMode('Mode: follower\n')).toBe('follower');
    expect(parseSrvrMode('Mode: standalone\n')).toBe('standalone');
  });

  it('calls anything else down', () => {
    expect(parseSrvrMode('This ZooKeeper instance is not currently serving requests')).toBe('down');
  });
});
