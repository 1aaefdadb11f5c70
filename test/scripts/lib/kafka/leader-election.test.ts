import { describe, expect, it } from 'vitest';
import { leaderElectionCommand, parseLeaderElection } from '../../../../scripts/lib/kafka/leader-election.ts';

// Recorded from kafka-leader-election.sh (4.4.0): after a restart, and with a broker down.
const elected = 'Successfully completed leader election (PREFERRED) for partitions __consumer_offsets-15, __consumer_offsets-48, kafkalab-verify-1\n';
const failed = `Error completing leader election (PREFERRED) for partition: __consumer_offsets-15: org.apache.kafka.common.errors.PreferredLeaderNotAvailableException: The preferred leader was not available.
Error completing leader election (PREFERRED) for partition: vtest-2: org.apache.kafka.common.errors.PreferredLeaderNotAvailableException: The preferred leader was not available.
`;

describe('parseLeaderElection', () => {
  it('lists the partitions whose preferred leader took over', () => {
    expect(parseLeaderElection(elected)).toEqual({ elected: ['__consumer_offsets-15', '__consumer_offsets-48', 'kafkalab-verify-1'], failed: [] });
  });

  it('lists the failures with their reason', () => {
    expect(parseLeaderElection(failed)).toEqual({
      elected: [],
      failed: ['__consumer_offsets-15: The preferred leader was not available.', 'vtest-2: The preferred leader was not available.'],
    });
  });

  it('is empty when every preferred leader already leads (the tool prints nothing)', () => {
    expect(parseLeaderElection('')).toEqual({ elected: [], failed: [] });
  });
});

describe('leaderElectionCommand', () => {
  it('uses --command-config on 4.x and --admin.config on 3.9', () => {
    expect(leaderElectionCommand('4.4.0', 'kafka-1:9092')).toEqual([
      'kafka-leader-election.sh', '--bootstrap-server', 'kafka-1:9092', '--command-config', '/opt/kafka/config/admin-client.properties',
      '--election-type', 'PREFERRED', '--all-topic-partitions',
    ]);
    expect(leaderElectionCommand('3.9.1', 'kafka-1:9092')[3]).toBe('--admin.config');
  });
});
