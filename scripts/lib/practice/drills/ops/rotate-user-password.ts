import { newPassword, notTried, practiceFile, practicePathForTask, removePracticeFiles, writePracticeFile } from '../kit/kit.ts';
import { deleteScram, setScram, tryLogin, waitForLogin } from '../kit/scram.ts';
import { criterion, type Drill } from '../kit/types.ts';

const USER = 'billing-app';
const CURRENT_FILE = `${USER}.password`;
const NEW_FILE = `${USER}.new-password`;

export const rotateUserPassword: Drill = {
  id: 'rotate-user-password',
  title: "Rotate a SCRAM user's password",
  track: 'ops',
  domain: 'security',
  difficulty: 'easy',
  minutes: 8,
  needs: { minBrokers: 1, mode: 'any', security: 'sasl' },
  task: (_facts, cluster) =>
    [
      `The password of SCRAM user '${USER}' (in ${practicePathForTask(CURRENT_FILE)}) has leaked. Rotate it:`,
      `choose a new password, put it (alone) in ${practicePathForTask(NEW_FILE)}, and change the user's`,
      `${cluster.security.mechanism} credential so that the new password works and the old one is refused.`,
    ].join('\n'),
  async setup(ctx) {
    removePracticeFiles(ctx, [NEW_FILE]);
    const old = newPassword();
    await setScram(ctx, USER, old);
    writePracticeFile(ctx, CURRENT_FILE, old);
    await waitForLogin(ctx, USER, old);
    return { old };
  },
  async check(ctx) {
    const old = String(ctx.facts.old ?? '');
    const fresh = practiceFile(ctx, NEW_FILE);
    const out = [
      criterion(
        `a new password is in ${practicePathForTask(NEW_FILE)}`,
        Boolean(fresh) && fresh !== old,
        !fresh ? 'no such file, or it is empty' : fresh === old ? 'it is the old password' : `${fresh.length} characters, not the old one`,
      ),
    ];
    if (!fresh || fresh === old) return [...out, notTried(`${USER} logs in with the new password`, 'no new password'), notTried(`the old password of ${USER} is refused`, 'no new password')];
    const withNew = await tryLogin(ctx, USER, fresh);
    out.push(criterion(`${USER} logs in with the new password`, withNew.ok, withNew.ok ? 'authenticated' : `${withNew.kind}: ${withNew.message}`));
    const withOld = await tryLogin(ctx, USER, old);
    out.push(
      criterion(
        `the old password of ${USER} is refused`,
        !withOld.ok && withOld.kind === 'authentication',
        withOld.ok ? 'the old password still logs in' : `${withOld.kind}: ${withOld.message}`,
      ),
    );
    return out;
  },
  hints: [
    'A SCRAM credential is a user config: kafka-configs.sh --describe --entity-type users --entity-name billing-app shows the mechanism and iterations (never the password).',
    'Adding a credential for a mechanism the user already has replaces it: the old password stops working at once, on every broker.',
    "kafka-configs.sh --bootstrap-server … --command-config … --alter --entity-type users --entity-name billing-app --add-config 'SCRAM-SHA-512=[password=<new>]'",
  ],
  solution: {
    steps: [`echo <new password> > ${practicePathForTask(NEW_FILE)}`, `kafka-configs.sh --alter --entity-type users --entity-name ${USER} --add-config '<mechanism>=[password=<new>]'`],
    async run(ctx) {
      const fresh = newPassword();
      ctx.say(`wrote a new password to ${writePracticeFile(ctx, NEW_FILE, fresh)}`);
      await setScram(ctx, USER, fresh, true);
      await waitForLogin(ctx, USER, fresh);
      ctx.say(`${USER} logs in with the new password`);
    },
  },
  explain: [
    'Kafka keeps SCRAM credentials (salt, iterations, salted hashes; never the password) in the cluster',
    'metadata. Altering the credential of a mechanism replaces it everywhere at once: new logins with the',
    'old password fail, connections already authenticated stay open until they reconnect (set',
    'connections.max.reauth.ms to force re-authentication). For a rotation without downtime, give the',
    'application a second user, or roll it right after the change.',
  ].join('\n'),
  async reset(ctx) {
    await deleteScram(ctx, USER);
    removePracticeFiles(ctx, [CURRENT_FILE, NEW_FILE]);
  },
};
