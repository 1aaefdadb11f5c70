/**
 * The ACL matrix: what each declared user may and may not do, proven with real clients. The
 * cases are derived (purely) from the resolved access spec; runMatrix plays them on a cluster.
 */
import type { ResolvedAccess } from '../../../stacks/model/access.ts';
import { PROBE_USER } from '../../../stacks/model/security.ts';

export type MatrixAction = 'write' | 'read';

export interface MatrixCase {
  /** A declared user, the probe user (no grant at all), or `admin` (the descriptor's). */
  readonly user: string;
  readonly action: MatrixAction;
  readonly topic: string;
  /** Consumer group of a read. */
  readonly group?: string;
  readonly expect: 'allowed' | 'denied';
  /** Why, in words: the preset or the missing grant. */
  readonly because: string;
}

const denied = (user: string, action: MatrixAction, topic: string, because: string, group?: string): MatrixCase => ({
  user,
  action,
  topic,
  ...(group ? { group } : {}),
  expect: 'denied',
  because,
});
const allowed = (user: string, action: MatrixAction, topic: string, because: string, group?: string): MatrixCase => ({
  user,
  action,
  topic,
  ...(group ? { group } : {}),
  expect: 'allowed',
  because,
});

/**
 * Cases per role preset: a producer writes and cannot read; a consumer reads in its own group,
 * not in another, and cannot write; an admin-preset user does both; a user with no grant does
 * neither. Writes come first in the list, so reads find records.
 */
export function matrixCases(access: ResolvedAccess, roles: Readonly<Record<string, readonly { readonly preset: string; readonly topic?: string; readonly prefix?: string; readonly group?: string }[]>>): MatrixCase[] {
  const topics = access.topics.map((t) => t.name);
  const cases: MatrixCase[] = [];
  for (const u of access.users) {
    const mine = roles[u.name] ?? [];
    const isAdmin = mine.some((r) => r.preset === 'admin');
    const reads = (topic: string): boolean => isAdmin || mine.some((r) => r.preset === 'consumer' && r.topic === topic);
    const writes = (topic: string): boolean =>
      isAdmin || mine.some((r) => (r.preset === 'producer' || r.preset === 'transactionalProducer') && (r.topic === topic || (r.prefix !== undefined && topic.startsWith(r.prefix))));
    for (const r of mine) {
      if (r.preset === 'producer' || r.preset === 'transactionalProducer') {
        const topic = r.topic ?? topics.find((t) => r.prefix !== undefined && t.startsWith(r.prefix));
        if (!topic) continue;
        cases.push(allowed(u.name, 'write', topic, `${r.preset} of '${r.topic ?? `${r.prefix}*`}'`));
        if (!reads(topic)) cases.push(denied(u.name, 'read', topic, 'a producer has no Read grant', `${u.name}-probe`));
      } else if (r.preset === 'consumer' && r.topic && r.group) {
        if (!writes(r.topic)) cases.push(denied(u.name, 'write', r.topic, 'a consumer has no Write grant'));
        cases.push(allowed(u.name, 'read', r.topic, `consumer of '${r.topic}' in group '${r.group}'`, r.group));
        if (!isAdmin) cases.push(denied(u.name, 'read', r.topic, `its grant is for group '${r.group}' only`, `${r.group}-other`));
      } else if (r.preset === 'admin' && topics[0]) {
        cases.push(allowed(u.name, 'write', topics[0], 'admin preset'));
        cases.push(allowed(u.name, 'read', topics[0], 'admin preset', `${u.name}-probe`));
      }
    }
  }
  if (topics[0]) {
    cases.push(denied(PROBE_USER, 'write', topics[0], 'no ACL grants this user anything'));
    cases.push(denied(PROBE_USER, 'read', topics[0], 'no ACL grants this user anything', `${PROBE_USER}-probe`));
  }
  // Writes first: every read then has at least the records the writes left.
  return [...cases.filter((c) => c.action === 'write'), ...cases.filter((c) => c.action === 'read')];
}

/** One line per case, e.g. `orders-producer write 'orders': allowed (producer of 'orders')`. */
export function describeCase(c: MatrixCase): string {
  return `${c.user} ${c.action} '${c.topic}'${c.group ? ` as group '${c.group}'` : ''}: ${c.expect} (${c.because})`;
}
