/**
 * What was last applied to a cluster, so that an `up` with nothing changed applies nothing.
 * 1. After a deploy succeeds, record the fingerprint of what was applied (the synthesized JSON of
 *    the cluster's stack and of its access stack, and the resolved cluster, which carries the
 *    dynamic config) and the id of every container of the cluster.
 * 2. Before the next deploy applies anything, compare: the same fingerprint and every recorded
 *    container present, running and with the same id is no change. Anything else (a changed
 *    stack, a container removed, stopped or recreated by hand, one more or one less) is a change,
 *    and the deploy runs as usual (Terraform repairs what was changed behind its back).
 * Topics, users and ACLs changed behind the tool's back are not containers: the caller looks at
 * their drift before it skips the access stack.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LiveContainer } from '../core/index.ts';

export interface AppliedRecord {
  /** sha256 over what was applied (see stackFingerprint). */
  readonly fingerprint: string;
  /** Container name → the id it had when the apply ended. */
  readonly containers: Readonly<Record<string, string>>;
  /** sha256 of the access stack's JSON as applied. @default - the cluster has no access stack */
  readonly access?: string;
}

/** sha256 of the parts, each length-prefixed so that no two lists of parts give the same text. */
export function stackFingerprint(parts: readonly string[]): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(`${Buffer.byteLength(p)}:`).update(p);
  return h.digest('hex');
}

/** The record of an apply that just ended: the fingerprint and the containers as they run now. */
export function appliedRecord(fingerprint: string, live: Readonly<Record<string, LiveContainer>>, access?: string): AppliedRecord {
  return { fingerprint, containers: Object.fromEntries(Object.entries(live).map(([name, c]) => [name, c.id])), ...(access ? { access } : {}) };
}

/** Why the cluster differs from its last apply, one reason a line; empty when nothing changed. */
export function changesSince(record: AppliedRecord | undefined, fingerprint: string, live: Readonly<Record<string, LiveContainer>>): string[] {
  if (!record) return ['no apply recorded'];
  const reasons: string[] = [];
  if (record.fingerprint !== fingerprint) reasons.push('the synthesized stacks changed');
  for (const [name, id] of Object.entries(record.containers)) {
    const c = live[name];
    if (!c) reasons.push(`container ${name} is missing`);
    else if (c.id !== id) reasons.push(`container ${name} was recreated outside the tool`);
    else if (!c.running) reasons.push(`container ${name} is not running`);
  }
  for (const name of Object.keys(live)) if (!(name in record.containers)) reasons.push(`container ${name} was not made by the last apply`);
  return reasons;
}

const recordPath = (stateDir: string): string => join(stateDir, 'applied.json');

export function readApplied(stateDir: string): AppliedRecord | undefined {
  const path = recordPath(stateDir);
  if (!existsSync(path)) return undefined;
  try {
    const r = JSON.parse(readFileSync(path, 'utf8')) as Partial<AppliedRecord>;
    return typeof r.fingerprint === 'string' && r.containers && typeof r.containers === 'object' ? (r as AppliedRecord) : undefined;
  } catch {
    return undefined; // unreadable: treated as no record, so the next deploy applies
  }
}

export function writeApplied(stateDir: string, record: AppliedRecord): void {
  writeFileSync(recordPath(stateDir), `${JSON.stringify(record, null, 2)}\n`);
}

/** Forget the last apply (before anything that changes the cluster without Terraform's apply). */
export function forgetApplied(stateDir: string): void {
  rmSync(recordPath(stateDir), { force: true });
}
