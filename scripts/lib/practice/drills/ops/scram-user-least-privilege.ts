import { classifyFailure, consumeAs, deleteAclsOf, deleteGroupsIfPresent, deleteTopicsIfPresent, describeAclBindings, type Identity, produce, shortMessage } from '../../../kafka/index.ts';
import { grade, newPassword, notTried, practiceFile, practicePathForTask, removePracticeFiles, seedTopic, writePracticeFile } from '../kit/kit.ts';
import { deleteScram, setScram, tryLogin, waitForLogin } from '../kit/scram.ts';
import { criterion, type Criterion, type Drill, type DrillContext } from '../kit/types.ts';

const USER = 'payments-app';
const PRINCIPAL = `User:${USER}`;
const TOPIC = 'payments';
const OTHER_TOPIC = 'ledger';
const GROUP = 'payments-readers';
const OTHER_GROUP = 'payments-other';
const PASSWORD_FILE = `${USER}.password`;

/** What the user may hold: resource type/name → operations. */
export const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  [`topic:${TOPIC}`]: ['read', 'write', 'describe'],
  [`group:${GROUP}`]: ['read', 'describe'],
};

/** ALLOW bindings of the principal beyond the least-privilege set, in words. */
export function extraGrants(bindings: readonly { principal: string; resourceType: string; resourceName: string; pattern: string; operation: string; permission: string }[]): string[] {
  return bindings
    .filter((b) => b.principal === PRINCIPAL && b.permission === 'allow')
    .filter((b) => !(b.pattern === 'literal' && (ALLOWED[`${b.resourceType}:${b.resourceName}`] ?? []).includes(b.operation)))
    .map((b) => `${b.operation} on ${b.resourceType} '${b.resourceName}'${b.pattern === 'literal' ? '' : ` (${b.pattern})`}`);
}

async function attempt(fn: () => Promise<unknown>): Promise<{ ok: true } | { ok: false; error: unknown }> {
  try {
    await fn();
    return { ok: true };
  } catch (error) {
    return { ok: false, error };
  }
}

export async function mustWork(name: string, fn: () => Promise<unknown>): Promise<Criterion> {
  const r = await attempt(fn);
  return criterion(name, r.ok, r.ok ? 'done' : `failed: ${shortMessage(r.error)}`);
}

export async function mustBeRefused(name: string, fn: () => Promise<unknown>): Promise<Criterion> {
  const r = await attempt(fn);
  if (r.ok) return criterion(name, false, 'it worked: the user has a grant it should not have');
  const kind = classifyFailure(r.error);
  return criterion(name, kind === 'authorization', `${kind === 'authorization' ? 'refused' : `failed, but not by the authorizer (${kind})`}: ${shortMessage(r.error)}`);
}

async function clientCriteria(ctx: DrillContext, identity: Identity): Promise<Criterion[]> {
  const d = await ctx.live();
  const opts = { identity, retries: 1 };
  return [
    await mustWork(`${USER} writes to '${TOPIC}'`, () => produce(d, TOPIC, [{ key: 'drill', value: 'written by the grader as payments-app' }], opts)),
    await mustWork(`${USER} reads '${TOPIC}' as group '${GROUP}'`, async () => {
      const got = await consumeAs(d, TOPIC, 1, { ...opts, groupId: GROUP, timeoutMs: 20_000 });
      if (got.length === 0) throw new Error('read no record within 20 s');
    }),
    await mustBeRefused(`${USER} cannot write to '${OTHER_TOPIC}'`, () => produce(d, OTHER_TOPIC, [{ value: 'must be refused' }], opts)),
    await mustBeRefused(`${USER} cannot read '${TOPIC}' as group '${OTHER_GROUP}'`, async () => {
      const got = await consumeAs(d, TOPIC, 1, { ...opts, groupId: OTHER_GROUP, timeoutMs: 20_000 });
      if (got.length === 0) throw new Error('read nothing, and was not refused either');
    }),
    await mustBeRefused(`${USER} cannot read '${OTHER_TOPIC}'`, async () => {
      const got = await consumeAs(d, OTHER_TOPIC, 1, { ...opts, groupId: GROUP, timeoutMs: 20_000 });
      if (got.length === 0) throw new Error('read nothing, and was not refused either');
    }),
  ];
}

export const scramUserLeastPrivilege: Drill = {
  id: 'scram-user-least-privilege',
  title: 'Add a SCRAM user with least-privilege ACLs',
  track: 'ops',
  domain: 'security',
  difficulty: 'medium',
  minutes: 15,
  needs: { minBrokers: 1, mode: 'any', security: 'sasl' },
  task: (_facts, cluster) =>
    [
      `A new service, '${USER}', must write to topic '${TOPIC}' and read it back in consumer group '${GROUP}',`,
      'and do nothing else on this cluster (the authorizer denies whatever no ACL allows).',
      `1. Choose a password and put it (alone) in ${practicePathForTask(PASSWORD_FILE)}: the grader logs in with it.`,
      `2. Create the SCRAM user '${USER}' (mechanism ${cluster.security.mechanism}) with that password.`,
      '3. Grant exactly what it needs: no wildcard, no prefix, no Create, nothing on other topics or groups.',
    ].join('\n'),
  async setup(ctx) {
    removePracticeFiles(ctx, [PASSWORD_FILE]);
    await deleteAclsOf(ctx.d, PRINCIPAL);
    await deleteGroupsIfPresent(ctx.d, [GROUP, OTHER_GROUP]);
    await seedTopic(ctx, TOPIC, { partitions: 3, count: 3 });
    await seedTopic(ctx, OTHER_TOPIC, { partitions: 1, count: 3 });
    return {};
  },
  async check(ctx) {
    const password = practiceFile(ctx, PASSWORD_FILE);
    const out: Criterion[] = [
      criterion(`the password is in ${practicePathForTask(PASSWORD_FILE)}`, Boolean(password), password ? `${password.length} characters` : 'no such file, or it is empty'),
    ];
    const later = [`${USER} logs in`, `${USER} writes to '${TOPIC}'`, `${USER} reads '${TOPIC}' as group '${GROUP}'`, `${USER} cannot write to '${OTHER_TOPIC}'`, `${USER} cannot read '${TOPIC}' as group '${OTHER_GROUP}'`, `${USER} cannot read '${OTHER_TOPIC}'`];
    if (!password) return [...out, ...later.map((n) => notTried(n, 'no password to log in with'))];
    const login = await tryLogin(ctx, USER, password);
    out.push(criterion(`${USER} logs in`, login.ok, login.ok ? `authenticated with ${ctx.cluster.security.mechanism}` : `${login.kind}: ${login.message}`));
    if (!login.ok) return [...out, ...later.slice(1).map((n) => notTried(n, 'the user cannot log in'))];
    out.push(...(await clientCriteria(ctx, { sasl: { username: USER, password } })));
    out.push(
      await grade(`ACLs of ${PRINCIPAL} grant nothing beyond that`, async () => {
        const extra = extraGrants(await describeAclBindings(await ctx.live()));
        return { ok: extra.length === 0, saw: extra.length === 0 ? 'only Read/Write/Describe on the topic and Read/Describe on the group' : `also: ${extra.join('; ')}` };
      }),
    );
    return out;
  },
  hints: [
    'Two tools: kafka-configs.sh creates SCRAM credentials (--entity-type users --add-config \'SCRAM-SHA-512=[password=…]\'), kafka-acls.sh grants operations to User:payments-app.',
    'A producer needs Write (and Describe) on the topic; a consumer needs Read (and Describe) on the topic and Read on its group. kafka-acls.sh --producer also grants Create, which this user does not need.',
    'kafka-acls.sh … --add --allow-principal User:payments-app --operation Write --operation Read --operation Describe --topic payments, then … --add --allow-principal User:payments-app --operation Read --group payments-readers',
  ],
  solution: {
    steps: [
      `echo <new password> > ${practicePathForTask(PASSWORD_FILE)}`,
      `kafka-configs.sh --alter --entity-type users --entity-name ${USER} --add-config '<mechanism>=[password=<password>]'`,
      `kafka-acls.sh --add --allow-principal ${PRINCIPAL} --operation Write --operation Read --operation Describe --topic ${TOPIC}`,
      `kafka-acls.sh --add --allow-principal ${PRINCIPAL} --operation Read --group ${GROUP}`,
    ],
    async run(ctx) {
      const password = newPassword();
      ctx.say(`wrote a new password to ${writePracticeFile(ctx, PASSWORD_FILE, password)}`);
      await setScram(ctx, USER, password, true);
      for (const args of [
        ['--add', '--allow-principal', PRINCIPAL, '--operation', 'Write', '--operation', 'Read', '--operation', 'Describe', '--topic', TOPIC],
        ['--add', '--allow-principal', PRINCIPAL, '--operation', 'Read', '--group', GROUP],
      ]) {
        ctx.say(`$ kafka-acls.sh ${args.join(' ')}`);
        await ctx.tool('kafka-acls.sh', args);
      }
      await waitForLogin(ctx, USER, password);
      ctx.say(`${USER} logs in; the ACLs are in place`);
    },
  },
  explain: [
    'Authentication (SCRAM: the broker stores a salted hash, never the password) says who the client is;',
    'authorization (ACLs on topics, groups, transactional ids, the cluster) says what it may do. With',
    'allow.everyone.if.no.acl.found=false, everything not allowed is denied. A consumer needs Read on its',
    'group as well as on the topic; an idempotent producer needs no IdempotentWrite on Kafka 3.0+ (KIP-679),',
    'Write on one topic is enough. Least privilege: literal names, only the operations used.',
  ].join('\n'),
  async reset(ctx) {
    await deleteAclsOf(ctx.d, PRINCIPAL);
    await deleteScram(ctx, USER);
    await deleteGroupsIfPresent(ctx.d, [GROUP, OTHER_GROUP]);
    await deleteTopicsIfPresent(ctx.d, [TOPIC, OTHER_TOPIC]);
    removePracticeFiles(ctx, [PASSWORD_FILE]);
  },
};
