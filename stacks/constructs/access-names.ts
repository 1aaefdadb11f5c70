import { createHash } from 'node:crypto';
import { aclKey, type ResolvedAcl } from '../model/access.ts';

/**
 * Terraform resource names for access objects, so `plan` reads `kafka_topic.orders` rather than
 * a hashed construct path. One-to-one: '.' becomes '_' (topic names that differ only by '.'
 * versus '_' are refused by validation), and a name not starting with a letter gets a '_' prefix.
 */
export function terraformName(name: string): string {
  const n = name.replace(/\./g, '_');
  return /^[A-Za-z]/.test(n) ? n : `_${n}`;
}

/**
 * An ACL binding's resource name: readable (user, operation, resource) plus a short hash of the
 * whole binding, so it is unique and stays the same when declarations are reordered.
 */
export function aclTerraformName(a: Omit<ResolvedAcl, 'origin'>): string {
  const hash = createHash('sha256').update(aclKey(a)).digest('hex').slice(0, 8);
  const user = a.principal.replace(/^User:/, '');
  const resource = a.resourceName === '*' ? 'any' : a.resourceName;
  const readable = `${user}_${a.permission === 'deny' ? 'deny_' : ''}${a.operation}_${a.resourceType}_${resource}`.replace(/[^A-Za-z0-9_-]/g, '_');
  return `${terraformName(readable)}_${hash}`;
}
