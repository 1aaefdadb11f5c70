/**
 * The verify orchestrator: runs a list of checks against a cluster, side by side where they are
 * independent, and reports them in the list's order.
 *   1. Drop the checks that do not apply to the cluster's shape.
 *   2. Each check starts once the barriers before it (a check that stops on failure, or is marked
 *      a barrier) and the checks it requires or comes after have finished; the others run at the
 *      same time.
 *   3. Skip it when a check it requires did not pass (or did not run), or when a check that stops
 *      on failure failed before it.
 *   4. Show its name (a group: its label) on the progress line, and run it: a single check's detail
 *      is a passed line, its throw a failed line with the message; a group's lines are its own,
 *      its throw one failed line under the group's name.
 *   5. The report lists the lines in the list's order and passes when every line passed; warnings
 *      the checks noted are added when any.
 * Never throws for a failed check: every failure is a line of the report.
 */
import { waitFor as pollUntil } from '../core/index.ts';
import { isGroup, messageOf, type Check, type VerifyCheck, type VerifyContext, type VerifyEnv, type VerifyReport } from './check.ts';

/** How a check waits (core's waitFor; a fake in tests). */
export type Waiter = <T>(probe: () => Promise<T | undefined>, opts: Parameters<typeof pollUntil>[1]) => Promise<T>;

/** How often a check that waits looks again. */
export const VERIFY_POLL_MS = 250;

/** The context every check runs with: the env, a waiter bound to its deadline, warnings and findings. */
export function contextOf(env: VerifyEnv, warnings: string[], wait: Waiter = pollUntil): VerifyContext {
  const progress = env.progress;
  return {
    ...env,
    // A local cluster answers in milliseconds: look 4 times a second, so no wait overshoots by much.
    waitFor: (probe, what) => wait(probe, { what, timeoutMs: env.timeoutMs, intervalMs: VERIFY_POLL_MS, ...(progress ? { progress } : {}) }),
    warn: (text) => void warnings.push(text),
    found: {},
  };
}

/** Run one check; returns its lines. */
async function runOne(check: VerifyCheck, ctx: VerifyContext): Promise<readonly Check[]> {
  const name = check.name(ctx.cluster);
  ctx.progress?.update(isGroup(check) ? check.progressLabel : name);
  try {
    if (isGroup(check)) return await check.runAll(ctx);
    return [{ name, ok: true, detail: await check.run(ctx) }];
  } catch (error) {
    return [{ name, ok: false, detail: messageOf(error) }];
  }
}

type Outcome = 'passed' | 'failed' | 'skipped';

/** Run `checks` against the env's cluster (steps above). */
export async function runChecks(checks: readonly VerifyCheck[], env: VerifyEnv, wait: Waiter = pollUntil): Promise<VerifyReport> {
  const warnings: string[] = [];
  const ctx = contextOf(env, warnings, wait);
  const outcomes = new Map<string, Promise<Outcome>>();
  const runs: Promise<readonly Check[]>[] = [];
  let open: Promise<boolean> = Promise.resolve(true); // false once a check that stops on failure failed
  for (const check of checks.filter((c) => c.applies(env.cluster))) {
    const gate = open;
    const deps = [...(check.requires ?? []), ...(check.after ?? [])].map((id) => [id, outcomes.get(id) ?? Promise.resolve<Outcome>('skipped')] as const);
    const run = (async (): Promise<{ lines: readonly Check[]; outcome: Outcome }> => {
      if (!(await gate)) return { lines: [], outcome: 'skipped' };
      const finished = new Map(await Promise.all(deps.map(async ([id, p]) => [id, await p] as const)));
      if ((check.requires ?? []).some((id) => finished.get(id) !== 'passed')) return { lines: [], outcome: 'skipped' };
      const lines = await runOne(check, ctx);
      return { lines, outcome: lines.every((c) => c.ok) ? 'passed' : 'failed' };
    })();
    outcomes.set(check.id, run.then((r) => r.outcome));
    runs.push(run.then((r) => r.lines));
    if (check.stopsOnFailure || check.barrier) open = run.then(async (r) => (await gate) && !(check.stopsOnFailure && r.outcome === 'failed'));
  }
  const lines = (await Promise.all(runs)).flat();
  return {
    ok: lines.every((c) => c.ok),
    cluster: env.cluster.name,
    securityMode: env.cluster.security.mode,
    checks: lines,
    ...(warnings.length > 0 ? { warnings } : {}),
  };
}
