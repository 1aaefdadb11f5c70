import { describe, expect, it } from 'vitest';
import { renderEnsureScramUsers } from '../../../../scripts/lib/lifecycle/scram-users.ts';
import { resolveCluster } from '../../../../stacks/model/resolve.ts';

describe('renderEnsureScramUsers', () => {
  it('adds only missing users, reading passwords from the container file, printing names only', () => {
    const script = renderEnsureScramUsers(resolveCluster({ name: 'c1', security: { mechanism: 'SCRAM-SHA-256' } }), 'kafka-1:9092');
    expect(script).toContain('--describe --entity-type users');
    expect(script).toContain(`if ! grep -q "user-principal '$user'" <<< "$existing"; then`);
    expect(script).toContain('--add-config "SCRAM-SHA-256=[password=$password]" > /dev/null');
    expect(script).toContain('done < /run/kafkalab/scram-users.txt');
    expect(script).not.toMatch(/echo .*password/);
  });
});
