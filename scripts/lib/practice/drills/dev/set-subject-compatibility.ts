/**
 * A subject's own compatibility level: its consumers are upgraded after its producers, and some run
 * releases behind, so every new version must be readable by consumers on any earlier version
 * (FORWARD_TRANSITIVE, or FULL_TRANSITIVE), while the registry's global level stays BACKWARD for the
 * other teams.
 *
 * Graded on the registry's answers: GET /config/S and GET /config, and a real rule evaluation. The
 * subject holds v1 (weightKg without a default) and v2 (weightKg with a default, plus eta); a
 * candidate v3 that drops weightKg can be read by a v2 consumer (it fills the default) but not by a
 * v1 one. So BACKWARD and plain FORWARD or FULL accept it; only a transitive forward level refuses it.
 * Apicurio's dry-run registration (nothing is stored) applies the subject's rules as a real
 * registration would.
 */
import type { RegistryRest } from '../../../schemas/index.ts';
import { criterion, type Criterion, type Drill } from '../kit/types.ts';
import { indent, notTried } from '../kit/kit.ts';
import { curlCommand, levelOf, registryOf, removeSubject, requireGlobalLevel } from '../kit/registry.ts';

const enc = encodeURIComponent;

export const SUBJECT = 'dev-shipments-value';
const TOPIC = 'dev-shipments';
const GLOBAL = 'BACKWARD';

const base = { type: 'record', name: 'Shipment', namespace: 'kafkalab.drills' } as const;
export const SHIPMENT_V1 = { ...base, fields: [{ name: 'id', type: 'string' }, { name: 'carrier', type: 'string' }, { name: 'weightKg', type: 'double' }] };
/** What the producers moved to: weightKg gains a default, and an optional eta. */
export const SHIPMENT_V2 = {
  ...base,
  fields: [
    { name: 'id', type: 'string' },
    { name: 'carrier', type: 'string' },
    { name: 'weightKg', type: 'double', default: 0 },
    { name: 'eta', type: ['null', 'long'], default: null },
  ],
};
/** A version v1's consumers cannot read (they need weightKg, which has no default in v1); v2's can. */
export const SHIPMENT_DROPS_WEIGHT = { ...base, fields: [{ name: 'id', type: 'string' }, { name: 'carrier', type: 'string' }, { name: 'eta', type: ['null', 'long'], default: null }] };

/** Levels under which a new version must be readable by consumers on every earlier version. */
export const FORWARD_TRANSITIVE_OR_STRICTER = ['FORWARD_TRANSITIVE', 'FULL_TRANSITIVE'] as const;

/** Why a level does not protect consumers several versions behind, or undefined when it does. */
export function subjectLevelProblem(level: string): string | undefined {
  if ((FORWARD_TRANSITIVE_OR_STRICTER as readonly string[]).includes(level)) return undefined;
  if (level === 'FORWARD' || level === 'FULL') return `${level} checks a new version against the latest one only; consumers several versions behind need ${level}_TRANSITIVE`;
  if (level.startsWith('BACKWARD')) return `${level} protects consumers upgraded first, not consumers upgraded after the producers`;
  return `${level} checks nothing for consumers on earlier versions`;
}

/** What the check saw. */
export interface SubjectLevelView {
  /** What GET /config/S answers: the subject's own level, else the global one. */
  readonly subjectLevel: string;
  /** Whether that is a level of the subject's own. */
  readonly ownLevel: boolean;
  readonly globalLevel: string;
  /** The global level setup saw. */
  readonly globalAtStart: string;
  readonly versions: readonly number[];
  /** The dry run of the version that drops weightKg: refused (with the registry's reason) or accepted. */
  readonly dropWeight: { readonly refused: boolean; readonly reason: string };
}

export function subjectLevelCriteria(v: SubjectLevelView): Criterion[] {
  const problem = subjectLevelProblem(v.subjectLevel);
  return [
    criterion(
      `'${SUBJECT}' has its own level, FORWARD_TRANSITIVE or FULL_TRANSITIVE`,
      v.ownLevel && problem === undefined,
      !v.ownLevel ? `${v.subjectLevel}, the global level: the subject has no level of its own and follows it` : `${v.subjectLevel} of its own${problem ? `: ${problem}` : ''}`,
    ),
    criterion(
      `the global level is still ${v.globalAtStart}`,
      v.globalLevel === v.globalAtStart,
      v.globalLevel === v.globalAtStart ? v.globalLevel : `${v.globalLevel}: other subjects now follow it too; set the subject's level with PUT /config/${SUBJECT}, and the global one back with PUT /config`,
    ),
    criterion(`the subject keeps its versions 1 and 2`, v.versions.includes(1) && v.versions.includes(2), v.versions.length === 0 ? 'no versions (the subject is gone: start the drill again)' : `versions [${v.versions.join(', ')}]`),
    criterion(
      'the registry refuses a version 3 that consumers on version 1 cannot read (it drops weightKg, which v1 has without a default)',
      v.dropWeight.refused,
      v.dropWeight.refused ? `refused: ${v.dropWeight.reason}` : `accepted (${v.dropWeight.reason}): under ${v.subjectLevel} nothing stops it`,
    ),
  ];
}

export const setSubjectCompatibility: Drill = {
  id: 'set-subject-compatibility',
  title: "Set one subject's compatibility for consumers upgraded after producers",
  track: 'dev',
  domain: 'schemas-and-serialization',
  difficulty: 'medium',
  minutes: 10,
  needs: { minBrokers: 1, mode: 'any', security: 'any', schemaRegistry: true },
  task: (facts, cluster) =>
    [
      `The subject '${SUBJECT}' of the Schema Registry (${cluster.schemaRegistry?.url ?? 'npm run info shows its URL'}) holds two versions of the`,
      `Avro record Shipment, the values of '${TOPIC}'. Its team deploys producers first and consumers afterwards, and some`,
      'consumers stay several releases behind: every new version a producer registers must be readable by consumers on any',
      'earlier version of the subject.',
      `Set the compatibility of '${SUBJECT}' alone so that the registry refuses any other version. The global level`,
      `(${facts.globalLevel ?? GLOBAL}) stays as it is: the other teams upgrade their consumers first. Keep both versions.`,
    ].join('\n'),
  async setup(ctx) {
    await requireGlobalLevel(ctx, GLOBAL);
    const { rest } = registryOf(ctx);
    await removeSubject(rest, SUBJECT);
    for (const schema of [SHIPMENT_V1, SHIPMENT_V2]) await rest.call('POST', `/subjects/${enc(SUBJECT)}/versions`, { schema: JSON.stringify(schema) });
    return { globalLevel: GLOBAL };
  },
  async check(ctx) {
    const { rest } = registryOf(ctx);
    if (typeof ctx.facts.globalLevel !== 'string') return [notTried(`'${SUBJECT}' has its own level`, 'the drill has nothing on record: start it again')];
    const versionsAnswer = await rest.call('GET', `/subjects/${enc(SUBJECT)}/versions`, undefined, [404]);
    const versions = versionsAnswer.status === 200 && Array.isArray(versionsAnswer.body) ? (versionsAnswer.body as unknown[]).map(Number) : [];
    const subjectLevel = await levelOf(rest, SUBJECT);
    const globalLevel = await levelOf(rest);
    const ownLevel = await hasOwnLevel(rest, SUBJECT);
    return subjectLevelCriteria({ subjectLevel, ownLevel, globalLevel, globalAtStart: ctx.facts.globalLevel, versions, dropWeight: await dryRun(rest, SHIPMENT_DROPS_WEIGHT) });
  },
  hints: [
    'Consumers upgraded after producers must read records written with a newer schema than their own: that is FORWARD compatibility (BACKWARD is the other way round: new readers, old records). "Any earlier version", not only the latest, is the _TRANSITIVE variant.',
    `Each subject can have its own level, which wins over the global one: GET /config/${SUBJECT} shows what it is checked under, GET /config the global level.`,
    `PUT /config/${SUBJECT} with the body { "compatibility": "FORWARD_TRANSITIVE" } and the header Content-Type: application/vnd.schemaregistry.v1+json. Not PUT /config: that changes every subject without a level of its own.`,
  ],
  solution: {
    steps: [
      curlCommand('GET', '<url>/config') + `   # {"compatibilityLevel":"${GLOBAL}"}`,
      curlCommand('GET', `<url>/config/${SUBJECT}`) + `   # ${GLOBAL} too: it has no level of its own`,
      curlCommand('PUT', `<url>/config/${SUBJECT}`, { compatibility: 'FORWARD_TRANSITIVE' }),
      curlCommand('GET', `<url>/config/${SUBJECT}`) + '   # FORWARD_TRANSITIVE; GET /config still ' + GLOBAL,
    ],
    async run(ctx) {
      const { url, rest } = registryOf(ctx);
      ctx.say(`$ ${curlCommand('GET', `${url}/config`)}`);
      ctx.say(indent(JSON.stringify((await rest.call('GET', '/config')).body)));
      ctx.say(`$ ${curlCommand('GET', `${url}/config/${SUBJECT}`)}`);
      ctx.say(indent(JSON.stringify((await rest.call('GET', `/config/${enc(SUBJECT)}`, undefined, [404])).body)));
      const body = { compatibility: 'FORWARD_TRANSITIVE' };
      ctx.say(`$ ${curlCommand('PUT', `${url}/config/${SUBJECT}`, body)}`);
      ctx.say(indent(JSON.stringify((await rest.call('PUT', `/config/${enc(SUBJECT)}`, body)).body)));
      ctx.say(`$ ${curlCommand('GET', `${url}/config/${SUBJECT}`)}`);
      ctx.say(indent(JSON.stringify((await rest.call('GET', `/config/${enc(SUBJECT)}`)).body)));
      ctx.say(`$ ${curlCommand('GET', `${url}/config`)}`);
      ctx.say(indent(JSON.stringify((await rest.call('GET', '/config')).body)));
    },
  },
  explain: [
    'The level says which side upgrades first. BACKWARD: a new schema reads old data, so consumers upgrade before producers',
    '(the default; adding a field needs a default, removing one is free). FORWARD: old schemas read new data, so producers',
    'upgrade first (removing a field needs a default in the old schema, adding one is free). FULL is both. Without',
    '_TRANSITIVE a new version is checked against the latest one only, so a chain of allowed steps can still break a',
    'consumer several versions behind; _TRANSITIVE checks it against every version. PUT /config/<subject> sets a level',
    'for one subject, which wins over the global PUT /config; DELETE /config/<subject> makes it follow the global again.',
  ].join('\n'),
  async reset(ctx) {
    const { rest } = registryOf(ctx);
    await removeSubject(rest, SUBJECT);
    // A learner who changed the global level instead: put back the one setup saw (every other drill expects it).
    const global = typeof ctx.facts.globalLevel === 'string' ? ctx.facts.globalLevel : undefined;
    if (global && (await levelOf(rest)) !== global) await rest.call('PUT', '/config', { compatibility: global });
  },
};

/**
 * Would the registry accept `schema` as the subject's next version? Apicurio's dry-run registration
 * (POST …/versions?dryRun=true): the subject's rules run as for a real one, nothing is stored. Measured
 * on Apicurio 3.3.3 with v1 and v2 registered: 200 under BACKWARD, FORWARD and FULL; 400
 * RuleViolationException ("weightKg at /fields/2") under FORWARD_TRANSITIVE and FULL_TRANSITIVE. (The
 * Confluent-compatible POST /compatibility/subjects/S/versions answered is_compatible false under
 * FORWARD and FULL too: it checks every version whatever the level, so it is not what registration does.)
 */
export async function dryRun(rest: RegistryRest, schema: object): Promise<{ refused: boolean; reason: string }> {
  const answer = await rest.call('POST', `/apis/registry/v3/groups/default/artifacts/${enc(SUBJECT)}/versions?dryRun=true`, { content: { content: JSON.stringify(schema), contentType: 'application/json' } }, [400, 404, 409]);
  if (answer.status === 404) return { refused: false, reason: `HTTP 404, no subject '${SUBJECT}'` };
  if (answer.status < 300) return { refused: false, reason: `HTTP ${answer.status}` };
  const body = answer.body as { causes?: { description?: string; context?: string }[]; name?: string } | undefined;
  const causes = body?.causes ?? [];
  if (causes.length === 0 && !/RuleViolation|incompatible/i.test(`${body?.name ?? ''} ${answer.message}`)) {
    throw new Error(`the registry's dry run of a version of '${SUBJECT}' failed with HTTP ${answer.status}, not with a rule violation: ${answer.message}`);
  }
  const listed = causes.map((c) => [c.description, c.context].filter(Boolean).join(' at ')).filter(Boolean);
  return { refused: true, reason: `HTTP ${answer.status}${listed.length > 0 ? `: ${listed.join('; ')}` : `: ${answer.message}`}` };
}

/** Whether the subject has a compatibility level of its own (an artifact rule in Apicurio's own API), not the global one. */
export async function hasOwnLevel(rest: RegistryRest, subject: string): Promise<boolean> {
  const rules = await rest.call('GET', `/apis/registry/v3/groups/default/artifacts/${enc(subject)}/rules`, undefined, [404]);
  return rules.status === 200 && Array.isArray(rules.body) && (rules.body as unknown[]).includes('COMPATIBILITY');
}
