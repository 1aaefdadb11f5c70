/**
 * The verify orchestrator: runs a list of checks against a cluster, in order, and reports.
 *   1. For each check in the list's order: skip it when it does not apply to the cluster's shape,
 *      or when a check it requires did not pass (or did not run).
 *   2. Show its name (a group: its label) on the progress line.
 *   3. Run it: a single check's detail is a passed line, its throw a failed line with the message;
 *      a group's lines are added as they come, its throw one failed line under the group's name.
 *   4. A failed check that stops on failure ends the run: no later check runs.
 *   5. The report passes when every line passed; warnings the checks noted are added when any.
 * Never throws for a failed check: every failure is a line of the report.
 */
import { waitFor as pollUntil } from '../core/index.ts';
import { isGroup, messageOf, type Check, type VerifyCheck, type VerifyContext, type VerifyEnv, type VerifyReport } from './check.ts';

/** How a check waits (core's waitFor; a fake in tests). */
export type Waiter = <T>(probe: () => Promise<T | undefined>, opts: Parameters<typeof pollUntil>[1]) => Promise<T>;

/** The context every check runs with: the env, a waiter bound to its deadline, warnings and findings. */
export function contextOf(env: VerifyEnv, warnings: string[], wait: Waiter = pollUntil): VerifyContext {
  const progress = env.progress;
  return {
    ...env,
    waitFor: (probe, what) => wait(probe, { what, timeoutMs: env.timeoutMs, ...(progress ? { progress } : {}) }),
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

/** Run `checks` in order against the env's cluster (steps above). */
export async function runChecks(checks: readonly VerifyCheck[], env: VerifyEnv, wait: Waiter = pollUntil): Promise<VerifyReport> {
  const warnings: string[] = [];
  const ctx = contextOf(env, warnings, wait);
  const lines: Check[] = [];
  const passed = new Set<string>();
  for (const check of checks) {
    if (!check.applies(env.cluster)) continue;
    if ((check.requires ?? []).some((id) => !passed.has(id))) continue;
    const out = await runOne(check, ctx);
    lines.push(...out);
    const ok = out.every((c) => c.ok);
    if (ok) passed.add(check.id);
    if (!ok && (check.stopsOnFailure ?? false)) break;
  }
  return {
    ok: lines.every((c) => c.ok),
    cluster: env.cluster.name,
    securityMode: env.cluster.security.mode,
    checks: lines,
    ...(warnings.length > 0 ? { warnings } : {}),
  };
}
