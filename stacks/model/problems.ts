/**
 * The vocabulary of the hand-written validation shared by the cluster spec (validate*.ts) and the
 * access spec (access-*.ts): every problem names the field, shows its value and says the fix,
 * as `'<field>' (<value>) <what is wrong>: <fix>`.
 */

/** A value as a problem shows it: strings in single quotes, everything else as JSON. */
export const show = (v: unknown): string => (typeof v === 'string' ? `'${v}'` : JSON.stringify(v) ?? String(v));

export const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
export const isName = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

/** `a, b or c`. */
export const orList = (items: readonly string[]): string =>
  items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;

/** A value as JSON, strings in double quotes: how the `security` field and listener state files show theirs. */
export const asJson = (v: unknown): string => String(JSON.stringify(v));

/**
 * `'<field>' (<value>) <problem>`: the problem states what is wrong, then the fix after a colon.
 * @param display how the value is shown. @default show
 */
export function fieldProblem(field: string, value: unknown, problem: string, display: (v: unknown) => string = show): string {
  return `'${field}' (${display(value)}) ${problem}`;
}

/** One `unknown field '<at><key>': <use>` per key of `obj` outside `known`. */
export function unknownFields(obj: Record<string, unknown>, known: readonly string[], at: string, use: string): string[] {
  return Object.keys(obj)
    .filter((k) => !known.includes(k))
    .map((k) => `unknown field '${at}${k}': ${use}`);
}

/** A problem when `value` is given but is not a list. */
export function listProblem(field: string, value: unknown, example: string): string | undefined {
  return value === undefined || Array.isArray(value) ? undefined : fieldProblem(field, value, `must be a list: e.g. ${example}`);
}
