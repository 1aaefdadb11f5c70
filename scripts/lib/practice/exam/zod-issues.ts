import type { z } from 'zod';

/** A field path as written in messages: `questions[3].answers[0]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out === '' ? String(p) : `.${String(p)}`;
  return out;
}

const shown = (v: unknown): string => {
  if (v === undefined) return 'nothing';
  const s = JSON.stringify(v);
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
};

/** zod's type names as a reader says them. */
const expectedType = (t: string): string => (t === 'array' ? 'a list' : t === 'record' || t === 'object' ? 'an object' : `a ${t}`);

const typeOf = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v);

/**
 * One schema issue in words that name the field, the value found and what is expected. The
 * issue must come from a parse with `reportInput: true`.
 */
export function describeIssue(issue: z.core.$ZodIssue, relativeTo: readonly PropertyKey[] = []): string {
  const field = formatPath(issue.path.slice(relativeTo.length));
  const input = (issue as { input?: unknown }).input;
  const name = field === '' ? 'the value' : `'${field}'`;
  switch (issue.code) {
    case 'invalid_type':
      return input === undefined ? `${name} is missing: add it (${expectedType(issue.expected)})` : `${name} should be ${expectedType(issue.expected)}, found ${typeOf(input)} ${shown(input)}`;
    case 'invalid_value': {
      const allowed = issue.values.map((v) => shown(v)).join(', ');
      return input === undefined ? `${name} is missing: add it (one of ${allowed})` : `${name} (${shown(input)}) is not allowed: use one of ${allowed}`;
    }
    case 'unrecognized_keys':
      return `${name} has unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `'${k}'`).join(', ')}: remove ${issue.keys.length > 1 ? 'them' : 'it'} or check the spelling`;
    case 'too_small':
      return issue.origin === 'array'
        ? `${name} has ${Array.isArray(input) ? input.length : '?'} entries: it needs at least ${String(issue.minimum)}`
        : issue.origin === 'string'
          ? `${name} is too short (${typeof input === 'string' ? input.length : '?'} characters): write at least ${String(issue.minimum)}`
          : `${name} (${shown(input)}) is too small: the minimum is ${String(issue.minimum)}`;
    case 'too_big':
      return issue.origin === 'array'
        ? `${name} has ${Array.isArray(input) ? input.length : '?'} entries: at most ${String(issue.maximum)} are allowed`
        : `${name} (${shown(input)}) is too big: the maximum is ${String(issue.maximum)}`;
    case 'invalid_format':
      return `${name} (${shown(input)}) is malformed: ${issue.message}`;
    default:
      return `${name}: ${issue.message}`;
  }
}
