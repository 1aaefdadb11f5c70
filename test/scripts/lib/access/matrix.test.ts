import { describe, expect, it } from 'vitest';
import { describeCase, matrixCases } from '../../../../scripts/lib/access/matrix.ts';
import { DEFAULT_ACCESS } from '../../../../stacks/model/access-presets.ts';
import { admin, consumer, producer, type AccessSpec } from '../../../../stacks/model/access.ts';
import { resolveAccess } from '../../../../stacks/model/access-validate.ts';
import { resolveCluster } from '../../../../stacks/model/resolve.ts';

const cluster = resolveCluster({ name: 'kraft-3' });
const rolesOf = (spec: AccessSpec) => Object.fromEntries((spec.users ?? []).map((u) => [u.name, u.roles ?? []]));
const casesOf = (spec: AccessSpec) => matrixCases(resolveAccess(spec, cluster), rolesOf(spec)).map(describeCase);

describe('matrixCases', () => {
  it('proves the default example: producer writes not reads, consumer reads in its group only, no grant no access; writes first', () => {
    expect(casesOf(DEFAULT_ACCESS)).toEqual([
      "orders-producer write 'orders': allowed (producer of 'orders')",
      "orders-consumer write 'orders': denied (a consumer has no Write grant)",
      "kafkalab-probe write 'orders': denied (no ACL grants this user anything)",
      "orders-producer read 'orders' as group 'orders-producer-probe': denied (a producer has no Read grant)",
      "orders-consumer read 'orders' as group 'orders-consumer': allowed (consumer of 'orders' in group 'orders-consumer')",
      "orders-consumer read 'orders' as group 'orders-consumer-other': denied (its grant is for group 'orders-consumer' only)",
      "kafkalab-probe read 'orders' as group 'kafkalab-probe-probe': denied (no ACL grants this user anything)",
    ]);
  });

  it('does not expect a denial that another role of the same user grants, and resolves a prefix to a declared topic', () => {
    const spec: AccessSpec = {
      topics: [{ name: 'app.events' }, { name: 'audit' }],
      users: [
        { name: 'both', roles: [producer({ prefix: 'app.' }), consumer('app.events', 'g')] },
        { name: 'boss', roles: [admin()] },
      ],
    };
    expect(casesOf(spec)).toEqual([
      "both write 'app.events': allowed (producer of 'app.*')",
      "boss write 'app.events': allowed (admin preset)",
      "kafkalab-probe write 'app.events': denied (no ACL grants this user anything)",
      "both read 'app.events' as group 'g': allowed (consumer of 'app.events' in group 'g')",
      "both read 'app.events' as group 'g-other': denied (its grant is for group 'g' only)",
      "boss read 'app.events' as group 'boss-probe': allowed (admin preset)",
      "kafkalab-probe read 'app.events' as group 'kafkalab-probe-probe': denied (no ACL grants this user anything)",
    ]);
  });
});
