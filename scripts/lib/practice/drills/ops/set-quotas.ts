import { indent } from '../kit/kit.ts';
import { parseQuotas, type QuotaEntry } from '../kit/quotas.ts';
import { criterion, type Drill, type DrillContext } from '../kit/types.ts';

const USER = 'reports-app';
const CLIENT = 'reports-batch';
const WANT = { producer_byte_rate: 1_048_576, consumer_byte_rate: 2_097_152 } as const;

/** The quotas set on the (user, client-id) pair and on the user alone (or its default client). */
async function describeQuotas(ctx: DrillContext): Promise<{ pair?: QuotaEntry; userWide: QuotaEntry[] }> {
  const pair = parseQuotas((await ctx.tool('kafka-configs.sh', ['--describe', '--entity-type', 'users', '--entity-name', USER, '--entity-type', 'clients', '--entity-name', CLIENT])).stdout);
  const user = parseQuotas((await ctx.tool('kafka-configs.sh', ['--describe', '--entity-type', 'users', '--entity-name', USER])).stdout);
  return {
    ...(pair.find((q) => q.user === USER && q.clientId === CLIENT) ? { pair: pair.find((q) => q.user === USER && q.clientId === CLIENT)! } : {}),
    userWide: user.filter((q) => q.user === USER && (q.clientId === undefined || q.clientId === '<default>') && Object.keys(q.configs).length > 0),
  };
}

const show = (c: Readonly<Record<string, number>> | undefined): string =>
  c && Object.keys(c).length > 0 ? Object.entries(c).map(([k, v]) => `${k}=${v}`).join(', ') : 'no quota';

export const setQuotas: Drill = {
  id: 'set-quotas',
  title: 'Throttle one client of a user with byte-rate quotas',
  track: 'ops',
  domain: 'scaling-and-capacity',
  difficulty: 'medium',
  minutes: 10,
  needs: { minBrokers: 1, mode: 'any', security: 'sasl' },
  task: () =>
    [
      `The nightly batch job of user '${USER}' (client id '${CLIENT}') floods the brokers. Cap that job at`,
      `${WANT.producer_byte_rate} bytes/s produced and ${WANT.consumer_byte_rate} bytes/s fetched (per broker), without limiting the other`,
      `clients of '${USER}': set the quotas on the user and client-id pair, not on the user alone.`,
    ].join('\n'),
  async setup() {
    return {};
  },
  async check(ctx) {
    const q = await describeQuotas(ctx);
    const out = Object.entries(WANT).map(([key, want]) => {
      const got = q.pair?.configs[key];
      return criterion(`${key} of user '${USER}', client-id '${CLIENT}' is ${want}`, got === want, got === undefined ? `${key} not set on that pair (${show(q.pair?.configs)})` : `${key}=${got}`);
    });
    out.push(
      criterion(
        `no quota on user '${USER}' as a whole`,
        q.userWide.length === 0,
        q.userWide.length === 0 ? 'none: its other clients are not throttled' : q.userWide.map((e) => `${e.clientId === '<default>' ? 'default client-id' : 'user'}: ${show(e.configs)}`).join('; '),
      ),
    );
    return out;
  },
  hints: [
    'Client quotas are set with kafka-configs.sh on entity type users, clients, or both together (and on <default> entities).',
    'Give both --entity-type users --entity-name reports-app and --entity-type clients --entity-name reports-batch in one command to address the pair.',
    'kafka-configs.sh … --alter --entity-type users --entity-name reports-app --entity-type clients --entity-name reports-batch --add-config producer_byte_rate=1048576,consumer_byte_rate=2097152',
  ],
  solution: {
    steps: [
      `kafka-configs.sh --alter --entity-type users --entity-name ${USER} --entity-type clients --entity-name ${CLIENT} --add-config producer_byte_rate=${WANT.producer_byte_rate},consumer_byte_rate=${WANT.consumer_byte_rate}`,
      `kafka-configs.sh --describe --entity-type users --entity-name ${USER} --entity-type clients --entity-name ${CLIENT}`,
    ],
    async run(ctx) {
      const args = ['--alter', '--entity-type', 'users', '--entity-name', USER, '--entity-type', 'clients', '--entity-name', CLIENT, '--add-config', Object.entries(WANT).map(([k, v]) => `${k}=${v}`).join(',')];
      ctx.say(`$ kafka-configs.sh ${args.join(' ')}`);
      ctx.say(indent((await ctx.tool('kafka-configs.sh', args)).stdout));
    },
  },
  explain: [
    'Quotas are per broker and matched most specific first: (user, client-id), then user with the default',
    'client-id, then user, then the defaults, then client-id alone. A client over its quota is not refused: the',
    'broker delays its responses (throttle_time_ms) and mutes its channel until the rate is back under the',
    'limit. Byte-rate quotas cap produce and fetch traffic; request_percentage caps broker thread time.',
  ].join('\n'),
  async reset(ctx) {
    const q = await describeQuotas(ctx);
    const drop = async (entity: string[], keys: readonly string[]): Promise<void> => {
      if (keys.length > 0) await ctx.tool('kafka-configs.sh', ['--alter', ...entity, '--delete-config', keys.join(',')]);
    };
    await drop(['--entity-type', 'users', '--entity-name', USER, '--entity-type', 'clients', '--entity-name', CLIENT], Object.keys(q.pair?.configs ?? {}));
    for (const e of q.userWide) {
      await drop(['--entity-type', 'users', '--entity-name', USER, ...(e.clientId === '<default>' ? ['--entity-type', 'clients', '--entity-default'] : [])], Object.keys(e.configs));
    }
  },
};
