import { ROLE_PRESETS, type RolePreset } from './access.ts';
import { fieldProblem, isName, isObject, orList } from './problems.ts';

/** The fields each role preset takes besides `preset`. */
const PRESET_FIELDS: Readonly<Record<string, readonly string[]>> = {
  producer: ['topic', 'prefix'],
  consumer: ['topic', 'group'],
  transactionalProducer: ['topic', 'transactionalId'],
  admin: [],
};

function unknownRoleFields(role: Record<string, unknown>, preset: string, at: string): string[] {
  const takes = PRESET_FIELDS[preset]!;
  const use = takes.length === 0 ? 'an admin role takes nothing else' : `a ${preset} role takes ${takes.join(preset === 'producer' ? ' or ' : ' and ')}`;
  return Object.keys(role)
    .filter((k) => k !== 'preset' && !takes.includes(k))
    .map((k) => `unknown field '${at}.${k}': ${use}`);
}

function topicProblem(role: Record<string, unknown>, at: string, topicNames: ReadonlySet<string>): string | undefined {
  const t = role.topic;
  if (!isName(t)) return fieldProblem(`${at}.topic`, t, 'must name a declared topic');
  if (topicNames.has(t)) return undefined;
  const declared = topicNames.size > 0 ? `declared: ${[...topicNames].join(', ')}` : 'no topic is declared yet';
  return fieldProblem(`${at}.topic`, t, `is not a declared topic (${declared}): declare it under 'topics', or fix the name`);
}

function nameProblem(role: Record<string, unknown>, field: string, what: string, at: string): string | undefined {
  return isName(role[field]) ? undefined : fieldProblem(`${at}.${field}`, role[field], `must be a non-empty ${what}`);
}

/** Problems with the fields a preset needs: a declared topic (or a prefix), a group, a transactional id. */
function presetFieldProblems(role: Record<string, unknown>, at: string, topicNames: ReadonlySet<string>): (string | undefined)[] {
  switch (role.preset) {
    case 'producer':
      if ((role.topic === undefined) === (role.prefix === undefined)) {
        return [`'${at}' (producer) needs either 'topic' or 'prefix': e.g. { "preset": "producer", "topic": "orders" } or { "preset": "producer", "prefix": "orders." }`];
      }
      return [role.topic !== undefined ? topicProblem(role, at, topicNames) : nameProblem(role, 'prefix', 'topic name prefix', at)];
    case 'consumer':
      return [topicProblem(role, at, topicNames), nameProblem(role, 'group', 'consumer group id', at)];
    case 'transactionalProducer':
      return [topicProblem(role, at, topicNames), nameProblem(role, 'transactionalId', 'transactional id', at)];
    default:
      return [];
  }
}

/** Problems with one role preset of users[i] (pushed to `problems`); the preset when it is valid. */
export function checkRole(role: unknown, at: string, topicNames: ReadonlySet<string>, problems: string[]): RolePreset | undefined {
  if (!isObject(role)) {
    problems.push(fieldProblem(at, role, 'must be a role preset: e.g. { "preset": "producer", "topic": "orders" }'));
    return undefined;
  }
  const preset = role.preset;
  if (!(ROLE_PRESETS as readonly unknown[]).includes(preset)) {
    problems.push(fieldProblem(`${at}.preset`, preset, `is not a role preset: use ${orList(ROLE_PRESETS)}`));
    return undefined;
  }
  const found = [...unknownRoleFields(role, preset as string, at), ...presetFieldProblems(role, at, topicNames).filter((p) => p !== undefined)];
  problems.push(...found);
  return found.length === 0 ? (role as unknown as RolePreset) : undefined;
}
