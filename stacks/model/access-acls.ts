/**
 * Checks of the access spec's `acls`, beyond the ones role presets add:
 * 1. ACLs need a security mode with an authorizer;
 * 2. for each binding: known fields, a declared user principal (never the probe user), a resource
 *    type, a pattern, a resource name that fits them, operations that apply to the resource type,
 *    a permission and a host;
 * 3. a binding with no problem expands to one resolved ACL per operation.
 */
import {
  ACL_FIELDS,
  ACL_OPERATIONS,
  ACL_PATTERNS,
  ACL_PERMISSIONS,
  ACL_RESOURCE_TYPES,
  CLUSTER_RESOURCE_NAME,
  OPERATIONS_BY_RESOURCE,
  principalOf,
  type AclOperation,
  type AclPattern,
  type AclPermission,
  type AclResourceType,
} from './access.ts';
import { PROBE_USER, USER_NAME_PATTERN } from './security.ts';
import type { ResolvedCluster } from './spec.ts';
import { fieldProblem, isName, isObject, listProblem, orList, show, unknownFields } from './problems.ts';
import type { Checked } from './access-checked.ts';

const ACL_EXAMPLE = '{ "principal": "User:orders-app", "resourceType": "topic", "resourceName": "orders", "operations": ["read"] }';

function principalProblem(principal: unknown, at: string, cluster: ResolvedCluster, declared: ReadonlySet<string>): string | undefined {
  const field = `${at}.principal`;
  const users = cluster.security.users;
  const user = typeof principal === 'string' ? principal.replace(/^User:/, '') : undefined;
  if (typeof principal !== 'string' || user === undefined || !USER_NAME_PATTERN.test(user) || (principal.includes(':') && !principal.startsWith('User:'))) {
    return fieldProblem(field, principal, "is not a user principal: use 'User:<name>' with a user declared under 'users'");
  }
  if (user === PROBE_USER) return fieldProblem(field, principal, 'is the user verify --probe-negative proves is refused: grant it nothing');
  if (declared.has(user) || users.includes(user)) return undefined;
  const names = [...declared, ...users.filter((u) => u !== PROBE_USER)];
  return fieldProblem(field, principal, `is not a declared user (declared: ${names.join(', ')}): declare '${user}' under 'users', or fix the name`);
}

/** The resource name the binding is for (always the one cluster resource for `cluster`), and its problems. */
function checkResourceName(a: Record<string, unknown>, at: string, typeOk: boolean, pattern: unknown, p: string[]): unknown {
  const type = a.resourceType;
  const resourceName = a.resourceName;
  if (type === 'cluster') {
    if (resourceName !== undefined && resourceName !== CLUSTER_RESOURCE_NAME) {
      p.push(fieldProblem(`${at}.resourceName`, resourceName, `must be '${CLUSTER_RESOURCE_NAME}' for resourceType cluster (Kafka has one cluster resource), or be left out`));
    }
    return CLUSTER_RESOURCE_NAME;
  }
  if (!typeOk) return resourceName;
  const what = String(type).replace('_', ' ');
  if (!isName(resourceName)) {
    p.push(fieldProblem(`${at}.resourceName`, resourceName, `must name the ${what} (or '*', with pattern literal, for all)`));
  } else if (resourceName === '*' && pattern === 'prefixed') {
    p.push(fieldProblem(`${at}.resourceName`, resourceName, `is a wildcard only with pattern literal: use pattern literal for all ${what}s, or a real prefix`));
  }
  return resourceName;
}

function operationProblems(ops: unknown, at: string, type: unknown, typeOk: boolean): string[] {
  if (!Array.isArray(ops) || ops.length === 0) {
    return [fieldProblem(`${at}.operations`, ops, 'must be a non-empty list of operations: e.g. ["read", "describe"]')];
  }
  const problems: string[] = [];
  for (const op of ops) {
    if (!(ACL_OPERATIONS as readonly unknown[]).includes(op)) {
      problems.push(`'${at}.operations' holds ${show(op)}, which is not an operation: use ${orList(ACL_OPERATIONS)}`);
    } else if (typeOk && !OPERATIONS_BY_RESOURCE[type as AclResourceType].includes(op as AclOperation)) {
      problems.push(`'${at}.operations' holds '${op as string}', which does not apply to resourceType ${type as string}: use ${orList(OPERATIONS_BY_RESOURCE[type as AclResourceType])}`);
    }
  }
  return problems;
}

/** Step 2 and 3 for acls[i]. */
function checkAcl(a: unknown, i: number, cluster: ResolvedCluster, declared: ReadonlySet<string>, out: Checked): void {
  const at = `acls[${i}]`;
  const p = out.problems;
  if (!isObject(a)) return void p.push(fieldProblem(at, a, `must be an object: e.g. ${ACL_EXAMPLE}`));
  const before = p.length;
  p.push(...unknownFields(a, ACL_FIELDS, `${at}.`, `use ${orList(ACL_FIELDS)}`));
  const principalIssue = principalProblem(a.principal, at, cluster, declared);
  if (principalIssue) p.push(principalIssue);
  const type = a.resourceType;
  const typeOk = (ACL_RESOURCE_TYPES as readonly unknown[]).includes(type);
  if (!typeOk) p.push(fieldProblem(`${at}.resourceType`, type, `is not an ACL resource type: use ${orList(ACL_RESOURCE_TYPES)}`));
  const pattern = a.pattern ?? 'literal';
  if (!(ACL_PATTERNS as readonly unknown[]).includes(pattern)) p.push(fieldProblem(`${at}.pattern`, pattern, 'is not a pattern type: use literal or prefixed'));
  const resourceName = checkResourceName(a, at, typeOk, pattern, p);
  p.push(...operationProblems(a.operations, at, type, typeOk));
  const permission = a.permission ?? 'allow';
  if (!(ACL_PERMISSIONS as readonly unknown[]).includes(permission)) p.push(fieldProblem(`${at}.permission`, permission, 'must be allow or deny'));
  const host = a.host ?? '*';
  if (!isName(host)) p.push(fieldProblem(`${at}.host`, host, "must be '*' or an IP address"));
  if (p.length > before) return;
  for (const operation of a.operations as AclOperation[]) {
    out.acls.push({
      principal: principalOf(a.principal as string),
      resourceType: type as AclResourceType,
      resourceName: resourceName as string,
      pattern: pattern as AclPattern,
      operation,
      permission: permission as AclPermission,
      host: host as string,
      origin: at,
    });
  }
}

/** Checks `acls` (steps 1 to 3), gathering into `out`; `declared` are the users the access spec declares. */
export function checkAcls(raw: unknown, cluster: ResolvedCluster, declared: ReadonlySet<string>, out: Checked): void {
  const listed = listProblem('acls', raw, `[${ACL_EXAMPLE}]`);
  if (listed) return void out.problems.push(listed);
  const acls = (raw ?? []) as unknown[];
  const s = cluster.security;
  if (acls.length > 0 && !s.authorizer) {
    out.problems.push(
      `'acls' (${acls.length} declared) need a security mode with an authorizer: cluster '${cluster.name}' runs '${s.mode}', where no authorizer checks ACLs; deploy it with --security sasl_ssl (the default), sasl_plaintext or mtls, or remove 'acls'`,
    );
    return;
  }
  acls.forEach((a, i) => checkAcl(a, i, cluster, declared, out));
}
