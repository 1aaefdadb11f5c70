import { type AclBinding, consumeAs, deleteAclsOf, deleteGroupsIfPresent, deleteTopicsIfPresent, describeAclBindings, type Identity, produce } from '../../../kafka/index.ts';
import { grade, indent, newPassword, notTried, practiceFile, practicePathForTask, removePracticeFiles, seedTopic, writePracticeFile } from '../kit/kit.ts';
import { deleteScram, setScram, tryLogin, waitForLogin } from '../kit/scram.ts';
import { mustBeRefused, mustWork } from './scram-user-least-privilege.ts';
import { criterion, type Criterion, type Drill, type DrillContext } from '../kit/types.ts';

const USER = 'inventory-app';
const PRINCIPAL = `User:${USER}`;
const TOPIC = 'inventory';
const SECRET_TOPIC = 'hr-salaries';
const GROUP = 'inventory-readers';
const OTHER_GROUP = 'inventory-audit';
const PASSWORD_FILE = `${USER}.password`;

/** What the service needs: `type:name` (literal) → operations. */
export const NEEDED: Readonly<Record<string, readonly string[]>> = {
  [`topic:${TOPIC}`]: ['read', 'write', 'describe'],
  [`group:${GROUP}`]: ['read', 'describe'],
};

/** kafka-acls.sh arguments of the grants setup makes: what the service needs, and two far too wide. */
export const SETUP_GRANTS: readonly (readonly string[])[] = [
  ['--operation', 'Read', '--operation', 'Write', '--operation', 'Describe', '--topic', TOPIC],
  ['--operation', 'Read', '--group', GROUP],
  ['--operation', 'All', '--topic', '*'],
  ['--operation', 'All', '--group', 'inventory', '--resource-pattern-type', 'prefixed'],
];

/** ALLOW bindings of `principal` beyond `needed` (literal names only), in words. */
export function grantsBeyond(bindings: readonly Pick<AclBinding, 'principal' | 'resourceType' | 'resourceName' | 'pattern' | 'operation' | 'permission'>[], principal: string, needed: Readonly<Record<string, readonly string[]>>): string[] {
  return bindings
    .filter((b) => b.principal === principal && b.permission === 'allow')
    .filter((b) => !(b.pattern === 'literal' && b.resourceName !== '*' && (needed[`${b.resourceType}:${b.resourceName}`] ?? []).includes(b.operation)))
    .map((b) => `${b.operation} on ${b.resourceType} '${b.resourceName}'${b.pattern === 'literal' ? '' : ` (${b.pattern})`}`);
}

async function clientCriteria(ctx: DrillContext, identity: Identity): Promise<Criterion[]> {
  const d = await ctx.live();
  const opts = { identity, retries: 1 };
  const read = (topic: string, groupId: string) => async (): Promise<void> => {
    const got = await consumeAs(d, topic, 1, { ...opts, groupId, timeoutMs: 20_000 });
    if (got.length === 0) throw new Error('read nothing, and was not refused either');
  };
  return [
    await mustWork(`${USER} writes to '${TOPIC}'`, () => produce(d, TOPIC, [{ key: 'grader', value: 'written by the grader as inventory-app' }], opts)),
    await mustWork(`${USER} reads '${TOPIC}' as group '${GROUP}'`, read(TOPIC, GROUP)),
    await mustBeRefused(`${USER} cannot read '${SECRET_TOPIC}'`, read(SECRET_TOPIC, GROUP)),
    await mustBeRefused(`${USER} cannot write to '${SECRET_TOPIC}'`, () => produce(d, SECRET_TOPIC, [{ value: 'must be refused' }], opts)),
    await mustBeRefused(`${USER} cannot read '${TOPIC}' as group '${OTHER_GROUP}'`, read(TOPIC, OTHER_GROUP)),
  ];
}

export const removeOverbroadAcl: Drill = {
  id: 'remove-overbroad-acl',
  title: 'Audit the ACLs of a service and remove its over-broad grants',
  track: 'ops',
  domain: 'security',
  difficulty: 'medium',
  minutes: 15,
  needs: { minBrokers: 1, mode: 'any', security: 'sasl' },
  task: () =>
    [
      `A security review found that service user '${USER}' (password in ${practicePathForTask(PASSWORD_FILE)}) can read`,
      `'${SECRET_TOPIC}'. The service only writes to '${TOPIC}' and reads it back in consumer group '${GROUP}'.`,
      `Audit the ACLs of ${PRINCIPAL} and remove every grant beyond that, without breaking the service: it must`,
      'keep writing and reading as before, and be refused everything else.',
    ].join('\n'),
  async setup(ctx) {
    removePracticeFiles(ctx, [PASSWORD_FILE]);
    await deleteAclsOf(ctx.d, PRINCIPAL);
    await deleteGroupsIfPresent(ctx.d, [GROUP, OTHER_GROUP]);
    await seedTopic(ctx, TOPIC, { partitions: 3, count: 3 });
    await seedTopic(ctx, SECRET_TOPIC, { partitions: 1, count: 3 });
    const password = newPassword();
    await setScram(ctx, USER, password);
    writePracticeFile(ctx, PASSWORD_FILE, password);
    for (const g of SETUP_GRANTS) await ctx.tool('kafka-acls.sh', ['--add', '--allow-principal', PRINCIPAL, ...g]);
    await waitForLogin(ctx, USER, password);
    return {};
  },
  async check(ctx) {
    const password = practiceFile(ctx, PASSWORD_FILE);
    const later = [`${USER} writes to '${TOPIC}'`, `${USER} reads '${TOPIC}' as group '${GROUP}'`, `${USER} cannot read '${SECRET_TOPIC}'`, `${USER} cannot write to '${SECRET_TOPIC}'`, `${USER} cannot read '${TOPIC}' as group '${OTHER_GROUP}'`];
    const out: Criterion[] = [];
    const acls = await grade(`ACLs of ${PRINCIPAL} grant nothing beyond what the service needs`, async () => {
      const extra = grantsBeyond(await describeAclBindings(await ctx.live()), PRINCIPAL, NEEDED);
      return { ok: extra.length === 0, saw: extra.length === 0 ? `only Read/Write/Describe on topic '${TOPIC}' and Read/Describe on group '${GROUP}'` : `also: ${extra.join('; ')}` };
    });
    out.push(acls);
    if (!password) return [...out, ...later.map((n) => notTried(n, `${practicePathForTask(PASSWORD_FILE)} is missing: restart the drill`))];
    const login = await tryLogin(ctx, USER, password);
    if (!login.ok) return [...out, criterion(`${USER} logs in`, false, `${login.kind}: ${login.message}`), ...later.map((n) => notTried(n, 'the user cannot log in'))];
    out.push(...(await clientCriteria(ctx, { sasl: { username: USER, password } })));
    return out;
  },
  hints: [
    'kafka-acls.sh --list --principal User:inventory-app lists every binding of the user, on every resource pattern: look for the wildcard name * and for PREFIXED patterns.',
    'A binding is removed with the same arguments it was added with: kafka-acls.sh --remove --allow-principal User:inventory-app --operation All --topic \'*\' (quote the * for the shell); a prefixed one needs --resource-pattern-type prefixed.',
    'Keep the literal grants (Read, Write, Describe on topic inventory; Read on group inventory-readers). A prefixed grant on group \'inventory\' also covers inventory-audit and any group that starts with the word.',
  ],
  solution: {
    steps: [
      `kafka-acls.sh --list --principal ${PRINCIPAL}`,
      `kafka-acls.sh --remove --force --allow-principal ${PRINCIPAL} --operation All --topic '*'`,
      `kafka-acls.sh --remove --force --allow-principal ${PRINCIPAL} --operation All --group inventory --resource-pattern-type prefixed`,
    ],
    async run(ctx) {
      ctx.say(`$ kafka-acls.sh --list --principal ${PRINCIPAL}`);
      ctx.say(indent((await ctx.tool('kafka-acls.sh', ['--list', '--principal', PRINCIPAL])).stdout));
      for (const g of SETUP_GRANTS.slice(2)) {
        const args = ['--remove', '--force', '--allow-principal', PRINCIPAL, ...g];
        ctx.say(`$ kafka-acls.sh ${args.map((a) => (a === '*' ? "'*'" : a)).join(' ')}`);
        await ctx.tool('kafka-acls.sh', args);
      }
      ctx.say(`${PRINCIPAL} keeps only the literal grants on '${TOPIC}' and '${GROUP}'`);
    },
  },
  explain: [
    'An ACL binding is a principal, a resource pattern (type, name, LITERAL or PREFIXED; the literal name *',
    'matches every resource of the type), an operation (All covers every one, Alter and Delete included) and',
    'ALLOW or DENY. The authorizer allows an operation when some ALLOW binding matches and no DENY does, so',
    'one wide grant hides behind any number of precise ones: audits look for *, PREFIXED and All. A binding is',
    'removed by repeating exactly how it was added; removing the precise grants instead breaks the service.',
  ].join('\n'),
  async reset(ctx) {
    await deleteAclsOf(ctx.d, PRINCIPAL);
    await deleteScram(ctx, USER);
    await deleteGroupsIfPresent(ctx.d, [GROUP, OTHER_GROUP]);
    await deleteTopicsIfPresent(ctx.d, [TOPIC, SECRET_TOPIC]);
    removePracticeFiles(ctx, [PASSWORD_FILE]);
  },
};
