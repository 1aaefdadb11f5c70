/**
 * Checks of the access spec's `users`:
 * 1. users need a security mode that authenticates clients, and SCRAM (PLAIN users live in JAAS files);
 * 2. each name is valid, not reserved, not already a `security.users` credential, declared once,
 *    and (under SASL) not sharing its password variable with another;
 * 3. each role preset is checked against the declared topics;
 * 4. a user with a valid name is resolved, and its valid presets expand to ACLs.
 */
import { USER_FIELDS, describePreset, expandPreset, passwordVariable, principalOf, type RolePreset } from './access.ts';
import { RESERVED_USERS, USER_NAME_PATTERN } from './security.ts';
import type { ResolvedCluster } from './spec.ts';
import { fieldProblem, isObject, listProblem, orList, unknownFields } from './problems.ts';
import { checkRole } from './access-roles.ts';
import type { Checked } from './access-checked.ts';

/** Step 1: a problem when the cluster's security mode cannot carry access-stack users. */
function modeProblem(count: number, cluster: ResolvedCluster): string | undefined {
  const s = cluster.security;
  if (count > 0 && !s.authorizer) {
    return `'users' (${count} declared) needs a security mode that authenticates clients: cluster '${cluster.name}' runs '${s.mode}', where every client is ANONYMOUS and no authorizer checks ACLs; deploy it with --security sasl_ssl (the default), sasl_plaintext or mtls, or remove 'users' and 'acls'`;
  }
  if (count > 0 && s.sasl && s.mechanism === 'PLAIN') {
    return `'users' (${count} declared) are SCRAM credentials, but cluster '${cluster.name}' uses SASL mechanism PLAIN, whose users live in the brokers' JAAS files: declare them in the cluster spec's 'security.users', or use mechanism SCRAM-SHA-512`;
  }
  return undefined;
}

interface UserContext {
  readonly cluster: ResolvedCluster;
  readonly declared: Set<string>;
  /** Password variable to the user that has it. */
  readonly variables: Map<string, string>;
  readonly out: Checked;
}

/** Step 2: the problem with a user's name, if any. */
function nameProblem(name: unknown, at: string, { cluster, declared, variables }: UserContext): string | undefined {
  const s = cluster.security;
  const field = `${at}.name`;
  if (typeof name !== 'string' || !USER_NAME_PATTERN.test(name)) {
    return fieldProblem(field, name, "is not a user name: use 1 to 64 lower-case letters, digits, '.', '_' or '-', starting with a letter");
  }
  if (RESERVED_USERS.includes(name)) return fieldProblem(field, name, 'is created by kafkalab itself: pick another name');
  if (s.users.includes(name)) {
    return fieldProblem(field, name, "already has a credential from the cluster spec ('security.users'): declare each user in one place (ACLs may still name it)");
  }
  if (declared.has(name)) return fieldProblem(field, name, 'is declared twice: declare each user once');
  const variable = passwordVariable(name);
  if (s.sasl && variables.has(variable)) {
    return fieldProblem(field, name, `and '${variables.get(variable)}' share the password variable ${variable} ('.' and '-' both become '_'): rename one of them`);
  }
  return undefined;
}

/** Step 4: the user, and the ACLs of its valid presets. */
function resolveUser(name: string, at: string, roles: readonly (RolePreset | undefined)[], { cluster, out }: UserContext): void {
  const s = cluster.security;
  const principal = principalOf(name);
  out.users.push({
    name,
    principal,
    credential: s.clientCerts ? 'certificate' : 'scram',
    ...(s.sasl ? { mechanism: s.mechanism as 'SCRAM-SHA-512' | 'SCRAM-SHA-256' } : {}),
  });
  roles.forEach((role, j) => {
    if (!role) return;
    const origin = `${at}.roles[${j}] (${describePreset(role)})`;
    for (const g of expandPreset(role)) out.acls.push({ ...g, principal, permission: 'allow', host: '*', origin });
  });
}

function checkUser(u: unknown, i: number, ctx: UserContext): void {
  const at = `users[${i}]`;
  const p = ctx.out.problems;
  if (!isObject(u)) return void p.push(fieldProblem(at, u, 'must be an object: e.g. { "name": "orders-app" }'));
  p.push(...unknownFields(u, USER_FIELDS, `${at}.`, `use ${orList(USER_FIELDS)}`));
  const name = u.name;
  const problem = nameProblem(name, at, ctx);
  if (problem) p.push(problem);
  else {
    ctx.declared.add(name as string);
    ctx.variables.set(passwordVariable(name as string), name as string);
  }
  const roles = u.roles ?? [];
  if (!Array.isArray(roles)) {
    return void p.push(fieldProblem(`${at}.roles`, roles, 'must be a list of role presets: e.g. [{ "preset": "producer", "topic": "orders" }]'));
  }
  const valid = roles.map((r, j) => checkRole(r, `${at}.roles[${j}]`, ctx.out.topicNames, p));
  if (!problem) resolveUser(name as string, at, valid, ctx);
}

/** Checks `users` (steps 1 to 4), gathering into `out`; returns the names declared here. */
export function checkUsers(raw: unknown, cluster: ResolvedCluster, out: Checked): Set<string> {
  const ctx: UserContext = { cluster, declared: new Set(), variables: new Map(), out };
  const listed = listProblem('users', raw, '[{ "name": "orders-app", "roles": [{ "preset": "producer", "topic": "orders" }] }]');
  if (listed) {
    out.problems.push(listed);
    return ctx.declared;
  }
  const users = (raw ?? []) as unknown[];
  const refused = modeProblem(users.length, cluster);
  if (refused) {
    out.problems.push(refused);
    return ctx.declared;
  }
  users.forEach((u, i) => checkUser(u, i, ctx));
  return ctx.declared;
}
