import { describe, expect, it } from 'vitest';
import { NEEDED, grantsBeyond } from '../../../../../../scripts/lib/practice/drills/ops/remove-overbroad-acl.ts';

const b = (resourceType: string, resourceName: string, operation: string, pattern = 'literal', principal = 'User:inventory-app', permission = 'allow') => ({ principal, resourceType, resourceName, pattern, operation, permission });

describe('remove-overbroad-acl', () => {
  it('accepts exactly the literal grants the service needs', () => {
    expect(grantsBeyond([b('topic', 'inventory', 'read'), b('topic', 'inventory', 'write'), b('group', 'inventory-readers', 'read')], 'User:inventory-app', NEEDED)).toEqual([]);
  });

  it('names wildcard, prefixed and extra grants, and ignores other principals and denies', () => {
    const extra = grantsBeyond(
      [b('topic', '*', 'all'), b('group', 'inventory', 'all', 'prefixed'), b('topic', 'inventory', 'alter'), b('topic', 'x', 'all', 'literal', 'User:other'), b('topic', 'x', 'read', 'literal', 'User:inventory-app', 'deny')],
      'User:inventory-app',
      NEEDED,
    );
    expect(extra).toEqual(["all on topic '*'", "all on group 'inventory' (prefixed)", "alter on topic 'inventory'"]);
  });
});
