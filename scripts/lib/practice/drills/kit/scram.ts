/** SCRAM users for the security drills: set, delete, and try a login with a real client. */
import { authenticate, classifyFailure, type FailureKind, shortMessage } from '../../../kafka/index.ts';
import { indent, waitFor } from './kit.ts';
import type { DrillContext } from './types.ts';

/** kafka-configs.sh arguments that set (or replace) a user's SCRAM credential. */
export const scramArgs = (mechanism: string, user: string, password: string): string[] => [
  '--alter',
  '--entity-type',
  'users',
  '--entity-name',
  user,
  '--add-config',
  `${mechanism}=[password=${password}]`,
];

/** Set a credential with kafka-configs.sh; `show` prints the command with the password masked. */
export async function setScram(ctx: DrillContext, user: string, password: string, show = false): Promise<void> {
  const args = scramArgs(ctx.cluster.security.mechanism, user, password);
  if (show) ctx.say(`$ kafka-configs.sh ${args.join(' ').replace(password, '<password>')}`);
  const r = await ctx.tool('kafka-configs.sh', args);
  if (show) ctx.say(indent(r.stdout));
}

/** Remove a user's credential; a user that has none is fine. */
export async function deleteScram(ctx: DrillContext, user: string): Promise<void> {
  await ctx
    .tool('kafka-configs.sh', ['--alter', '--entity-type', 'users', '--entity-name', user, '--delete-config', ctx.cluster.security.mechanism])
    .catch(() => undefined);
}

export type LoginResult = { ok: true } | { ok: false; kind: FailureKind; message: string };

/** Log in as `user` with a real client (listing topics needs no ACL). */
export async function tryLogin(ctx: DrillContext, user: string, password: string): Promise<LoginResult> {
  try {
    await authenticate(await ctx.live(), { identity: { sasl: { username: user, password } } });
    return { ok: true };
  } catch (error) {
    return { ok: false, kind: classifyFailure(error), message: shortMessage(error) };
  }
}

/** Wait until a login succeeds (credentials reach every broker through the metadata log). */
export async function waitForLogin(ctx: DrillContext, user: string, password: string, timeoutMs = 60_000): Promise<void> {
  await waitFor(
    async () => {
      const r = await tryLogin(ctx, user, password);
      if (!r.ok) throw new Error(`${user} cannot log in yet: ${r.message}`);
      return true;
    },
    { what: `user '${user}' to log in`, timeoutMs },
  );
}
