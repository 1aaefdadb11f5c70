import { RESERVED_USERS, SASL_MECHANISMS, SECURITY_MODES, USER_NAME_PATTERN } from './security.ts';
import { asJson, fieldProblem, isObject, unknownFields } from './problems.ts';

/** Problems with `security.users`: valid names, none reserved, each once. */
function userProblems(users: unknown): string[] {
  if (users === undefined) return [];
  if (!Array.isArray(users)) return [fieldProblem('security.users', users, 'must be a list of user names: e.g. ["orders-app"]', asJson)];
  return users.flatMap((u, i) => {
    const field = `security.users[${i}]`;
    if (typeof u !== 'string' || !USER_NAME_PATTERN.test(u)) {
      return [fieldProblem(field, u, "is not a user name: use 1 to 64 lower-case letters, digits, '.', '_' or '-', starting with a letter", asJson)];
    }
    if (RESERVED_USERS.includes(u)) return [fieldProblem(field, u, 'is created by kafkalab itself: pick another name')];
    if (users.indexOf(u) !== i) return [fieldProblem(field, u, 'is declared twice: declare each user once')];
    return [];
  });
}

/** Problems with the `security` field: its mode, a mechanism only with a SASL mode, and its users. */
export function securityProblems(spec: unknown): string[] {
  if (spec === undefined) return [];
  if (!isObject(spec)) return [fieldProblem('security', spec, 'must be an object: e.g. { "mode": "sasl_ssl" }', asJson)];
  const problems = unknownFields(spec, ['mode', 'mechanism', 'users'], 'security.', 'use mode, mechanism or users');
  const { mode, mechanism } = spec;
  if (mode !== undefined && !(SECURITY_MODES as readonly unknown[]).includes(mode)) {
    problems.push(fieldProblem('security.mode', mode, `is not a security mode: use one of ${SECURITY_MODES.join(', ')}`, asJson));
  }
  if (mechanism !== undefined && !(SASL_MECHANISMS as readonly unknown[]).includes(mechanism)) {
    problems.push(fieldProblem('security.mechanism', mechanism, `is not supported: use one of ${SASL_MECHANISMS.join(', ')}`, asJson));
  } else if (mechanism !== undefined && mode !== undefined && mode !== 'sasl_plaintext' && mode !== 'sasl_ssl') {
    problems.push(
      fieldProblem('security.mechanism', mechanism, "needs a SASL mode: set 'security.mode' to sasl_ssl or sasl_plaintext, or remove the mechanism", asJson),
    );
  }
  return [...problems, ...userProblems(spec.users)];
}
